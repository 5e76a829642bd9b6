package io.axle.command.invoice;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.axle.billing.DocumentStore;
import io.axle.api.customer.BillingAddress;
import io.axle.api.customer.CustomerDetailsChangedEvent;
import io.axle.api.invoice.AllocateInvoiceNumberCommand;
import io.axle.api.invoice.BillingDocument;
import io.axle.api.invoice.CreditNoteIssuedEvent;
import io.axle.api.invoice.CreditNoteRequestedEvent;
import io.axle.api.invoice.CreditedLine;
import io.axle.api.invoice.DocumentKind;
import io.axle.api.invoice.InvoiceIssuedEvent;
import io.axle.api.invoice.InvoiceLineItem;
import io.axle.api.invoice.InvoiceNumberAllocatedEvent;
import io.axle.api.invoice.InvoiceNumberSequences;
import io.axle.api.invoice.InvoiceRequestedEvent;
import io.axle.api.invoice.InvoiceStatus;
import io.axle.api.invoice.Invoices;
import io.axle.api.invoice.IssueCreditNoteCommand;
import io.axle.api.invoice.IssueInvoiceCommand;
import io.axle.api.invoice.Party;
import io.axle.api.invoice.RejectInvoiceRequestCommand;
import io.axle.api.invoice.TaxAmount;
import io.axle.api.order.OrderCancelledEvent;
import io.axle.api.order.OrderConfirmedEvent;
import io.axle.api.order.OrderLine;
import io.axle.api.order.OrderPlacedEvent;
import io.axle.api.order.OrderStockReservedEvent;
import io.axle.api.order.ShippingAddress;
import io.axle.billing.BillingProperties;
import io.axle.billing.StoredDocument;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import io.axle.command.product.CatalogueEntry;
import io.axle.command.product.ProductCatalogueStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The issuing process on its own: facts in an in-memory event store, the billing parts faked
 * ({@link InvoiceIssuerFakes}), and a command gateway that numbers like the sequence aggregate and records the rest.
 * How it runs inside Axon (processor, retries, real aggregates) is {@link InvoiceIssuerIntegrationTest}'s subject.
 */
class InvoiceIssuerTest {

    static final String ORDER_NUMBER = "SO-2026-000001";
    /** 23:30 UTC on 2 March is already 3 March in Paris, the demo company's zone. */
    static final Instant REQUESTED_AT = Instant.parse("2026-03-02T23:30:15.789Z");
    static final ShippingAddress LYON = new ShippingAddress("Atelier Dupont", "12 rue de la Gare", "Lyon", "69001",
            "FR");
    static final List<OrderLine> LINES = List.of(new OrderLine("BRK-PAD-01", 2, new BigDecimal("41.50")),
            new OrderLine("OIL-5W30", 1, new BigDecimal("12.99")));

    private final EmbeddedEventStore eventStore = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final Map<String, Long> sequences = new HashMap<>();
    private final InvoiceIssuerFakes.Renderer renderer = new InvoiceIssuerFakes.Renderer();
    private final InvoiceIssuerFakes.Store store = new InvoiceIssuerFakes.Store();
    private final InvoiceIssuerFakes.Numbering numbering = new InvoiceIssuerFakes.Numbering();
    private final List<Object> sent = new CopyOnWriteArrayList<>();
    private final BillingProperties billing = new BillingProperties();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final ProductCatalogueStub catalogue = new ProductCatalogueStub();
    private InvoiceIssuer issuer;

    @BeforeEach
    void setUp() {
        CommandGateway gateway = mock(CommandGateway.class);
        when(gateway.sendAndWait(any())).thenAnswer(call -> {
            Object command = call.getArgument(0);
            sent.add(command);
            return command instanceof AllocateInvoiceNumberCommand allocate ? numbering.allocate(allocate) : null;
        });
        issuer = issuer(gateway, new InvoiceIssuingProperties(Map.of("book-", RateCategory.SECOND_REDUCED), null,
                null, null));
        logs.start();
        Logger logger = (Logger) LoggerFactory.getLogger(InvoiceIssuer.class);
        logger.setLevel(Level.INFO);
        logger.setAdditive(false);
        logger.addAppender(logs);
    }

