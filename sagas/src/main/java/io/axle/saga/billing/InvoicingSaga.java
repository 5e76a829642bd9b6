package io.axle.saga.billing;

import static com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY;
import static com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.axle.api.common.Refusal;
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
 * as needed and the order is still invoiced once: a refusal because the invoice exists ({@value #ALREADY_INVOICED},
 * or {@value #MUST_BE_UNIQUE} when two requests raced) means done. The saga waits for the answer, at most
 * {@link #ANSWER_TIMEOUT}, to tell "invoiced" from "try again" itself. A failure that is no refusal (no handler yet, a
 * timeout, a conflict) is sent again on the {@value #RETRY_DEADLINE} deadline, from {@link #RETRY_FIRST} doubling up
 * to {@link #RETRY_MAX}; after {@value #ATTEMPTS} attempts, or at once for any other refusal (sending it again would
 * be refused again), the saga logs how to ask for the invoice by hand and ends. A cancellation while it still tries
 * ends it without an invoice.
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

    /** Deadline that sends the request again after a failure. */
    static final String RETRY_DEADLINE = "invoice-request-retry";
    /** Who the invoices this saga asks for are requested by. */
    static final String REQUESTED_BY = "system";
    /** Rule of the refusal of a second request for an order's invoice. */
    static final String ALREADY_INVOICED = "already-invoiced";
    /** Rule of the refusal of a second creation of the same aggregate, met when two requests race. */
    static final String MUST_BE_UNIQUE = "must-be-unique";

    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);
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

    @DeadlineHandler(deadlineName = RETRY_DEADLINE)
    void onRetry() {
        requestInvoice();
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderCancelledEvent event) {
        log.info("Order {} was cancelled before its invoice could be requested; it is not invoiced", orderId);
        deadlineManager.cancelAllWithinScope(RETRY_DEADLINE);
        SagaLifecycle.end();
    }

    private void requestInvoice() {
        attempts++;
        RequestInvoiceCommand request = new RequestInvoiceCommand(Invoices.idForOrder(orderId), orderId, customerId,
                null, Map.of(), null, REQUESTED_BY);
        try {
            commandGateway.sendAndWait(request, ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            log.debug("Order {}: invoice {} requested", orderId, request.invoiceId());
            SagaLifecycle.end();
        } catch (RuntimeException failure) {
            failed(request, failure);
        }
    }

    private void failed(RequestInvoiceCommand request, RuntimeException failure) {
        Refusal refusal = Refusals.of(failure);
        if (refusal != null && INVOICE_EXISTS.contains(refusal.rule())) {
            log.info("Order {} already has its invoice {}; nothing more to request", orderId, request.invoiceId());
            SagaLifecycle.end();
        } else if (refusal != null && refusal.status() < 500) {
            log.error("Order {}: the request for its invoice was refused ({} {} on {}: {}). Once the cause is fixed, "
                            + "ask for it: POST /api/v1/billing/generate-invoice {\"orderId\":\"{}\"}.", orderId,
                    refusal.status(), refusal.rule(), refusal.field(), refusal.detail(), orderId);
            SagaLifecycle.end();
        } else if (attempts >= ATTEMPTS) {
            log.error("Order {}: requesting its invoice failed {} times, last: {}; giving up. Ask for it: "
                    + "POST /api/v1/billing/generate-invoice {\"orderId\":\"{}\"}.", orderId, attempts,
                    failure.getMessage(), orderId);
            SagaLifecycle.end();
        } else {
            Duration delay = retryDelay(attempts);
            log.warn("Order {}: requesting its invoice failed: {}. Trying again in {} (attempt {} of {}).", orderId,
                    failure.getMessage(), delay, attempts + 1, ATTEMPTS);
            deadlineManager.schedule(delay, RETRY_DEADLINE);
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
