package io.axle.saga.billing;

import static com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY;
import static com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE;

import java.math.BigDecimal;
import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.axle.api.customer.CreditReleasedEvent;
import io.axle.api.customer.ReleaseCreditCommand;
import io.axle.api.invoice.CreditNoteIssuedEvent;
import io.axle.api.invoice.InvoiceIssuedEvent;
import io.axle.api.invoice.InvoiceStatus;
import io.axle.api.invoice.PaymentRecordedEvent;
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
 * Gives back the credit an order held on its customer's account once its invoice is settled: paid in full, wholly
 * credited, or brought to a zero balance by payments and credit notes together. Until then the order's amount stays
 * reserved against the customer's credit limit, so that a customer cannot buy on account beyond the limit while
 * invoices are open. A cancelled or rejected order's credit is given back by the {@link OrderFulfilmentSaga}; giving
 * it back twice does nothing.
 *
 * <p>It follows one invoice from its issue. The release is sent until the {@link CreditReleasedEvent} of the order is
 * seen, again on the {@value #RETRY_DEADLINE} deadline from {@link #RETRY_FIRST} doubling up to {@link #RETRY_MAX}, so a
 * failed release is never dropped; the saga ends then, or as soon as it sees the order's credit given back otherwise.
 * It runs in the processor of {@link OrderFulfilmentSaga} ({@value OrderFulfilmentSaga#PROCESSING_GROUP}), like
 * {@link InvoicingSaga}, so that it is not replayed over past invoices.
 */
@Saga
@ProcessingGroup(OrderFulfilmentSaga.PROCESSING_GROUP)
@JsonAutoDetect(fieldVisibility = ANY, getterVisibility = NONE, isGetterVisibility = NONE, setterVisibility = NONE)
public class CreditSettlementSaga {

    /** Deadline that sends the release again until it is seen. */
    static final String RETRY_DEADLINE = "credit-settlement-retry";
    static final Duration RETRY_FIRST = Duration.ofSeconds(10);
    static final Duration RETRY_MAX = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(CreditSettlementSaga.class);

    @Autowired
    private transient CommandGateway commandGateway;
    @Autowired
    private transient DeadlineManager deadlineManager;

    private String invoiceId;
    private String orderId;
    private String customerId;
    /** How the invoice was settled, once it is; null before. */
    private String settled;
    private int attempts;

    @StartSaga
    @SagaEventHandler(associationProperty = "invoiceId")
    void on(InvoiceIssuedEvent event) {
        invoiceId = event.invoiceId();
        orderId = event.orderId();
        customerId = event.customerId();
        SagaLifecycle.associateWith("orderId", orderId);
    }

    @SagaEventHandler(associationProperty = "invoiceId")
    void on(PaymentRecordedEvent event) {
        if (settles(event.status(), event.balance())) {
            settle("paid");
        }
    }

    @SagaEventHandler(associationProperty = "invoiceId")
    void on(CreditNoteIssuedEvent event) {
        if (settles(event.status(), event.balance())) {
            settle(event.status() == InvoiceStatus.CREDITED ? "credited" : "settled by payments and credit notes");
        }
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(CreditReleasedEvent event) {
        log.debug("Invoice {}: credit of order {} given back to customer {}{}", invoiceId, orderId, customerId,
                settled == null ? " before the invoice was settled" : " (" + settled + ")");
        deadlineManager.cancelAllWithinScope(RETRY_DEADLINE);
        SagaLifecycle.end();
    }

    @DeadlineHandler(deadlineName = RETRY_DEADLINE)
    void onReleaseNotSeen() {
        log.warn("Invoice {} is {} but the credit its order {} held is not seen given back yet; sending "
                + "ReleaseCreditCommand({}, {}) again (attempt {}).", invoiceId, settled, orderId, customerId, orderId,
                attempts + 1);
        release();
    }

    private static boolean settles(InvoiceStatus status, BigDecimal balance) {
        return status == InvoiceStatus.PAID || status == InvoiceStatus.CREDITED
                || (balance != null && balance.signum() <= 0);
    }

    private void settle(String how) {
        if (settled != null) {
            return;
        }
        settled = how;
        release();
    }

    private void release() {
        attempts++;
        String invoice = invoiceId;
        commandGateway.send(new ReleaseCreditCommand(customerId, orderId)).whenComplete((result, failure) -> {
            if (failure != null) {
                log.warn("Invoice {}: giving back its order's credit failed: {}. It is sent again later.", invoice,
                        failure.getMessage());
            }
        });
        deadlineManager.schedule(Backoff.doubling(RETRY_FIRST, RETRY_MAX, attempts), RETRY_DEADLINE);
    }
}