    @AfterEach
    void tearDown() {
        Logger logger = (Logger) LoggerFactory.getLogger(InvoiceIssuer.class);
        logger.detachAppender(logs);
        logger.setAdditive(true);
        logger.setLevel(null);
        eventStore.shutDown();
    }

    private InvoiceIssuer issuer(CommandGateway gateway, InvoiceIssuingProperties properties) {
        return new InvoiceIssuer(new BillingFacts(eventStore), catalogue, gateway, billing, new InvoiceIssuerFakes.Templates(),
                new InvoiceIssuerFakes.Rates(), renderer, store, new InvoiceCalculator(VatRates.bundled()),
                properties);
    }

    /*
     * FR consumer, EUR, global discount 5 %:
     *   BRK-PAD-01  2 × 41.50 = 83.00   20 %
     *   OIL-5W30    1 × 12.99 = 12.99   20 %
     *   lines net 95.99; global 5 % = 4.7995 → 4.80; base 91.19; tax 18.238 → 18.24; incl. tax 109.43
     */
    @Test
    void issuesAConfirmedOrdersInvoice() {
        customer("c-1", "FR", null, null);
        confirmedOrder("o-1", "c-1", "EUR", LINES);
        InvoiceRequestedEvent request = request("o-1", null, new BigDecimal("5"), Map.of("po", "PO-77"));

        issuer.on(request);

        IssueInvoiceCommand issue = single(IssueInvoiceCommand.class);
        BillingDocument document = issue.document();
        assertThat(issue.invoiceId()).isEqualTo(request.invoiceId());
        assertThat(document.kind()).isEqualTo(DocumentKind.INVOICE);
        assertThat(document.number()).isEqualTo("INV-2026-000001");
        assertThat(document.company()).isEqualTo("axle");
        assertThat(document.templateId()).isEqualTo("classic-fr");
        assertThat(document.language()).isEqualTo("fr");
        assertThat(document.seller()).isEqualTo(billing.defaultCompany().seller());
        assertThat(document.buyer()).isEqualTo(new Party("Garage Dupont", "12 rue de la Gare", "69001", "Lyon", "FR",
                null, "compta@dupont.example", null, null));
        assertThat(document.orderId()).isEqualTo("o-1");
        assertThat(document.orderNumber()).isEqualTo(ORDER_NUMBER);
        assertThat(document.orderReference()).isEqualTo(ORDER_NUMBER);
        assertThat(document.currency()).isEqualTo("EUR");
        assertThat(document.accountingCurrency()).isEqualTo("EUR");
        assertThat(document.exchangeRate()).isEqualTo("1");
        assertThat(document.issuedAt()).isEqualTo(Instant.parse("2026-03-02T23:30:15Z"));
        assertThat(document.dueDate()).isEqualTo(LocalDate.of(2026, 4, 2));
        assertThat(document.lines()).containsExactly(
                new InvoiceLineItem(1, "BRK-PAD-01", "BRK-PAD-01", new BigDecimal("2"), new BigDecimal("41.50"),
                        BigDecimal.ZERO, "STANDARD", new BigDecimal("20"), new BigDecimal("83.00")),
                new InvoiceLineItem(2, "OIL-5W30", "OIL-5W30", new BigDecimal("1"), new BigDecimal("12.99"),
                        BigDecimal.ZERO, "STANDARD", new BigDecimal("20"), new BigDecimal("12.99")));
        assertThat(document.linesNet()).isEqualTo("95.99");
        assertThat(document.globalDiscountPercent()).isEqualTo("5");
        assertThat(document.globalDiscount()).isEqualTo("4.80");
        assertThat(document.totalExclTax()).isEqualTo("91.19");
        assertThat(document.totalTax()).isEqualTo("18.24");
        assertThat(document.totalInclTax()).isEqualTo("109.43");
        assertThat(document.taxes()).containsExactly(new TaxAmount(new BigDecimal("20"), new BigDecimal("91.19"),
                new BigDecimal("18.24")));
        assertThat(document.totalTaxInAccountingCurrency()).isEqualTo("18.24");
        assertThat(document.reverseCharge()).isFalse();
        assertThat(document.legalMentions()).isEmpty();
        assertThat(document.customFields()).containsEntry("po", "PO-77");
        assertThat(document.correctedNumber()).isNull();

        StoredDocument stored = store.documents.get(request.invoiceId());
        assertThat(stored.number()).isEqualTo("INV-2026-000001");
        assertThat(issue.pdfSha256()).isEqualTo(stored.sha256()).isEqualTo(InvoiceIssuerFakes.sha256(stored.pdf()));
        assertThat(sent).first().isEqualTo(new AllocateInvoiceNumberCommand(
                InvoiceNumberSequences.id(DocumentKind.INVOICE, "axle", 2026), "axle", 2026, request.invoiceId(),
                DocumentKind.INVOICE));
        assertThat(logs.list).anySatisfy(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.INFO);
            assertThat(line.getFormattedMessage())
                    .isEqualTo("Issued invoice INV-2026-000001 for order o-1: 109.43 EUR incl. tax");
        });
    }

    @Test
    void theYearAndDueDateAreTheCompanysZones() {
        customer("c-1", "FR", null, null);
        confirmedOrder("o-1", "c-1", "EUR", LINES);

        issuer.on(request("o-1", null, null, null, Instant.parse("2026-12-31T23:30:00Z")));

        BillingDocument document = single(IssueInvoiceCommand.class).document();
        assertThat(document.number()).isEqualTo("INV-2027-000001");
        assertThat(document.dueDate()).isEqualTo(LocalDate.of(2027, 1, 31));
    }

    @Test
    void theBuyerIsAddressedAtTheBillingAddressOfTheirRecordWhenItHasOne() {
        customer("c-1", "FR", null, null);
        append("Customer", "c-1", new CustomerDetailsChangedEvent("c-1", "Garage Dupont SARL", "compta@dupont.example",
                null, "FR", new BillingAddress("3 place Bellecour", "69002", "Lyon", null, "FR"), null, null,
                List.of("name", "billingAddress")));
        confirmedOrder("o-1", "c-1", "EUR", LINES);

        issuer.on(request("o-1", null, null, null));

        assertThat(single(IssueInvoiceCommand.class).document().buyer()).isEqualTo(new Party("Garage Dupont SARL",
                "3 place Bellecour", "69002", "Lyon", "FR", null, "compta@dupont.example", null, null));
    }

    @Test
    void aBusinessInAnotherMemberStateIsReverseChargedInItsCountrysDefaultLanguage() {
        customer("c-1", "DE", "DE123456789", null);
        confirmedOrder("o-1", "c-1", "EUR", LINES);

        issuer.on(request("o-1", null, null, null));

        BillingDocument document = single(IssueInvoiceCommand.class).document();
        assertThat(document.templateId()).isEqualTo("business-en");
        assertThat(document.language()).isEqualTo("en");
        assertThat(document.reverseCharge()).isTrue();
        assertThat(document.buyer().vatNumber()).isEqualTo("DE123456789");
        assertThat(document.buyer().country()).isEqualTo("DE");
        assertThat(document.lines()).extracting(InvoiceLineItem::vatRate).containsOnly(BigDecimal.ZERO);
        assertThat(document.totalTax()).isEqualTo("0.00");
        assertThat(document.legalMentions())
                .containsExactly("Reverse charge — Article 196 of Council Directive 2006/112/EC");
    }

    /*
     * FR consumer paying in USD: 95.99 USD, tax 19.198 → 19.20 USD; at 0.9215 EUR per USD that is 17.6928 → 17.69 EUR.
     */
    @Test
    void aForeignCurrencyInvoiceFixesTheRateAndConvertsItsTax() {
        customer("c-1", "FR", null, null);
        confirmedOrder("o-1", "c-1", "USD", LINES);

        issuer.on(request("o-1", null, null, null));

        BillingDocument document = single(IssueInvoiceCommand.class).document();
        assertThat(document.currency()).isEqualTo("USD");
        assertThat(document.accountingCurrency()).isEqualTo("EUR");
        assertThat(document.exchangeRate()).isEqualTo("0.9215");
        assertThat(document.exchangeRateDate()).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(document.totalTax()).isEqualTo("19.20");
        assertThat(document.totalTaxInAccountingCurrency()).isEqualTo("17.69");
    }

    @Test
    void anExportOutsideTheEuIsZeroRatedWithItsMentionInTheCustomersLanguage() {
        customer("c-1", "CH", "CHE123456789", "fr");
        confirmedOrder("o-1", "c-1", "EUR", LINES);

        issuer.on(request("o-1", null, null, null));

        BillingDocument document = single(IssueInvoiceCommand.class).document();
        assertThat(document.language()).isEqualTo("fr");
        assertThat(document.reverseCharge()).isFalse();
        assertThat(document.taxes()).containsExactly(new TaxAmount(BigDecimal.ZERO, new BigDecimal("95.99"),
                new BigDecimal("0.00")));
        assertThat(document.legalMentions()).containsExactly("Exonération de TVA, article 262 I du CGI");
    }

    @Test
    void aChosenTemplateWinsAndItsLanguageWithIt() {
        customer("c-1", "FR", null, null);
        confirmedOrder("o-1", "c-1", "EUR", LINES);

        issuer.on(request("o-1", "classic-en", null, null));

        BillingDocument document = single(IssueInvoiceCommand.class).document();
        assertThat(document.templateId()).isEqualTo("classic-en");
        assertThat(document.language()).isEqualTo("en");
    }

    @Test
    void aCatalogueProductGivesItsLineItsNameAndVatCategoryBeforeAnySkuPrefix() {
        catalogue.with(new CatalogueEntry("BOOK-REPAIR-206", "Repair manual, Peugeot 206", new BigDecimal("24.90"),
                "EUR", "ZERO", false));
        customer("c-1", "FR", null, null);
        confirmedOrder("o-1", "c-1", "EUR", List.of(new OrderLine("BOOK-REPAIR-206", 1, new BigDecimal("24.90")),
                new OrderLine("BRK-PAD-01", 1, new BigDecimal("41.50"))));

        issuer.on(request("o-1", null, null, null));

        BillingDocument document = single(IssueInvoiceCommand.class).document();
        assertThat(document.lines()).extracting(InvoiceLineItem::sku, InvoiceLineItem::description,
                        InvoiceLineItem::rateCategory, InvoiceLineItem::vatRate)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("BOOK-REPAIR-206", "Repair manual, Peugeot 206", "ZERO",
                                new BigDecimal("0")),
                        org.assertj.core.groups.Tuple.tuple("BRK-PAD-01", "BRK-PAD-01", "STANDARD",
                                new BigDecimal("20")));
    }

    @Test
    void aSkuPrefixChoosesTheRateCategoryOfASkuTheCatalogueLacks() {
        customer("c-1", "FR", null, null);
        confirmedOrder("o-1", "c-1", "EUR", List.of(new OrderLine("BOOK-REPAIR-206", 1, new BigDecimal("24.90")),
                new OrderLine("BRK-PAD-01", 1, new BigDecimal("41.50"))));

        issuer.on(request("o-1", null, null, null));

        BillingDocument document = single(IssueInvoiceCommand.class).document();
        assertThat(document.lines()).extracting(InvoiceLineItem::rateCategory, InvoiceLineItem::vatRate)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("SECOND_REDUCED", new BigDecimal("5.5")),
                        org.assertj.core.groups.Tuple.tuple("STANDARD", new BigDecimal("20")));
        assertThat(document.taxes()).extracting(TaxAmount::rate)
                .containsExactly(new BigDecimal("20"), new BigDecimal("5.5"));
    }

    @Test
    void anUnknownOrderIsRejectedWithoutANumber() {
        issuer.on(request("o-404", null, null, null));

        assertRejected("orderId", "must-exist");
    }

    @Test
    void anOrderNotConfirmedIsRejected() {
        customer("c-1", "FR", null, null);
        append("Order", "o-1", new OrderPlacedEvent("o-1", "c-1", "EUR", LINES, LYON, BigDecimal.TEN));

        issuer.on(request("o-1", null, null, null));

        assertRejected("orderId", "order-not-confirmed");
    }

    @Test
    void anOrderOfAnUnknownCustomerIsRejected() {
        confirmedOrder("o-1", "c-404", "EUR", LINES);

        issuer.on(request("o-1", null, null, null));

        assertRejected("customerId", "must-exist");
    }

    @Test
    void anUnknownTemplateIsRejected() {
        customer("c-1", "FR", null, null);
        confirmedOrder("o-1", "c-1", "EUR", LINES);

        issuer.on(request("o-1", "no-such-template", null, null));

        assertRejected("templateId", "known-template");
    }

    @Test
    void aCurrencyWithoutExchangeRateIsRejected() {
        customer("c-1", "FR", null, null);
        confirmedOrder("o-1", "c-1", "CHF", LINES);

        issuer.on(request("o-1", null, null, null));

        assertRejected("currency", "exchange-rate-known");
        assertThat(logs.list).anySatisfy(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.WARN);
            assertThat(line.getFormattedMessage()).contains("no exchange rate from CHF to EUR")
                    .contains("add the rate to the exchange-rate table");
        });
    }

    @Test
    void aSellerCountryWithoutVatRatesIsRejectedWithTheCalculatorsRule() {
        customer("c-1", "FR", null, null);
        confirmedOrder("o-1", "c-1", "EUR", LINES);
        billing.getCompanies().get("axle").setCountry("PL");

        issuer.on(request("o-1", null, null, null));

        assertRejected("country", "vat-rate-known");
    }

    @Test
    void anOrderCancelledAfterItsInvoiceTookANumberIsStillInvoiced() {
        customer("c-1", "FR", null, null);
        confirmedOrder("o-1", "c-1", "EUR", LINES);
        append("Order", "o-1", new OrderCancelledEvent("o-1", "changed my mind"));
        InvoiceRequestedEvent request = request("o-1", null, null, null);
        numberAlreadyTaken(request.invoiceId(), "INV-2026-000001");

        issuer.on(request);

        assertThat(single(IssueInvoiceCommand.class).document().number()).isEqualTo("INV-2026-000001");
        assertThat(commands(RejectInvoiceRequestCommand.class)).isEmpty();
    }

    @Test
    void aRequestHoldingANumberIsNeverRejectedButRetried() {
        customer("c-1", "FR", null, null);
        confirmedOrder("o-1", "c-1", "CHF", LINES);
        InvoiceRequestedEvent request = request("o-1", null, null, null);
        numberAlreadyTaken(request.invoiceId(), "INV-2026-000001");

        assertThatThrownBy(() -> issuer.on(request))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds number INV-2026-000001")
                .hasMessageContaining("no exchange rate from CHF to EUR");
        assertThat(commands(RejectInvoiceRequestCommand.class)).isEmpty();
        assertThat(commands(IssueInvoiceCommand.class)).isEmpty();
    }

    @Test
    void aFailureAfterTheNumberIsPropagatedAndTheRetryIssuesTheSameDocument() {
        customer("c-1", "FR", null, null);
        confirmedOrder("o-1", "c-1", "EUR", LINES);
        InvoiceRequestedEvent request = request("o-1", null, null, null);
        renderer.failuresLeft = 1;

        assertThatThrownBy(() -> issuer.on(request)).hasMessage("renderer out of order");
        assertThat(commands(IssueInvoiceCommand.class)).isEmpty();
        assertThat(commands(RejectInvoiceRequestCommand.class)).isEmpty();
        assertThat(logs.list).anySatisfy(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.ERROR);
            assertThat(line.getFormattedMessage()).contains("Invoice INV-2026-000001 of order o-1 holds its number");
        });

        issuer.on(request);
        issuer.on(request);

        List<IssueInvoiceCommand> issues = commands(IssueInvoiceCommand.class);
        assertThat(issues).hasSize(2);
        assertThat(issues.get(0).document().number()).isEqualTo("INV-2026-000001");
        assertThat(issues.get(1)).isEqualTo(issues.get(0));
        assertThat(commands(AllocateInvoiceNumberCommand.class)).hasSize(3)
                .extracting(AllocateInvoiceNumberCommand::invoiceId).containsOnly(request.invoiceId());
    }

    @Test
    void anInvoiceAlreadyIssuedOrRejectedIsPassedOver() {
        customer("c-1", "FR", null, null);
        confirmedOrder("o-1", "c-1", "EUR", LINES);
        InvoiceRequestedEvent request = request("o-1", null, null, null);
        append("Invoice", request.invoiceId(), request);
        append("Invoice", request.invoiceId(), new InvoiceIssuedEvent(request.invoiceId(), "o-1", "c-1",
                someDocument("INV-2026-000001"), "abc"));

        issuer.on(request);

        assertThat(sent).isEmpty();
        assertThat(renderer.renders).hasValue(0);
    }

    @Test
    void aRequestSupersededByALaterOneIsPassedOver() {
        customer("c-1", "FR", null, null);
        confirmedOrder("o-1", "c-1", "EUR", LINES);
        InvoiceRequestedEvent first = request("o-1", null, null, null);
        InvoiceRequestedEvent second = request("o-1", "classic-en", null, null, REQUESTED_AT.plusSeconds(60));
        append("Invoice", first.invoiceId(), first);
        append("Invoice", first.invoiceId(), new io.axle.api.invoice.InvoiceRequestRejectedEvent(first.invoiceId(),
                "o-1", "templateId", "known-template", "no such template"));
        append("Invoice", first.invoiceId(), second);

        issuer.on(first);
        assertThat(sent).isEmpty();

        issuer.on(second);
        assertThat(single(IssueInvoiceCommand.class).document().templateId()).isEqualTo("classic-en");
    }

    @Test
    void theInvoiceOfAnOrderPlacedBeforeOrdersWereNumberedNamesTheOrderById() {
        customer("c-1", "FR", null, null);
        append("Order", "o-1", new OrderPlacedEvent("o-1", "c-1", "EUR", LINES, LYON, BigDecimal.TEN));
        append("Order", "o-1", new OrderStockReservedEvent("o-1"));
        append("Order", "o-1", new OrderConfirmedEvent("o-1", "c-1", BigDecimal.TEN, "EUR"));

        issuer.on(request("o-1", null, null, Map.of()));

        BillingDocument document = single(IssueInvoiceCommand.class).document();
        assertThat(document.orderNumber()).isNull();
        assertThat(document.orderReference()).isEqualTo("o-1");
    }

    /*
     * One of the two brake pads of the invoice above (global discount 5 %): 41.50; 5 % = 2.075 → 2.08; base 39.42;
     * tax 7.884 → 7.88; incl. tax 47.30.
     */
    @Test
    void aCreditNoteCreditsTheQuantitiesAtTheInvoicesPricesInItsOwnSeries() {
        BillingDocument invoice = issueInvoice("FR", null, "EUR", new BigDecimal("5"));
        CreditNoteRequestedEvent request = new CreditNoteRequestedEvent(invoice.orderId() + "-inv", "cn-1",
                "one pad damaged", List.of(new CreditedLine(1, BigDecimal.ONE)), "op",
                Instant.parse("2026-03-20T10:00:00.5Z"));

        issuer.on(request);

        IssueCreditNoteCommand issue = single(IssueCreditNoteCommand.class);
        BillingDocument note = issue.document();
        assertThat(issue.invoiceId()).isEqualTo(request.invoiceId());
        assertThat(issue.creditNoteId()).isEqualTo("cn-1");
        assertThat(note.kind()).isEqualTo(DocumentKind.CREDIT_NOTE);
        assertThat(note.number()).isEqualTo("CN-2026-000001");
        assertThat(note.correctedNumber()).isEqualTo(invoice.number());
        assertThat(note.orderNumber()).isEqualTo(ORDER_NUMBER);
        assertThat(note.reason()).isEqualTo("one pad damaged");
        assertThat(note.issuedAt()).isEqualTo(Instant.parse("2026-03-20T10:00:00Z"));
        assertThat(note.dueDate()).isNull();
        assertThat(note.buyer()).isEqualTo(invoice.buyer());
        assertThat(note.templateId()).isEqualTo(invoice.templateId());
        assertThat(note.lines()).containsExactly(new InvoiceLineItem(1, "BRK-PAD-01", "BRK-PAD-01", BigDecimal.ONE,
                new BigDecimal("41.50"), BigDecimal.ZERO, "STANDARD", new BigDecimal("20"), new BigDecimal("41.50")));
        assertThat(note.globalDiscount()).isEqualTo("2.08");
        assertThat(note.totalExclTax()).isEqualTo("39.42");
        assertThat(note.totalTax()).isEqualTo("7.88");
        assertThat(note.totalInclTax()).isEqualTo("47.30");
        assertThat(store.documents.get(DocumentStore.creditNoteId(request.invoiceId(), "cn-1")).sha256()).isEqualTo(issue.pdfSha256());
        assertThat(commands(AllocateInvoiceNumberCommand.class)).last().isEqualTo(new AllocateInvoiceNumberCommand(
                InvoiceNumberSequences.id(DocumentKind.CREDIT_NOTE, "axle", 2026), "axle", 2026, "cn-1",
                DocumentKind.CREDIT_NOTE));
    }

    @Test
    void aCreditNoteRepeatsTheInvoicesRateAndExchangeRate() {
        BillingDocument invoice = issueInvoice("FR", null, "USD", null);
        String invoiceId = invoice.orderId() + "-inv";

        issuer.on(new CreditNoteRequestedEvent(invoiceId, "cn-1", "returned", List.of(new CreditedLine(1,
                new BigDecimal("2")), new CreditedLine(2, BigDecimal.ONE)), "op", Instant.parse("2026-04-20T10:00:00Z")));

        BillingDocument note = single(IssueCreditNoteCommand.class).document();
        assertThat(note.exchangeRate()).isEqualTo(invoice.exchangeRate());
        assertThat(note.exchangeRateDate()).isEqualTo(invoice.exchangeRateDate());
        assertThat(note.totalInclTax()).isEqualTo(invoice.totalInclTax());
        assertThat(note.taxes()).isEqualTo(invoice.taxes());
        assertThat(note.totalTaxInAccountingCurrency()).isEqualTo(invoice.totalTaxInAccountingCurrency());
    }

    @Test
    void aCreditNoteOfAReverseChargedInvoiceIsReverseChargedToo() {
        BillingDocument invoice = issueInvoice("DE", "DE123456789", "EUR", null);

        issuer.on(new CreditNoteRequestedEvent(invoice.orderId() + "-inv", "cn-1", "returned",
                List.of(new CreditedLine(2, BigDecimal.ONE)), "op", Instant.parse("2026-03-20T10:00:00Z")));

        BillingDocument note = single(IssueCreditNoteCommand.class).document();
        assertThat(note.reverseCharge()).isTrue();
        assertThat(note.totalTax()).isEqualTo("0.00");
        assertThat(note.legalMentions()).isEqualTo(invoice.legalMentions());
    }

    @Test
    void aCreditNoteAlreadyIssuedIsPassedOver() {
        BillingDocument invoice = issueInvoice("FR", null, "EUR", null);
        String invoiceId = invoice.orderId() + "-inv";
        append("Invoice", invoiceId, new CreditNoteIssuedEvent(invoiceId, "cn-1", invoice, "x", BigDecimal.ONE,
                BigDecimal.ONE, InvoiceStatus.ISSUED));
        sent.clear();

        issuer.on(new CreditNoteRequestedEvent(invoiceId, "cn-1", "returned", List.of(new CreditedLine(1,
                BigDecimal.ONE)), "op", Instant.parse("2026-03-20T10:00:00Z")));

        assertThat(sent).isEmpty();
    }

    /** Issues an invoice for a new customer of {@code country} through the issuer and records it as issued. */
    private BillingDocument issueInvoice(String country, String vatNumber, String currency, BigDecimal discount) {
        customer("c-1", country, vatNumber, null);
        confirmedOrder("o-1", "c-1", currency, LINES);
        String invoiceId = "o-1-inv";
        InvoiceRequestedEvent request = new InvoiceRequestedEvent(invoiceId, "o-1", "c-1", null, Map.of(), discount,
                "op", REQUESTED_AT);
        append("Invoice", invoiceId, request);
        issuer.on(request);
        IssueInvoiceCommand issue = single(IssueInvoiceCommand.class);
        append("Invoice", invoiceId, new InvoiceIssuedEvent(invoiceId, "o-1", "c-1", issue.document(),
                issue.pdfSha256()));
        sent.clear();
        return issue.document();
    }

    private void assertRejected(String field, String rule) {
        RejectInvoiceRequestCommand reject = single(RejectInvoiceRequestCommand.class);
        assertThat(reject.field()).isEqualTo(field);
        assertThat(reject.rule()).isEqualTo(rule);
        assertThat(reject.reason()).isNotBlank();
        assertThat(commands(AllocateInvoiceNumberCommand.class)).isEmpty();
        assertThat(commands(IssueInvoiceCommand.class)).isEmpty();
        assertThat(renderer.renders).hasValue(0);
    }

    private void numberAlreadyTaken(String invoiceId, String number) {
        String sequence = InvoiceNumberSequences.id(DocumentKind.INVOICE, "axle", 2026);
        append("InvoiceNumbering", sequence, new InvoiceNumberAllocatedEvent(sequence, "axle", 2026, 1, number,
                invoiceId));
        numbering.allocate(new AllocateInvoiceNumberCommand(sequence, "axle", 2026, invoiceId));
    }

    private <T> T single(Class<T> type) {
        List<T> matching = commands(type);
        assertThat(matching).as("%s sent", type.getSimpleName()).hasSize(1);
        return matching.get(0);
    }

    private <T> List<T> commands(Class<T> type) {
        List<T> matching = new ArrayList<>();
        sent.stream().filter(type::isInstance).map(type::cast).forEach(matching::add);
        return matching;
    }

    private void customer(String id, String country, String vatNumber, String language) {
        append("Customer", id, BillingFactsTest.registered(id, country, vatNumber, language));
    }

    private void confirmedOrder(String orderId, String customerId, String currency, List<OrderLine> lines) {
        append("Order", orderId, new OrderPlacedEvent(orderId, customerId, currency, lines, LYON, BigDecimal.TEN,
                ORDER_NUMBER));
        append("Order", orderId, new OrderStockReservedEvent(orderId));
        append("Order", orderId, new OrderConfirmedEvent(orderId, customerId, BigDecimal.TEN, currency));
    }

    private static InvoiceRequestedEvent request(String orderId, String templateId, BigDecimal discount,
                                                 Map<String, String> customFields) {
        return request(orderId, templateId, discount, customFields, REQUESTED_AT);
    }

    private static InvoiceRequestedEvent request(String orderId, String templateId, BigDecimal discount,
                                                 Map<String, String> customFields, Instant requestedAt) {
        return new InvoiceRequestedEvent(Invoices.idForOrder(orderId), orderId, "c-1", templateId, customFields,
                discount, "op", requestedAt);
    }

    private void append(String type, String id, Object payload) {
        BillingFactsTest.append(eventStore, sequences, type, id, payload);
    }

    /** A plausible issued invoice, for tests that only need one to exist. */
    static BillingDocument someDocument(String number) {
        Party seller = new BillingProperties().defaultCompany().seller();
        Party buyer = new Party("Garage Dupont", "12 rue de la Gare", "69001", "Lyon", "FR", null,
                "compta@dupont.example", null, null);
        return new BillingDocument(DocumentKind.INVOICE, number, "axle", "classic-fr", "fr", seller, buyer, "o-1",
                "EUR", "EUR", BigDecimal.ONE, LocalDate.of(2026, 3, 2), Instant.parse("2026-03-02T09:00:00Z"),
                LocalDate.of(2026, 4, 1), List.of(new InvoiceLineItem(1, "A", "A", BigDecimal.ONE,
                new BigDecimal("10.00"), BigDecimal.ZERO, "STANDARD", new BigDecimal("20"), new BigDecimal("10.00"))),
                new BigDecimal("10.00"), BigDecimal.ZERO, new BigDecimal("0.00"), new BigDecimal("10.00"),
                new BigDecimal("2.00"), new BigDecimal("12.00"), List.of(new TaxAmount(new BigDecimal("20"),
                new BigDecimal("10.00"), new BigDecimal("2.00"))), new BigDecimal("2.00"), false, List.of(),
                Map.of(), null, null, null);
    }
}
