package io.axle.command.invoice;

import io.axle.command.SignedIn;
import io.axle.api.order.OrderConfirmedEvent;
import io.axle.api.order.OrderPlacedEvent;
import io.axle.api.order.OrderStockReservedEvent;
import io.axle.billing.BillingProperties;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.context.SecurityContextHolder;

import java.math.BigDecimal;
import java.security.Principal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

/** Who may invoice, record payments and credit: the controller's method security as Spring enforces it. */
class InvoiceCommandControllerSecurityTest {

    private static final Principal SOMEONE = () -> "someone";

    private final AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Wiring.class);
    private final InvoiceCommandController controller = context.getBean(InvoiceCommandController.class);
    private final InvoiceCommandController.GenerateInvoiceRequest generate =
            new InvoiceCommandController.GenerateInvoiceRequest("o-1", null, null, null);
    private final InvoiceCommandController.PaymentRequest payment =
            new InvoiceCommandController.PaymentRequest(BigDecimal.TEN, null, null, null, null);
    private final InvoiceCommandController.CreditNoteRequest credit =
            new InvoiceCommandController.CreditNoteRequest("damaged", null, null);

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
        context.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADMIN", "OPERATOR"})
    void adminsAndOperatorsMayBill(String role) {
        SignedIn.as(role);

        assertThat(controller.generate(generate, SOMEONE).getStatusCode().value()).isEqualTo(202);
        assertThat(controller.pay("i-1", payment, SOMEONE).getStatusCode().value()).isEqualTo(202);
        assertThat(controller.credit("i-1", credit, SOMEONE).getStatusCode().value()).isEqualTo(202);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ANALYST", "TECHNICIAN", "DEVICE", "PARTNER"})
    void othersMayNot(String role) {
        SignedIn.as(role);

        assertThatThrownBy(() -> controller.generate(generate, SOMEONE)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> controller.pay("i-1", payment, SOMEONE)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> controller.credit("i-1", credit, SOMEONE))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void nobodySignedInMayNot() {
        assertThatThrownBy(() -> controller.pay("i-1", payment, SOMEONE))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableMethodSecurity
    static class Wiring {

        @Bean(destroyMethod = "shutDown")
        EmbeddedEventStore eventStore() {
            EmbeddedEventStore store = EmbeddedEventStore.builder()
                    .storageEngine(new InMemoryEventStorageEngine()).build();
            store.publish(new GenericDomainEventMessage<>("Order", "o-1", 0, new OrderPlacedEvent("o-1", "c-1", "EUR",
                    InvoiceIssuerTest.LINES, InvoiceIssuerTest.LYON, BigDecimal.TEN)));
            store.publish(new GenericDomainEventMessage<>("Order", "o-1", 1, new OrderStockReservedEvent("o-1")));
            store.publish(new GenericDomainEventMessage<>("Order", "o-1", 2,
                    new OrderConfirmedEvent("o-1", "c-1", BigDecimal.TEN, "EUR")));
            return store;
        }

        @Bean
        InvoiceCommandController invoiceCommandController(EventStore eventStore) {
            return new InvoiceCommandController(mock(CommandGateway.class), new BillingFacts(eventStore),
                    new InvoiceIssuerFakes.Templates(), new BillingProperties());
        }
    }
}
