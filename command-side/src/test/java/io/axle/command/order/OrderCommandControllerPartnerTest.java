package io.axle.command.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.math.BigDecimal;
import java.util.List;

import io.axle.api.order.CancelOrderCommand;
import io.axle.api.order.OrderLine;
import io.axle.api.order.OrderPlacedEvent;
import io.axle.api.order.PlaceOrderCommand;
import io.axle.api.order.ShippingAddress;
import io.axle.command.SignedIn;
import io.axle.platform.web.NotFoundException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.context.SecurityContextHolder;

/** A partner key acts on its own customer's orders only: another customer's order is refused or unknown to it. */
class OrderCommandControllerPartnerTest {

    private static final ShippingAddress ADDRESS = new ShippingAddress("Garage Dupont", "12 rue de la Gare", "Lyon",
            "69001", "FR");
    private static final List<OrderLine> LINES = List.of(new OrderLine("BRK-PAD-01", 2, BigDecimal.TEN));

    private final AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Wiring.class);
    private final OrderCommandController controller = context.getBean(OrderCommandController.class);
    private final CommandGateway gateway = context.getBean(CommandGateway.class);

    @BeforeEach
    void ordersOfTwoCustomers() {
        EventStore store = context.getBean(EventStore.class);
        store.publish(new GenericDomainEventMessage<>("Order", "order-of-a", 0,
                new OrderPlacedEvent("order-of-a", "customer-a", "EUR", LINES, ADDRESS, BigDecimal.TEN)));
        store.publish(new GenericDomainEventMessage<>("Order", "order-of-b", 0,
                new OrderPlacedEvent("order-of-b", "customer-b", "EUR", LINES, ADDRESS, BigDecimal.TEN)));
    }

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
        context.close();
    }

    @Test
    void aPartnerPlacesOrdersForItsOwnCustomer() {
        SignedIn.asPartnerOf("customer-a");

        assertThat(controller.place(order("customer-a")).getStatusCode().value()).isEqualTo(202);
    }

    @Test
    void aPartnerMayNotOverrideTheCataloguePrices() {
        SignedIn.asPartnerOf("customer-a");

        controller.place(order("customer-a"));

        ArgumentCaptor<PlaceOrderCommand> sent = ArgumentCaptor.forClass(PlaceOrderCommand.class);
        verify(gateway).sendAndWait(sent.capture());
        assertThat(sent.getValue().priceOverrideAllowed()).isFalse();
    }

    @Test
    void aPartnerMayNotPlaceAnOrderForAnotherCustomer() {
        SignedIn.asPartnerOf("customer-a");

        var answer = controller.place(order("customer-b"));

        assertThat(answer.getStatusCode().value()).isEqualTo(403);
        assertThat(answer.getBody().toString()).contains("other-customer").contains("customerId");
        verify(gateway, never()).sendAndWait(any());
    }

    @Test
    void aPartnerCancelsItsOwnCustomersOrder() {
        SignedIn.asPartnerOf("customer-a");

        assertThat(controller.cancel("order-of-a", null).getStatusCode().value()).isEqualTo(202);
        verify(gateway).sendAndWait(new CancelOrderCommand("order-of-a", null));
    }

    @Test
    void anotherCustomersOrderIsUnknownToAPartner() {
        SignedIn.asPartnerOf("customer-a");

        assertThatThrownBy(() -> controller.cancel("order-of-b", null)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> controller.cancel("no-such-order", null)).isInstanceOf(NotFoundException.class);
        verify(gateway, never()).sendAndWait(any());
    }

    @Test
    void operatorsActOnEveryCustomersOrders() {
        SecurityContextHolder.getContext().setAuthentication(
                new TestingAuthenticationToken("someone", "n/a", "ROLE_OPERATOR"));

        assertThat(controller.place(order("customer-b")).getStatusCode().value()).isEqualTo(202);
        assertThat(controller.cancel("order-of-b", null).getStatusCode().value()).isEqualTo(202);
    }

    @Test
    void administratorsAndOperatorsMayOverrideTheCataloguePrices() {
        for (String role : List.of("ROLE_OPERATOR", "ROLE_ADMIN")) {
            SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("someone", "n/a", role));
            controller.place(order("customer-b"));
        }

        ArgumentCaptor<PlaceOrderCommand> sent = ArgumentCaptor.forClass(PlaceOrderCommand.class);
        verify(gateway, times(2)).sendAndWait(sent.capture());
        assertThat(sent.getAllValues()).extracting(PlaceOrderCommand::priceOverrideAllowed).containsExactly(true, true);
    }

    private static OrderCommandController.PlaceOrderRequest order(String customerId) {
        return new OrderCommandController.PlaceOrderRequest(customerId, "EUR",
                List.of(new OrderCommandController.LineRequest("BRK-PAD-01", 2, BigDecimal.TEN)),
                new OrderCommandController.AddressRequest("Garage Dupont", "12 rue de la Gare", "Lyon", "69001", "FR"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableMethodSecurity
    static class Wiring {

        @Bean(destroyMethod = "shutDown")
        EmbeddedEventStore eventStore() {
            return EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        }

        @Bean
        CommandGateway commandGateway() {
            return mock(CommandGateway.class);
        }

        @Bean
        OrderCommandController orderCommandController(CommandGateway gateway, EventStore eventStore) {
            return new OrderCommandController(gateway, eventStore);
        }
    }
}
