package io.axle.saga.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.axle.saga.fulfilment.OrderFulfilmentSaga;
import org.axonframework.config.EventProcessingModule;
import org.junit.jupiter.api.Test;

/**
 * The invoicing and credit-settlement steps must run in the processor whose position in the event stream is already
 * stored: a processor of their own would start at the beginning of the event store and invoice every order ever
 * confirmed, or settle every invoice ever paid.
 */
class InvoicingSagaProcessorTest {

    @Test
    void invoicingRunsInTheFulfilmentSagasProcessorUnderItsExistingName() {
        EventProcessingModule processing = new EventProcessingModule();
        processing.registerSaga(OrderFulfilmentSaga.class).registerSaga(InvoicingSaga.class)
                .registerSaga(CreditSettlementSaga.class);

        assertThat(processing.sagaProcessingGroup(OrderFulfilmentSaga.class))
                .isEqualTo("OrderFulfilmentSagaProcessor");
        assertThat(processing.sagaProcessingGroup(InvoicingSaga.class))
                .isEqualTo("OrderFulfilmentSagaProcessor");
        assertThat(processing.sagaProcessingGroup(CreditSettlementSaga.class))
                .as("settling credit would otherwise act on every invoice ever paid")
                .isEqualTo("OrderFulfilmentSagaProcessor");
    }
}
