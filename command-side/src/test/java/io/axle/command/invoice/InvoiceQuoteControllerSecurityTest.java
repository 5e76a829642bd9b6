package io.axle.command.invoice;

import io.axle.billing.BillingProperties;
import io.axle.command.SignedIn;
import io.axle.command.product.ProductCatalogueStub;
import io.axle.platform.web.NotFoundException;
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

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who may ask for a quote: those who may place orders, a partner key for its own customer only (another customer is
 * unknown to it, as on the order endpoints).
 */
class InvoiceQuoteControllerSecurityTest {

    private final AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Wiring.class);
    private final InvoiceQuoteController controller = context.getBean(InvoiceQuoteController.class);

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
        context.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADMIN", "OPERATOR"})
    void adminsAndOperatorsMayAskForAQuote(String role) {
        SignedIn.as(role);

        assertThat(controller.quote(request("c-1")).totalInclTax()).isEqualByComparingTo("24.00");
    }

    @Test
    void aPartnerKeyMayAskForItsOwnCustomerOnly() {
        SignedIn.asPartnerOf("c-1");

        assertThat(controller.quote(request("c-1")).totalInclTax()).isEqualByComparingTo("24.00");
        assertThatThrownBy(() -> controller.quote(request("c-2"))).isInstanceOf(NotFoundException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ANALYST", "TECHNICIAN", "DEVICE"})
    void othersMayNot(String role) {
        SignedIn.as(role);

        assertThatThrownBy(() -> controller.quote(request("c-1"))).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void nobodySignedInMayNot() {
        assertThatThrownBy(() -> controller.quote(request("c-1")))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }

    private static InvoiceQuoteController.QuoteRequest request(String customerId) {
        return new InvoiceQuoteController.QuoteRequest(customerId, "EUR",
                List.of(new InvoiceQuoteController.LineRequest("BRK-PAD-01", 2, null)));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableMethodSecurity
    static class Wiring {

        @Bean(destroyMethod = "shutDown")
        EmbeddedEventStore eventStore() {
            EmbeddedEventStore store = EmbeddedEventStore.builder()
                    .storageEngine(new InMemoryEventStorageEngine()).build();
            for (String id : List.of("c-1", "c-2")) {
                store.publish(new GenericDomainEventMessage<>("Customer", id, 0,
                        BillingFactsTest.registered(id, "FR", null, null)));
            }
            return store;
        }

        @Bean
        InvoiceQuoteController invoiceQuoteController(EventStore eventStore) {
            return new InvoiceQuoteController(new InvoiceQuotes(new BillingFacts(eventStore),
                    new ProductCatalogueStub().with("BRK-PAD-01", "10.00", "EUR"),
                    new InvoiceCalculator(VatRates.bundled()), new BillingProperties(),
                    new InvoiceIssuingProperties(null, null, null, null)));
        }
    }
}
