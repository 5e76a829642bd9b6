package io.axle.saga.billing;

import static com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY;
import static com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.axle.api.customer.ReleaseCreditCommand;
import io.axle.api.invoice.CreditNoteIssuedEvent;
import io.axle.api.invoice.InvoiceIssuedEvent;
import io.axle.api.invoice.InvoiceStatus;
import io.axle.api.invoice.PaymentRecordedEvent;
import io.axle.saga.fulfilment.OrderFulfilmentSaga;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Gives back the credit an order held on its customer's account once its invoice is settled: paid in full, or wholly
 * credited. Until then the order's amount stays reserved against the customer's credit limit, so that a customer
 * cannot buy on account beyond the limit while invoices are open. A cancelled or rejected order's credit is given
 * back by the {@link OrderFulfilmentSaga}; giving it back twice does nothing.
 *
 * <p>It follows one invoice from its issue and ends when the invoice is settled. It runs in the processor of
 * {@link OrderFulfilmentSaga} ({@value OrderFulfilmentSaga#PROCESSING_GROUP}), like {@link InvoicingSaga}, so that it
 * is not replayed over past invoices.
 */
@Saga
@ProcessingGroup(OrderFulfilmentSaga.PROCESSING_GROUP)
@JsonAutoDetect(fieldVisibility = ANY, getterVisibility = NONE, isGetterVisibility = NONE, setterVisibility = NONE)
public class CreditSettlementSaga {

    private static final Logger log = LoggerFactory.getLogger(CreditSettlementSaga.class);

    @Autowired
    private transient CommandGateway commandGateway;

    private String invoiceId;
    private String orderId;
    private String customerId;

    @StartSaga
    @SagaEventHandler(associationProperty = "invoiceId")
    void on(InvoiceIssuedEvent event) {
        invoiceId = event.invoiceId();
        orderId = event.orderId();
        customerId = event.customerId();
    }

    @SagaEventHandler(associationProperty = "invoiceId")
    void on(PaymentRecordedEvent event) {
        if (event.status() == InvoiceStatus.PAID) {
            settle("paid");
        }
    }

    @SagaEventHandler(associationProperty = "invoiceId")
    void on(CreditNoteIssuedEvent event) {
        if (event.status() == InvoiceStatus.CREDITED) {
            settle("credited");
        }
    }

    private void settle(String how) {
        ReleaseCreditCommand release = new ReleaseCreditCommand(customerId, orderId);
        String invoice = invoiceId;
        commandGateway.send(release).whenComplete((result, failure) -> {
            if (failure != null) {
                log.error("Invoice {} is {} but the credit its order {} held could not be given back: {}. Send "
                                + "ReleaseCreditCommand({}, {}) again.", invoice, how, release.orderId(),
                        failure.getMessage(), release.customerId(), release.orderId());
            }
        });
        log.debug("Invoice {} is {}: credit of order {} given back to customer {}", invoiceId, how, orderId,
                customerId);
        SagaLifecycle.end();
    }
}
