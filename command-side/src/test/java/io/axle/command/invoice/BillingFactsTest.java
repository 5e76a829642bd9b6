package io.axle.command.invoice;

import io.axle.api.customer.BillingAddress;
import io.axle.api.customer.CreditReservedEvent;
import io.axle.api.customer.CustomerDetailsChangedEvent;
import io.axle.api.customer.CustomerRegisteredEvent;
import io.axle.api.invoice.BillingDocument;
import io.axle.api.invoice.CreditNoteIssuedEvent;
import io.axle.api.invoice.CreditNoteRequestedEvent;
import io.axle.api.invoice.DocumentKind;
import io.axle.api.invoice.InvoiceIssuedEvent;
import io.axle.api.invoice.InvoiceNumberAllocatedEvent;
import io.axle.api.invoice.InvoiceNumberSequences;
import io.axle.api.invoice.InvoiceRequestRejectedEvent;
import io.axle.api.invoice.InvoiceRequestedEvent;
import io.axle.api.invoice.InvoiceStatus;
import io.axle.api.order.OrderCancelledEvent;
import io.axle.api.order.OrderConfirmedEvent;
import io.axle.api.order.OrderDeliveredEvent;
import io.axle.api.order.OrderLine;
import io.axle.api.order.OrderPlacedEvent;
import io.axle.api.order.OrderRejectedEvent;
import io.axle.api.order.OrderShippedEvent;
import io.axle.api.order.OrderStatus;
import io.axle.api.order.OrderStockReservedEvent;
import io.axle.api.order.ShippingAddress;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The facts invoicing reads from event streams, folded from the events as an aggregate would. */
class BillingFactsTest {

    private static final ShippingAddress ADDRESS =
            new ShippingAddress("Garage Dupont", "12 rue de la Gare", "Lyon", "69001", "FR");
    private static final List<OrderLine> LINES = List.of(new OrderLine("BRK-PAD-01", 2, new BigDecimal("41.50")),
            new OrderLine("OIL-5W30", 1, new BigDecimal("12.99")));

    private final EmbeddedEventStore eventStore = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final BillingFacts facts = new BillingFacts(eventStore);
    private final Map<String, Long> sequences = new HashMap<>();

    @AfterEach
    void tearDown() {
        eventStore.shutDown();
    }

    @Test
    void anOrderIsReadFromItsPlacement() {
        append("Order", "o-1", new OrderPlacedEvent("o-1", "c-1", "EUR", LINES, ADDRESS, new BigDecimal("95.99"),
                "SO-2026-000001"));

        OrderFacts order = facts.order("o-1").orElseThrow();

        assertThat(order).isEqualTo(new OrderFacts("o-1", "SO-2026-000001", "c-1", "EUR", LINES, ADDRESS,
                OrderStatus.PLACED));
        assertThat(order.invoiceable()).isFalse();
    }

    @Test
    void anOrderPlacedBeforeOrdersWereNumberedHasNoNumber() {
        append("Order", "o-1", new OrderPlacedEvent("o-1", "c-1", "EUR", LINES, ADDRESS, new BigDecimal("95.99")));

        assertThat(facts.order("o-1").orElseThrow().number()).isNull();
    }

    @ParameterizedTest(name = "{0} → {1}, invoiceable {2}")
    @CsvSource({
            "reserved,  STOCK_RESERVED, false",
            "confirmed, CONFIRMED,      true",
            "shipped,   SHIPPED,        true",
            "delivered, DELIVERED,      true",
            "cancelled, CANCELLED,      false",
            "rejected,  REJECTED,       false",
    })
    void anOrderStandsWhereItsLastEventLeftIt(String last, OrderStatus status, boolean invoiceable) {
        append("Order", "o-1", new OrderPlacedEvent("o-1", "c-1", "EUR", LINES, ADDRESS, BigDecimal.TEN));
        append("Order", "o-1", new OrderStockReservedEvent("o-1"));
        switch (last) {
            case "confirmed" -> append("Order", "o-1", confirmed());
            case "shipped" -> {
                append("Order", "o-1", confirmed());
                append("Order", "o-1", new OrderShippedEvent("o-1"));
            }
            case "delivered" -> {
                append("Order", "o-1", confirmed());
                append("Order", "o-1", new OrderShippedEvent("o-1"));
                append("Order", "o-1", new OrderDeliveredEvent("o-1"));
            }
            case "cancelled" -> {
                append("Order", "o-1", confirmed());
                append("Order", "o-1", new OrderCancelledEvent("o-1", "changed my mind"));
            }
            case "rejected" -> append("Order", "o-1", new OrderRejectedEvent("o-1", "no stock"));
            default -> {
            }
        }

        OrderFacts order = facts.order("o-1").orElseThrow();

        assertThat(order.status()).isEqualTo(status);
        assertThat(order.invoiceable()).isEqualTo(invoiceable);
    }

