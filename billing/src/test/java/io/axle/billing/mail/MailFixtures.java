package io.axle.billing.mail;

import io.axle.api.invoice.BillingDocument;
import io.axle.api.invoice.CreditNoteIssuedEvent;
import io.axle.api.invoice.DocumentKind;
import io.axle.api.invoice.InvoiceIssuedEvent;
import io.axle.api.invoice.InvoiceLineItem;
import io.axle.api.invoice.InvoiceStatus;
import io.axle.api.invoice.Party;
import io.axle.api.invoice.TaxAmount;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageDispatchInterceptor;

/** Documents, a small real PDF, an in-memory document store and a command gateway that records what it is sent. */
final class MailFixtures {

    static final String INVOICE_ID = "5f0e7c1e-0000-4000-8000-000000000042";
    static final String CREDIT_NOTE_ID = "5f0e7c1e-0000-4000-8000-000000000007";
    static final Party SELLER = new Party("Axle Demo SAS", "12 rue de la Paix", "75002", "Paris", "FR",
            "FR40303265045", "billing@axle.example", "SIREN 303 265 045 — RCS Paris", "FR76 3000 6000 0112 3456 7890 189");

    private MailFixtures() {
    }

    static Party buyer(String email) {
        return new Party("Garage Dupont & Fils", "3 avenue Foch", "69006", "Lyon", "FR", null, email, null, null);
    }

    static BillingDocument invoice(String language, String buyerEmail) {
        return new BillingDocument(DocumentKind.INVOICE, "INV-2026-000042", "axle", "standard-" + language + "-consumer",
                language, SELLER, buyer(buyerEmail), "order-42", "EUR", "EUR", BigDecimal.ONE,
                LocalDate.parse("2026-03-02"), Instant.parse("2026-03-02T09:30:00Z"), LocalDate.parse("2026-04-01"),
                List.of(new InvoiceLineItem(1, "BRK-PAD-01", "Plaquettes de frein", new BigDecimal("10"),
                        new BigDecimal("102.88"), BigDecimal.ZERO, "STANDARD", new BigDecimal("20"),
                        new BigDecimal("1028.80"))),
                new BigDecimal("1028.80"), BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("1028.80"),
                new BigDecimal("205.76"), new BigDecimal("1234.56"),
                List.of(new TaxAmount(new BigDecimal("20"), new BigDecimal("1028.80"), new BigDecimal("205.76"))),
                new BigDecimal("205.76"), false, List.of(), Map.of(), null, null, null);
    }

    static BillingDocument creditNote(String language, String buyerEmail) {
        BillingDocument invoice = invoice(language, buyerEmail);
        return new BillingDocument(DocumentKind.CREDIT_NOTE, "CN-2026-000007", "axle", invoice.templateId(), language,
                SELLER, invoice.buyer(), invoice.orderId(), "EUR", "EUR", BigDecimal.ONE, invoice.exchangeRateDate(),
                Instant.parse("2026-03-10T14:00:00Z"), null, invoice.lines(), new BigDecimal("102.88"),
                BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("102.88"), new BigDecimal("20.58"),
                new BigDecimal("123.46"), List.of(), new BigDecimal("20.58"), false, List.of(), Map.of(),
                "INV-2026-000042", "Returned damaged", null);
    }

    static InvoiceIssuedEvent issued(BillingDocument document, byte[] pdf) {
        return new InvoiceIssuedEvent(INVOICE_ID, document.orderId(), "customer-7", document, sha256(pdf));
    }

    static CreditNoteIssuedEvent creditNoteIssued(BillingDocument document, byte[] pdf) {
        return new CreditNoteIssuedEvent(INVOICE_ID, CREDIT_NOTE_ID, document, sha256(pdf), new BigDecimal("123.46"),
                new BigDecimal("1111.10"), InvoiceStatus.ISSUED);
    }

    /** A one-page PDF saying {@code text}, as PDFBox writes it. */
    static byte[] pdf(String text) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 14);
                content.newLineAtOffset(72, 700);
                content.showText(text);
                content.endText();
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Records the commands it is sent and answers null, as a successful command handler returning nothing would. */
    static final class RecordingCommandGateway implements CommandGateway {

        final List<Object> sent = new CopyOnWriteArrayList<>();

        @Override
        public <C, R> void send(C command, CommandCallback<? super C, ? super R> callback) {
            throw new UnsupportedOperationException("the mailer waits for the command");
        }

        @Override
        public <R> R sendAndWait(Object command) {
            sent.add(command);
            return null;
        }

        @Override
        public <R> R sendAndWait(Object command, long timeout, TimeUnit unit) {
            return sendAndWait(command);
        }

        @Override
        public <R> CompletableFuture<R> send(Object command) {
            throw new UnsupportedOperationException("the mailer waits for the command");
        }

        @Override
        public Registration registerDispatchInterceptor(
                MessageDispatchInterceptor<? super CommandMessage<?>> interceptor) {
            return () -> true;
        }

        List<Object> sent() {
            return new ArrayList<>(sent);
        }
    }
}
