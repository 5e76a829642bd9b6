package io.axle.saga.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.util.Map;

import io.axle.api.invoice.Invoices;
import io.axle.api.invoice.RequestInvoiceCommand;
import io.axle.api.order.OrderConfirmedEvent;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.saga.SimpleResourceInjector;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The saga store keeps the saga as JSON; a saga read back between two attempts must go on where it stopped. */
class InvoicingSagaSerializationTest {

    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();

    @Test
    void aSagaWaitingToRetrySurvivesAJsonRoundTripWithoutItsResources() {
        InvoicingSaga saga = withResources(new InvoicingSaga(), failingGateway(), mock(DeadlineManager.class));
        saga.on(new OrderConfirmedEvent("order-1", "customer-1", new BigDecimal("70.00"), "EUR"));

        SerializedObject<String> json = serializer.serialize(saga, String.class);
        InvoicingSaga copy = serializer.deserialize(json);

        assertThat(json.getData())
                .contains("\"orderId\":\"order-1\"", "\"customerId\":\"customer-1\"", "\"attempts\":1")
                .doesNotContain("commandGateway", "deadlineManager", "properties");
        assertThat(copy).usingRecursiveComparison()
                .ignoringFields("commandGateway", "deadlineManager", "properties")
                .isEqualTo(saga);

        CommandGateway gateway = failingGateway();
        DeadlineManager deadlines = mock(DeadlineManager.class);
        withResources(copy, gateway, deadlines).onRetry();
        verify(gateway).send(eq(new RequestInvoiceCommand(Invoices.idForOrder("order-1"), "order-1",
                "customer-1", null, Map.of(), null, "system")));
        verify(deadlines).schedule(InvoicingSaga.retryDelay(2), InvoicingSaga.RETRY_DEADLINE);
    }

    private static CommandGateway failingGateway() {
        CommandGateway gateway = mock(CommandGateway.class);
        when(gateway.send(any())).thenReturn(CompletableFuture.failedFuture(new NoHandlerForCommandException("no handler")));
        return gateway;
    }

    private static InvoicingSaga withResources(InvoicingSaga saga, CommandGateway gateway, DeadlineManager deadlines) {
        new SimpleResourceInjector(gateway, deadlines).injectResources(saga);
        return saga;
    }
}
