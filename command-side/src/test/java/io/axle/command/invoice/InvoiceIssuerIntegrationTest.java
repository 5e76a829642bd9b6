package io.axle.command.invoice;

import io.axle.billing.DocumentStore;
import io.axle.api.common.Refusal;
import io.axle.api.invoice.BillingDocument;
import io.axle.api.invoice.CreditNoteIssuedEvent;
import io.axle.api.invoice.CreditedLine;
import io.axle.api.invoice.DocumentKind;
import io.axle.api.invoice.InvoiceIssuedEvent;
import io.axle.api.invoice.InvoiceNumberAllocatedEvent;
import io.axle.api.invoice.InvoiceNumberSequences;
import io.axle.api.invoice.InvoiceRequestRejectedEvent;
import io.axle.api.invoice.InvoiceRequestedEvent;
import io.axle.api.invoice.Invoices;
import io.axle.api.invoice.RequestCreditNoteCommand;
import io.axle.api.invoice.RequestInvoiceCommand;
import io.axle.api.invoice.TaxAmount;
import io.axle.billing.DocumentRenderer;
import io.axle.billing.StoredDocument;
import io.axle.billing.document.HandlebarsInvoiceTemplates;
import io.axle.billing.document.PdfDocumentRenderer;
import io.axle.billing.document.PdfSigner;
import io.axle.billing.document.SigningCredentials;
import io.axle.command.SharedPostgresNodes;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The issuing process in a real Axon configuration: a node with its JPA event store on PostgreSQL (events serialized
 * with Jackson, as in production), the real aggregates, the issuer in its tracking processor, and the billing
 * library's real templates, exchange rates and signed-PDF renderer (the store is in memory). A confirmed order is
 * requested, issued with the year's first number, its PDF stored with the SHA-256 the event records, and credited.
 */
class InvoiceIssuerIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @TempDir
    static Path folder;
    private static HandlebarsInvoiceTemplates templates;
    private static PdfDocumentRenderer pdfRenderer;

    private final SharedPostgresNodes postgres = new SharedPostgresNodes("axle_invoice_issuer");
    private final AtomicInteger renderFailuresLeft = new AtomicInteger();
    private final InvoiceIssuerFakes.Store store = new InvoiceIssuerFakes.Store();
    private final AtomicReference<Configuration> axon = new AtomicReference<>();
    private CommandGateway gateway;

    @BeforeAll
    static void realRenderer() {
        templates = new HandlebarsInvoiceTemplates(folder.resolve("templates"));
        SigningCredentials credentials = SigningCredentials.loadOrGenerate(folder.resolve("signing.p12"),
                "Axle Demo SAS", "Axle tests");
        pdfRenderer = new PdfDocumentRenderer(templates, new PdfSigner(credentials), company -> PARIS);
    }

    @BeforeEach
    void startNode() {
        DocumentRenderer failingFirst = document -> {
            if (renderFailuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                throw new IllegalStateException("renderer out of order");
            }
            return pdfRenderer.render(document);
        };
        InvoiceIssuerFixture fixture = new InvoiceIssuerFixture(templates, InvoiceIssuerFixture.bundledRates(),
                failingFirst, store);
        gateway = postgres.start("node", configurer -> fixture.configure(configurer, 1, 1, null, axon)).gateway;
        InvoiceIssuerFixture.registerCustomer(gateway, "c-1", "FR", null);
    }

    @AfterEach
    void stopNode() {
        postgres.close();
    }

    @Test
    void aConfirmedOrderIsIssuedWithTheYearsFirstNumberAndCredited() throws Exception {
        String invoiceId = confirmedOrderInvoiced("o-1", "c-1", new BigDecimal("5"));

        InvoiceIssuedEvent issued = InvoiceIssuerFixture.awaitIssued(axon.get(), invoiceId, WAIT);

        int year = yearOfRequest(invoiceId);
        BillingDocument document = issued.document();
        assertThat(document.number()).isEqualTo(InvoiceNumberSequences.format(year, 1));
        assertThat(document.templateId()).isEqualTo("standard-fr-consumer");
        assertThat(document.totalExclTax()).isEqualTo("91.19");
        assertThat(document.totalTax()).isEqualTo("18.24");
        assertThat(document.totalInclTax()).isEqualTo("109.43");
        assertThat(document.taxes()).containsExactly(new TaxAmount(new BigDecimal("20"), new BigDecimal("91.19"),
                new BigDecimal("18.24")));
        assertThat(document.customFields()).containsEntry("po", "PO-77");
        StoredDocument stored = store.find(invoiceId).orElseThrow();
        assertThat(stored.number()).isEqualTo(document.number());
        assertThat(InvoiceIssuerFakes.sha256(stored.pdf())).isEqualTo(issued.pdfSha256());
        assertThat(pdfText(stored.pdf())).contains(document.number()).contains("109,43");

        gateway.sendAndWait(new RequestCreditNoteCommand(invoiceId, "cn-1", "one pad damaged",
                List.of(new CreditedLine(1, BigDecimal.ONE)), "olivia"));
        CreditNoteIssuedEvent credited = InvoiceIssuerFixture.awaitCreditNote(axon.get(), invoiceId, WAIT);

        BillingDocument note = credited.document();
        assertThat(credited.creditNoteId()).isEqualTo("cn-1");
        assertThat(note.kind()).isEqualTo(DocumentKind.CREDIT_NOTE);
        assertThat(note.number()).startsWith("CN-").endsWith("-000001");
        assertThat(note.correctedNumber()).isEqualTo(document.number());
        assertThat(note.totalInclTax()).isEqualTo("47.30");
        assertThat(InvoiceIssuerFakes.sha256(store.find(DocumentStore.creditNoteId(invoiceId, "cn-1")).orElseThrow().pdf())).isEqualTo(credited.pdfSha256());
    }

    @Test
    void aBusinessInAnotherMemberStateIsInvoicedInEnglishUnderReverseCharge() throws Exception {
        InvoiceIssuerFixture.registerCustomer(gateway, "c-2", "DE", "DE123456789");
        String invoiceId = confirmedOrderInvoiced("o-1", "c-2", null);

        InvoiceIssuedEvent issued = InvoiceIssuerFixture.awaitIssued(axon.get(), invoiceId, WAIT);

        BillingDocument document = issued.document();
        assertThat(document.templateId()).isEqualTo("standard-en-business");
        assertThat(document.reverseCharge()).isTrue();
        assertThat(document.totalTax()).isEqualTo("0.00");
        assertThat(document.totalInclTax()).isEqualTo("95.99");
        assertThat(document.legalMentions())
                .containsExactly("Reverse charge — Article 196 of Council Directive 2006/112/EC");
        assertThat(pdfText(store.find(invoiceId).orElseThrow().pdf()))
                .contains("DE123456789").contains("Reverse charge");
    }

    @Test
    void aFailedRenderingIsRetriedUntilIssuedWithoutASecondNumber() {
        renderFailuresLeft.set(2);
        String first = confirmedOrderInvoiced("o-1", "c-1", null);

        InvoiceIssuedEvent issued = InvoiceIssuerFixture.awaitIssued(axon.get(), first, WAIT);
        String second = confirmedOrderInvoiced("o-2", "c-1", null);
        InvoiceIssuedEvent next = InvoiceIssuerFixture.awaitIssued(axon.get(), second, WAIT);

        int year = yearOfRequest(first);
        assertThat(renderFailuresLeft).hasValue(0);
        assertThat(issued.document().number()).isEqualTo(InvoiceNumberSequences.format(year, 1));
        assertThat(next.document().number()).isEqualTo(InvoiceNumberSequences.format(year, 2));
        assertThat(InvoiceIssuerFixture.events(axon.get(), InvoiceNumberSequences.id(DocumentKind.INVOICE, "axle",
                year), InvoiceNumberAllocatedEvent.class)).extracting(InvoiceNumberAllocatedEvent::invoiceId)
                .containsExactly(first, second);
    }

    @Test
    void anOrderNotConfirmedIsRejectedWithoutANumberAndInvoicedOnceConfirmed() {
        InvoiceIssuerFixture.placeOrder(gateway, "o-1", "c-1", InvoiceIssuerTest.LINES);
        String invoiceId = Invoices.idForOrder("o-1");
        gateway.sendAndWait(request("o-1", "c-1", null));

        InvoiceRequestRejectedEvent rejected = InvoiceIssuerFixture.awaitRejected(axon.get(), invoiceId, WAIT);
        assertThat(rejected.rule()).isEqualTo("order-not-confirmed");
        assertThat(store.find(invoiceId)).isEmpty();

        InvoiceIssuerFixture.confirmOrder(gateway, "o-1");
        gateway.sendAndWait(request("o-1", "c-1", null));
        InvoiceIssuedEvent issued = InvoiceIssuerFixture.awaitIssued(axon.get(), invoiceId, WAIT);

        assertThat(issued.document().number()).endsWith("-000001");
    }

    @Test
    void anIssuedOrderIsNotInvoicedTwice() {
        String invoiceId = confirmedOrderInvoiced("o-1", "c-1", null);
        InvoiceIssuerFixture.awaitIssued(axon.get(), invoiceId, WAIT);

        CommandExecutionException refused = catchThrowableOfType(CommandExecutionException.class,
                () -> gateway.sendAndWait(request("o-1", "c-1", null)));

        assertThat(refused.<Refusal>getDetails().orElseThrow().rule()).isEqualTo("already-invoiced");
        assertThat(InvoiceIssuerFixture.events(axon.get(), invoiceId, InvoiceIssuedEvent.class)).hasSize(1);
    }

    private String confirmedOrderInvoiced(String orderId, String customerId, BigDecimal discount) {
        InvoiceIssuerFixture.placeOrder(gateway, orderId, customerId, InvoiceIssuerTest.LINES);
        InvoiceIssuerFixture.confirmOrder(gateway, orderId);
        gateway.sendAndWait(request(orderId, customerId, discount));
        return Invoices.idForOrder(orderId);
    }

    private static RequestInvoiceCommand request(String orderId, String customerId, BigDecimal discount) {
        return new RequestInvoiceCommand(Invoices.idForOrder(orderId), orderId, customerId, null,
                Map.of("po", "PO-77"), discount, "olivia");
    }

    /** The year the invoice is numbered in: its request's, in the demo company's zone. */
    private int yearOfRequest(String invoiceId) {
        InvoiceRequestedEvent requested = InvoiceIssuerFixture.events(axon.get(), invoiceId,
                InvoiceRequestedEvent.class).get(0);
        return LocalDate.ofInstant(requested.requestedAt(), PARIS).getYear();
    }

    /** The text of a PDF as poppler's pdftotext reads it. */
    private static String pdfText(byte[] pdf) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("pdftotext", "-layout", "-", "-").redirectErrorStream(true).start();
        process.getOutputStream().write(pdf);
        process.getOutputStream().close();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("pdftotext: %s", text).isZero();
        return text;
    }
}
