package io.axle.saga.billing;

import static com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY;
import static com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.axle.api.common.Refusal;
import io.axle.api.invoice.InvoiceIssuedEvent;
import io.axle.api.invoice.InvoiceRequestedEvent;
import io.axle.api.invoice.Invoices;
import io.axle.api.invoice.RequestInvoiceCommand;
import io.axle.api.order.OrderCancelledEvent;
import io.axle.api.order.OrderConfirmedEvent;
import io.axle.platform.messaging.Refusals;
import io.axle.saga.Backoff;
import io.axle.saga.fulfilment.OrderFulfilmentSaga;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Asks for the invoice of each confirmed order, unless {@code axle.billing.auto-invoice} is off.
 *
 * <p>The invoice's id is derived from the order's ({@link Invoices#idForOrder}), so the request may be sent as often
 * as needed and the order is still invoiced once. The saga never waits for an answer on its processor's thread: it
 * sends the request and ends once it sees the order's invoice requested or issued ({@link InvoiceRequestedEvent},
 * {@link InvoiceIssuedEvent}, whoever asked for it). Until then the {@value #RETRY_DEADLINE} deadline sends the request
 * again, from {@link #RETRY_FIRST} doubling up to {@link #RETRY_MAX}; after {@value #ATTEMPTS} attempts the saga logs
 * how to ask for the invoice by hand and ends. A failed request is logged with its refusal: an existing invoice
 * ({@value #ALREADY_INVOICED}, or {@value #MUST_BE_UNIQUE} when two requests raced) means its events are on their way;
 * another refusal names what to fix. A cancellation while it still waits ends it without an invoice.
 *
 * <p>It runs in the processor of {@link OrderFulfilmentSaga} ({@value OrderFulfilmentSaga#PROCESSING_GROUP}), which
 * already follows the event stream: a processor of its own would start at the beginning of the event store and
 * invoice every order ever confirmed. Sagas are never replayed. The state is the order and customer ids and the
 * attempts so far, serialised with Jackson.
 */
@Saga
@ProcessingGroup(OrderFulfilmentSaga.PROCESSING_GROUP)
@JsonAutoDetect(fieldVisibility = ANY, getterVisibility = NONE, isGetterVisibility = NONE, setterVisibility = NONE)
public class InvoicingSaga {

    /** Deadline that sends the request again until the invoice is seen. */
    static final String RETRY_DEADLINE = "invoice-request-retry";
    /** Who the invoices this saga asks for are requested by. */
    static final String REQUESTED_BY = "system";
    /** Rule of the refusal of a second request for an order's invoice. */
    static final String ALREADY_INVOICED = "already-invoiced";
    /** Rule of the refusal of a second creation of the same aggregate, met when two requests race. */
    static final String MUST_BE_UNIQUE = "must-be-unique";

    static final Duration RETRY_FIRST = Duration.ofSeconds(30);
    static final Duration RETRY_MAX = Duration.ofMinutes(5);
    static final int ATTEMPTS = 20;

    private static final Set<String> INVOICE_EXISTS = Set.of(ALREADY_INVOICED, MUST_BE_UNIQUE);
    private static final Logger log = LoggerFactory.getLogger(InvoicingSaga.class);

    @Autowired
    private transient CommandGateway commandGateway;
    @Autowired
    private transient DeadlineManager deadlineManager;
    @Autowired(required = false)
    private transient InvoicingProperties properties;

    private String orderId;
    private String customerId;
    private int attempts;

    @StartSaga
    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderConfirmedEvent event) {
        if (!autoInvoice()) {
            log.debug("Order {} confirmed; not invoiced automatically (axle.billing.auto-invoice is off)",
                    event.orderId());
            SagaLifecycle.end();
            return;
        }
        orderId = event.orderId();
        customerId = event.customerId();
        requestInvoice();
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(InvoiceRequestedEvent event) {
        log.debug("Order {}: invoice {} requested", orderId, event.invoiceId());
        done();
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(InvoiceIssuedEvent event) {
        done();
    }

    @DeadlineHandler(deadlineName = RETRY_DEADLINE)
    void onRetry() {
        if (attempts >= ATTEMPTS) {
            log.error("Order {}: its invoice was not seen requested after {} attempts; giving up. Ask for it: "
                    + "POST /api/v1/billing/generate-invoice {\"orderId\":\"{}\"}.", orderId, attempts, orderId);
            SagaLifecycle.end();
            return;
        }
        requestInvoice();
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderCancelledEvent event) {
        log.info("Order {} was cancelled before its invoice could be requested; it is not invoiced", orderId);
        done();
    }

    private void done() {
        deadlineManager.cancelAllWithinScope(RETRY_DEADLINE);
        SagaLifecycle.end();
    }

    private void requestInvoice() {
        attempts++;
        RequestInvoiceCommand request = new RequestInvoiceCommand(Invoices.idForOrder(orderId), orderId, customerId,
                null, Map.of(), null, REQUESTED_BY);
        String order = orderId;
        int attempt = attempts;
        commandGateway.send(request).whenComplete((result, failure) -> {
            if (failure != null) {
                failed(order, request, attempt, failure);
            }
        });
        deadlineManager.schedule(retryDelay(attempts), RETRY_DEADLINE);
    }

    private static void failed(String orderId, RequestInvoiceCommand request, int attempt, Throwable failure) {
        Refusal refusal = Refusals.of(failure);
        if (refusal != null && INVOICE_EXISTS.contains(refusal.rule())) {
            log.info("Order {} already has its invoice {}; waiting to see it", orderId, request.invoiceId());
        } else if (refusal != null && refusal.status() < 500) {
            log.error("Order {}: the request for its invoice was refused ({} {} on {}: {}); it is sent again {} more "
                            + "times. Once the cause is fixed, ask for it: "
                            + "POST /api/v1/billing/generate-invoice {\"orderId\":\"{}\"}.", orderId,
                    refusal.status(), refusal.rule(), refusal.field(), refusal.detail(), ATTEMPTS - attempt, orderId);
        } else {
            log.warn("Order {}: requesting its invoice failed: {}. Trying again in {} (attempt {} of {}).", orderId,
                    failure.getMessage(), retryDelay(attempt), attempt + 1, ATTEMPTS);
        }
    }

    private boolean autoInvoice() {
        return properties == null ? InvoicingProperties.DEFAULT_AUTO_INVOICE : properties.autoInvoice();
    }

    /** The wait after the given attempt: the first retry delay, doubled per attempt, at most the maximum. */
    static Duration retryDelay(int attempt) {
        return Backoff.doubling(RETRY_FIRST, RETRY_MAX, attempt);
    }
}
