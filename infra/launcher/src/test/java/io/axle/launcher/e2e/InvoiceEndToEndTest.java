package io.axle.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.axle.launcher.e2e.AxleClient.Answer;
import io.axle.launcher.e2e.AxleClient.Download;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.util.FileSystemUtils;

/**
 * Billing end to end on the booted application: a confirmed order is invoiced by itself, the invoice reads as the API
 * promises, its PDF is signed (checked by poppler's {@code pdfsig}) and carries the number and amounts (checked by
 * {@code pdftotext}), the customer receives it over SMTP (an in-process GreenMail server), and payments and credit
 * notes move its balance and status, and once it is paid the order's credit is given back to the customer.
 * Intra-EU B2B reverse charge and a foreign currency are checked on the same run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvoiceEndToEndTest {

    private static final Duration SETTLE = Duration.ofSeconds(60);

    private final GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    private Path dataDir;
    private RunningAxle axle;
    private AxleClient admin;

    @BeforeAll
    void boot() throws IOException {
        smtp.start();
        dataDir = Files.createTempDirectory("axle-e2e-invoices");
        axle = RunningAxle.start(dataDir, Map.of(
                "spring.mail.host", "127.0.0.1",
                "spring.mail.port", String.valueOf(smtp.getSmtp().getPort())));
        admin = axle.admin();
    }

    @AfterAll
    void shutDown() {
        if (axle != null) {
            axle.close();
        }
        smtp.stop();
        FileSystemUtils.deleteRecursively(dataDir.toFile());
    }

    @Test
    void aConfirmedOrderIsInvoicedSignedMailedAndSettledByPayments() throws Exception {
        String email = "compta+" + UUID.randomUUID().toString().substring(0, 6) + "@garage-dupre.fr";
        String customerId = customer("Garage Dupré Électricité", email, "FR", "EUR", null);
        String orderId = confirmedOrder(customerId, "EUR", "12.50", 3);

        JsonNode invoice = awaitInvoice(orderId, "ISSUED");
        String invoiceId = invoice.get("invoiceId").asText();
        int year = LocalDate.now(ZoneId.of("Europe/Paris")).getYear();
        assertThat(invoice.get("number").asText()).matches("INV-" + year + "-\\d{6}");
        assertThat(invoice.get("customerId").asText()).isEqualTo(customerId);
        assertThat(invoice.get("currency").asText()).isEqualTo("EUR");
        assertThat(invoice.get("exchangeRate").decimalValue()).isEqualByComparingTo("1");
        assertThat(invoice.get("totalExclTax").decimalValue()).isEqualByComparingTo("37.50");
        assertThat(invoice.get("totalTax").decimalValue()).isEqualByComparingTo("7.50");
        assertThat(invoice.get("totalInclTax").decimalValue()).isEqualByComparingTo("45.00");
        assertThat(invoice.at("/taxes/0/rate").decimalValue()).isEqualByComparingTo("20");
        assertThat(invoice.at("/taxes/0/base").decimalValue()).isEqualByComparingTo("37.50");
        assertThat(invoice.at("/taxes/0/amount").decimalValue()).isEqualByComparingTo("7.50");
        assertThat(invoice.get("lines").size()).isEqualTo(1);
        LocalDate issued = Instant.parse(invoice.get("issuedAt").asText()).atZone(ZoneId.of("Europe/Paris")).toLocalDate();
        assertThat(LocalDate.parse(invoice.get("dueDate").asText())).isEqualTo(issued.plusDays(30));

        byte[] pdf = pdf("/api/v1/invoices/" + invoiceId + "/pdf");
        assertThat(sha256(pdf)).isEqualTo(invoice.get("pdfSha256").asText());
        String text = pdfText(pdf);
        assertThat(text).contains(invoice.get("number").asText(), "Garage Dupré Électricité", "45,00", "€");
        assertThat(pdfsig(pdf)).contains("Signature is Valid");

        MimeMessage mail = awaitMail(email);
        assertThat(mail.getSubject()).contains(invoice.get("number").asText());
        assertThat(attachment(mail, invoice.get("number").asText() + ".pdf")).isEqualTo(pdf);
        await(() -> invoiceById(invoiceId).get("emails").size() == 1, "the sending recorded on the invoice");

        Answer again = admin.post("/api/v1/billing/generate-invoice", Map.of("orderId", orderId));
        assertThat(again.status()).as(again.raw().body()).isEqualTo(409);
        assertThat(again.body().get("rule").asText()).isEqualTo("already-invoiced");

        Answer part = admin.post("/api/v1/invoices/" + invoiceId + "/payments", Map.of("amount", new BigDecimal("20.00"),
                "method", "BANK_TRANSFER", "reference", "VIR 2026/0042"));
        assertThat(part.status()).as(part.raw().body()).isBetween(200, 202);
        await(() -> "PARTIALLY_PAID".equals(invoiceById(invoiceId).get("status").asText()), "partially paid");
        JsonNode partlyPaid = invoiceById(invoiceId);
        assertThat(partlyPaid.get("balance").decimalValue()).isEqualByComparingTo("25.00");
        JsonNode payment = partlyPaid.get("payments").get(0);
        assertThat(payment.get("method").asText()).isEqualTo("BANK_TRANSFER");
        assertThat(payment.get("reference").asText()).isEqualTo("VIR 2026/0042");
        assertThat(payment.get("paidOn").asText()).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
        JsonNode owed = admin.get("/api/v1/invoices/totals?customerId=" + customerId).body().get("totals");
        assertThat(owed).hasSize(1);
        assertThat(owed.get(0).get("currency").asText()).isEqualTo("EUR");
        assertThat(owed.get(0).get("outstanding").decimalValue()).isEqualByComparingTo("25.00");

        Answer future = admin.post("/api/v1/invoices/" + invoiceId + "/payments", Map.of("amount", new BigDecimal("1.00"),
                "paidOn", LocalDate.now(ZoneOffset.UTC).plusDays(3).toString()));
        assertThat(future.status()).as(future.raw().body()).isEqualTo(422);
        assertThat(future.body().get("field").asText()).isEqualTo("paidOn");
        assertThat(future.body().get("rule").asText()).isEqualTo("not-in-future");

        Answer tooMuch = admin.post("/api/v1/invoices/" + invoiceId + "/payments", Map.of("amount", new BigDecimal("30.00")));
        assertThat(tooMuch.status()).as(tooMuch.raw().body()).isEqualTo(422);
        assertThat(tooMuch.body().get("rule").asText()).isEqualTo("not-more-than-balance");

        assertThat(admin.get("/api/v1/customers/" + customerId).body().get("creditReserved").decimalValue())
                .as("credit stays reserved while the invoice is open").isEqualByComparingTo("37.50");

        Answer rest = admin.post("/api/v1/invoices/" + invoiceId + "/payments", Map.of("amount", new BigDecimal("25.00")));
        assertThat(rest.status()).as(rest.raw().body()).isBetween(200, 202);
        await(() -> "PAID".equals(invoiceById(invoiceId).get("status").asText()), "paid");
        assertThat(invoiceById(invoiceId).get("balance").decimalValue()).isEqualByComparingTo("0");
        await(() -> admin.get("/api/v1/customers/" + customerId).body().get("creditReserved").decimalValue()
                .signum() == 0, "the order's credit given back once its invoice is paid");
    }

    @Test
    void aCreditNoteCorrectsPartOfAnInvoiceWithItsOwnNumberAndDocument() throws Exception {
        String customerId = customer("Atelier Zürich Sàrl", "atelier@example.fr", "FR", "EUR", null);
        String orderId = confirmedOrder(customerId, "EUR", "10.00", 4);
        String invoiceId = awaitInvoice(orderId, "ISSUED").get("invoiceId").asText();

        Answer credit = admin.post("/api/v1/invoices/" + invoiceId + "/credit-notes",
                Map.of("reason", "Deux pièces abîmées", "lines", List.of(Map.of("position", 1, "quantity", 2))));
        assertThat(credit.status()).as(credit.raw().body()).isEqualTo(202);
        String creditNoteId = credit.body().get("creditNoteId").asText();

        await(() -> {
            JsonNode notes = invoiceById(invoiceId).get("creditNotes");
            return notes.size() == 1 && notes.get(0).hasNonNull("number");
        }, "the credit note issued");
        JsonNode invoice = invoiceById(invoiceId);
        JsonNode note = invoice.get("creditNotes").get(0);
        assertThat(note.get("number").asText()).matches("CN-\\d{4}-\\d{6}");
        assertThat(note.get("totalInclTax").decimalValue()).isEqualByComparingTo("24.00");
        assertThat(invoice.get("balance").decimalValue()).isEqualByComparingTo("24.00");

        byte[] pdf = pdf("/api/v1/invoices/" + invoiceId + "/credit-notes/" + creditNoteId + "/pdf");
        assertThat(sha256(pdf)).isEqualTo(note.get("pdfSha256").asText());
        assertThat(pdfText(pdf)).contains(note.get("number").asText(), invoice.get("number").asText(),
                "Deux pièces abîmées");
        assertThat(pdfsig(pdf)).contains("Signature is Valid");

        Answer overCredit = admin.post("/api/v1/invoices/" + invoiceId + "/credit-notes",
                Map.of("reason", "Trop", "lines", List.of(Map.of("position", 1, "quantity", 3))));
        assertThat(overCredit.status()).as(overCredit.raw().body()).isEqualTo(422);
        assertThat(overCredit.body().get("rule").asText()).isEqualTo("not-more-than-invoiced");
    }

    @Test
    void anIntraEuBusinessIsReverseChargedAndAForeignCurrencyShowsTheRateFixedAtIssue() throws Exception {
        String business = customer("Werkstatt Müller GmbH", "buchhaltung@mueller.example", "DE", "EUR", "DE123456789");
        JsonNode reverse = awaitInvoice(confirmedOrder(business, "EUR", "100.00", 2), "ISSUED");
        assertThat(reverse.get("totalTax").decimalValue()).isEqualByComparingTo("0");
        assertThat(reverse.get("totalInclTax").decimalValue()).isEqualByComparingTo("200.00");
        assertThat(reverse.get("reverseCharge").asBoolean()).isTrue();
        String reverseText = pdfText(pdf("/api/v1/invoices/" + reverse.get("invoiceId").asText() + "/pdf"));
        assertThat(reverseText).contains("196", "DE123456789");

        String american = customer("Garage Dupré USA", "ap@dupre.example", "FR", "USD", null);
        JsonNode dollars = awaitInvoice(confirmedOrder(american, "USD", "50.00", 1), "ISSUED");
        assertThat(dollars.get("currency").asText()).isEqualTo("USD");
        assertThat(dollars.get("accountingCurrency").asText()).isEqualTo("EUR");
        assertThat(dollars.get("exchangeRate").decimalValue()).isPositive().isNotEqualByComparingTo("1");
        String dollarText = pdfText(pdf("/api/v1/invoices/" + dollars.get("invoiceId").asText() + "/pdf"));
        assertThat(dollarText).contains("USD").contains("EUR");
    }

    @Test
    void anExplicitRequestIsCheckedBeforeItIsAccepted() {
        Answer unknown = admin.post("/api/v1/billing/generate-invoice", Map.of("orderId", UUID.randomUUID().toString()));
        assertThat(unknown.status()).as(unknown.raw().body()).isEqualTo(404);

        Answer missing = admin.post("/api/v1/billing/generate-invoice", Map.of("templateId", "standard-fr-business"));
        assertThat(missing.status()).as(missing.raw().body()).isEqualTo(400);
        assertThat(missing.raw().body()).contains("orderId");

        assertThat(axle.anonymous().get("/api/v1/invoices").status()).isEqualTo(401);
        Answer badStatus = admin.get("/api/v1/invoices?status=LOST");
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.raw().body()).contains("status");
    }

    private String customer(String name, String email, String country, String currency, String vatNumber) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", name, "email", email, "country", country,
                "currency", currency, "creditLimit", new BigDecimal("100000.00")));
        if (vatNumber != null) {
            body.put("vatNumber", vatNumber);
        }
        Answer answer = admin.post("/api/v1/customers", body);
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
        String id = answer.body().get("id").asText();
        await(() -> admin.get("/api/v1/customers/" + id).status() == 200, "customer " + id + " readable");
        return id;
    }

    private String confirmedOrder(String customerId, String currency, String unitPrice, int quantity) {
        String sku = "PART-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Catalogue.add(admin, sku, unitPrice, currency);
        Answer received = admin.post("/api/v1/stock/" + sku + "/receipts", Map.of("quantity", 100));
        assertThat(received.status()).as(received.raw().body()).isEqualTo(202);
        await(() -> admin.get("/api/v1/stock/" + sku).status() == 200, "stock of " + sku);
        List<Map<String, Object>> lines = new ArrayList<>();
        lines.add(Map.of("sku", sku, "quantity", quantity, "unitPrice", new BigDecimal(unitPrice)));
        Answer placed = admin.post("/api/v1/orders", Map.of("customerId", customerId, "currency", currency,
                "lines", lines, "shippingAddress", Map.of("recipient", "Service comptabilité", "street",
                        "12 rue des Lilas", "city", "Lyon", "postalCode", "69003", "country", "FR")));
        assertThat(placed.status()).as(placed.raw().body()).isEqualTo(202);
        String orderId = placed.body().get("orderId").asText();
        await(() -> {
            Answer order = admin.get("/api/v1/orders/" + orderId);
            return order.status() == 200 && "CONFIRMED".equals(order.body().get("status").asText());
        }, "order " + orderId + " confirmed");
        return orderId;
    }

    private JsonNode awaitInvoice(String orderId, String status) {
        JsonNode[] found = new JsonNode[1];
        await(() -> {
            Answer page = admin.get("/api/v1/invoices?orderId=" + orderId);
            if (page.status() != 200 || page.body().get("content").isEmpty()) {
                return false;
            }
            found[0] = page.body().get("content").get(0);
            return status.equals(found[0].get("status").asText());
        }, "the invoice of order " + orderId + " to be " + status);
        return invoiceById(found[0].get("invoiceId").asText());
    }

    private JsonNode invoiceById(String invoiceId) {
        Answer answer = admin.get("/api/v1/invoices/" + invoiceId);
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        return answer.body();
    }

    private byte[] pdf(String path) {
        Download download = admin.download(path, "application/pdf");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Type")).startsWith("application/pdf");
        return download.bytes();
    }

    private MimeMessage awaitMail(String recipient) throws Exception {
        MimeMessage[] found = new MimeMessage[1];
        await(() -> {
            for (MimeMessage message : smtp.getReceivedMessages()) {
                try {
                    if (message.getAllRecipients()[0].toString().contains(recipient)) {
                        found[0] = message;
                        return true;
                    }
                } catch (jakarta.mail.MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }
            return false;
        }, "a mail to " + recipient);
        return found[0];
    }

    private static byte[] attachment(MimeMessage message, String fileName) throws Exception {
        Multipart multipart = (Multipart) message.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) && fileName.equals(part.getFileName())) {
                assertThat(part.getContentType()).startsWith("application/pdf");
                try (InputStream in = part.getInputStream()) {
                    return in.readAllBytes();
                }
            }
        }
        throw new AssertionError("no attachment named " + fileName);
    }

    private String pdfText(byte[] pdf) throws Exception {
        return run(pdf, "pdftotext", "-layout", "{pdf}", "-");
    }

    private String pdfsig(byte[] pdf) throws Exception {
        return run(pdf, "pdfsig", "{pdf}");
    }

    /** Runs a poppler tool on the PDF written to a file and answers what it printed. */
    private String run(byte[] pdf, String... command) throws Exception {
        Path file = Files.createTempFile(dataDir, "document", ".pdf");
        Files.write(file, pdf);
        List<String> arguments = new ArrayList<>();
        for (String argument : command) {
            arguments.add(argument.equals("{pdf}") ? file.toString() : argument);
        }
        Process process = new ProcessBuilder(arguments).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        process.getInputStream().transferTo(out);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static void await(BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(SETTLE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + SETTLE.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
