package io.axle.saga.fulfilment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.axle.api.order.MarkOrderStockReservedCommand;
import io.axle.api.order.OrderLine;
import io.axle.api.order.OrderPlacedEvent;
import io.axle.api.order.ShippingAddress;
import io.axle.api.stock.StockReservedEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.saga.SimpleResourceInjector;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/** The saga store keeps the saga as JSON; a saga read back must go on where it stopped. */
class OrderFulfilmentSagaSerializationTest {

    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();

    @Test
    void sagaInFlightSurvivesAJsonRoundTripWithoutItsResources() {
        OrderFulfilmentSaga saga = withResources(new OrderFulfilmentSaga(), gateway());
        saga.on(new OrderPlacedEvent("order-1", "customer-1", "EUR",
                List.of(new OrderLine("SKU-A", 2, BigDecimal.TEN), new OrderLine("SKU-B", 1, BigDecimal.ONE),
                        new OrderLine("SKU-A", 1, BigDecimal.TEN)),
                new ShippingAddress("Ada", "1 Main St", "Lyon", "69001", "FR"), new BigDecimal("31.00")));
        saga.on(new StockReservedEvent("SKU-A", "order-1", 3, 7));

        SerializedObject<String> json = serializer.serialize(saga, String.class);
        OrderFulfilmentSaga copy = serializer.deserialize(json);

        assertThat(json.getData())
                .contains("\"orderId\":\"order-1\"", "\"quantities\":{\"SKU-A\":3,\"SKU-B\":1}")
                .doesNotContain("commandGateway", "deadlineManager", "properties", "shippingAddress");
        assertThat(copy).usingRecursiveComparison()
                        .ignoringFields("commandGateway", "deadlineManager", "properties")
                        .isEqualTo(saga);

        CommandGateway gateway = gateway();
        withResources(copy, gateway).on(new StockReservedEvent("SKU-B", "order-1", 1, 0));
        verify(gateway).send(new MarkOrderStockReservedCommand("order-1"));
    }

    private static CommandGateway gateway() {
        CommandGateway gateway = mock(CommandGateway.class);
        when(gateway.send(any())).thenReturn(CompletableFuture.completedFuture(null));
        return gateway;
    }

    private static OrderFulfilmentSaga withResources(OrderFulfilmentSaga saga, CommandGateway gateway) {
        new SimpleResourceInjector(gateway, mock(DeadlineManager.class), new FulfilmentProperties(Duration.ofSeconds(30)))
                .injectResources(saga);
        return saga;
    }
}