    @Test
    void anUnknownOrderOrAnotherAggregatesStreamIsNoOrder() {
        append("Customer", "c-1", registered("c-1", "FR", null, null));

        assertThat(facts.order("o-404")).isEmpty();
        assertThat(facts.order("c-1")).isEmpty();
    }

    @Test
    void aCustomerIsReadWithVatNumberAndLanguage() {
        append("Customer", "c-1", registered("c-1", "DE", "DE123456789", "fr"));

        assertThat(facts.customer("c-1")).contains(new CustomerFacts("c-1", "Garage Dupont", "compta@dupont.example",
                "DE", "DE123456789", "fr"));
        assertThat(facts.customer("c-404")).isEmpty();
    }

    @Test
    void aCustomerIsReadAsLastEditedWithTheirBillingAddress() {
        BillingAddress billing = new BillingAddress("3 place Bellecour", "69002", "Lyon", null, "FR");
        append("Customer", "c-1", registered("c-1", "DE", "DE123456789", "fr"));
        append("Customer", "c-1", new CustomerDetailsChangedEvent("c-1", "Garage Dupont SARL", "factures@dupont.example",
                null, "FR", billing, "FR40303265045", null, List.of("name", "email", "country", "billingAddress",
                "vatNumber", "language")));

        assertThat(facts.customer("c-1")).contains(new CustomerFacts("c-1", "Garage Dupont SARL",
                "factures@dupont.example", "FR", "FR40303265045", null, billing));
    }

    @Test
    void aCustomerIsReadFromTheFirstEventEvenWhenASnapshotFollows() {
        append("Customer", "c-1", registered("c-1", "FR", null, null));
        append("Customer", "c-1", new CreditReservedEvent("c-1", "o-1", BigDecimal.ONE, "EUR", BigDecimal.TEN));
        eventStore.storeSnapshot(new GenericDomainEventMessage<>("Customer", "c-1", 1, Map.of("creditLimit", 10)));

        assertThat(facts.customer("c-1")).map(CustomerFacts::name).contains("Garage Dupont");
    }

    @ParameterizedTest(name = "{0} customer, chosen [{1}] → {2}")
    @CsvSource({
            "FR,     , fr",
            "BE,     , fr",
            "LU,     , fr",
            "DE,     , en",
            "CH,     , en",
            "DE,   fr, fr",
            "FR,   EN, en",
            "FR, '  ', fr",
    })
    void invoicesAreInTheCustomersLanguageOrTheirCountrysDefault(String country, String chosen, String language) {
        CustomerFacts customer = new CustomerFacts("c-1", "n", "e@x.fr", country, null, chosen);

        assertThat(customer.invoiceLanguage()).isEqualTo(language);
    }

    @Test
    void aRequestedInvoiceIsNotSettled() {
        append("Invoice", "i-1", requested());

        InvoiceFacts invoice = facts.invoice("i-1").orElseThrow();

        assertThat(invoice.orderId()).isEqualTo("o-1");
        assertThat(invoice.issued()).isFalse();
        assertThat(invoice.settled()).isFalse();
        assertThat(facts.invoice("i-404")).isEmpty();
    }

    @Test
    void aRejectedInvoiceIsSettled() {
        append("Invoice", "i-1", requested());
        append("Invoice", "i-1", new InvoiceRequestRejectedEvent("i-1", "o-1", "orderId", "must-exist", "no order"));

        assertThat(facts.invoice("i-1").orElseThrow().settled()).isTrue();
    }

    @Test
    void aRequestMadeAgainAfterItsRejectionIsPendingAsOfTheLastRequest() {
        Instant later = NOW.plusSeconds(3600);
        append("Invoice", "i-1", requested());
        append("Invoice", "i-1", new InvoiceRequestRejectedEvent("i-1", "o-1", "orderId", "must-exist", "no order"));
        append("Invoice", "i-1", new InvoiceRequestedEvent("i-1", "o-1", "c-1", null, Map.of(), null, "op", later));

        InvoiceFacts invoice = facts.invoice("i-1").orElseThrow();

        assertThat(invoice.settled()).isFalse();
        assertThat(invoice.requestedAt()).isEqualTo(later);
    }

    @Test
    void anIssuedInvoiceCarriesItsDocumentAndIssuedCreditNotes() {
        BillingDocument document = InvoiceIssuerTest.someDocument("INV-2026-000001");
        append("Invoice", "i-1", requested());
        append("Invoice", "i-1", new InvoiceIssuedEvent("i-1", "o-1", "c-1", document, "abc"));
        append("Invoice", "i-1", new CreditNoteRequestedEvent("i-1", "cn-1", "damaged", List.of(), "op", NOW));
        append("Invoice", "i-1", new CreditNoteRequestedEvent("i-1", "cn-2", "damaged", List.of(), "op", NOW));
        append("Invoice", "i-1", new CreditNoteIssuedEvent("i-1", "cn-1", document, "def", BigDecimal.ONE,
                BigDecimal.ONE, InvoiceStatus.ISSUED));

        InvoiceFacts invoice = facts.invoice("i-1").orElseThrow();

        assertThat(invoice.issued()).isTrue();
        assertThat(invoice.settled()).isTrue();
        assertThat(invoice.document()).isEqualTo(document);
        assertThat(invoice.pdfSha256()).isEqualTo("abc");
        assertThat(invoice.issuedCreditNotes()).containsExactly("cn-1");
    }

    @Test
    void findsTheNumberADocumentTookInItsSequence() {
        String sequence = InvoiceNumberSequences.id(DocumentKind.INVOICE, "axle", 2026);
        append("InvoiceNumbering", sequence, new InvoiceNumberAllocatedEvent(sequence, "axle", 2026, 1,
                "INV-2026-000001", "i-1"));
        append("InvoiceNumbering", sequence, new InvoiceNumberAllocatedEvent(sequence, "axle", 2026, 2,
                "INV-2026-000002", "i-2"));

        assertThat(facts.numberTakenBy(DocumentKind.INVOICE, "axle", 2026, "i-2")).contains("INV-2026-000002");
        assertThat(facts.numberTakenBy(DocumentKind.INVOICE, "axle", 2026, "i-3")).isEmpty();
        assertThat(facts.numberTakenBy(DocumentKind.INVOICE, "axle", 2025, "i-2")).isEmpty();
        assertThat(facts.numberTakenBy(DocumentKind.CREDIT_NOTE, "axle", 2026, "i-2")).isEmpty();
    }

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    private static OrderConfirmedEvent confirmed() {
        return new OrderConfirmedEvent("o-1", "c-1", BigDecimal.TEN, "EUR");
    }

    private static InvoiceRequestedEvent requested() {
        return new InvoiceRequestedEvent("i-1", "o-1", "c-1", null, Map.of(), null, "op", NOW);
    }

    static CustomerRegisteredEvent registered(String id, String country, String vatNumber, String language) {
        return new CustomerRegisteredEvent(id, "Garage Dupont", "compta@dupont.example", country, "EUR",
                new BigDecimal("10000"), vatNumber, language);
    }

    private void append(String type, String id, Object payload) {
        append(eventStore, sequences, type, id, payload);
    }

    /** Appends {@code payload} as the next event of aggregate {@code id}, numbering each stream from 0. */
    static void append(EventStore store, Map<String, Long> sequences, String type, String id, Object payload) {
        long sequence = sequences.merge(id, 0L, (last, zero) -> last + 1);
        store.publish(new GenericDomainEventMessage<>(type, id, sequence, payload));
    }
}
