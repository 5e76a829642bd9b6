package io.axle.launcher.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.axle.launcher.e2e.AxleClient;
import io.axle.launcher.e2e.AxleClient.Answer;
import io.axle.launcher.e2e.AxleClient.Part;
import io.axle.launcher.e2e.PipelineDocuments;
import io.axle.launcher.e2e.RunningAxle;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The document screens in headless Chromium against the whole application: a PDF invoice with a text layer uploaded
 * through the file input shows its upload progress, then its pipeline steps live until it is ready or needs
 * validation; the same file again says it is a duplicate, and a text file and a file over the limit are refused in
 * plain words on their rows; the detail shows the text and the fields with their confidence and takes a field's
 * correction, a field's removal and a type's correction; a search shows a highlighted hit; the validation queue lists
 * a document that needs a check; a scanned image is shown fitted and at its actual size; an analyst reads but is
 * offered no upload or correction; and every document screen passes the accessibility check in both themes, the list
 * and a document also at 390 px.
 */
class DocumentScreensBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration PIPELINE = Duration.ofSeconds(120);
    private static final Path SCREENSHOTS = Path.of("target", "ui-screenshots", "documents");
    private static final Set<String> ENDS = Set.of("READY", "NEEDS_VALIDATION");
    private static final int SCAN_WIDTH = 2000;

    private static ScreenFixture fixture;
    private static RunningAxle axle;
    private static AxleClient admin;
    private static Browser browser;
    private static Accessibility axe;
    private static final List<Path> files = new ArrayList<>();

    @RegisterExtension
    final TestWatcher screenshotOnFailure = ScreenFixture.screenshotOnFailure(() -> browser);

    @BeforeAll
    static void startAxleAndBrowser() {
        // a small upload limit, so that a file over it is quick to make
        fixture = ScreenFixture.start("documents", Map.of("axle.live-streams.max-per-caller", "100",
                "axle.documents.max-size", "1MB"), "1280,1200", PATIENCE, SCREENSHOTS);
        axle = fixture.axle();
        admin = axle.admin();
        browser = fixture.browser();
        axe = new Accessibility();
    }

    @AfterAll
    static void stopEverything() throws IOException {
        if (fixture != null) {
            fixture.close();
        }
        for (Path file : files) {
            Files.deleteIfExists(file);
        }
    }

    @BeforeEach
    void wideAndLight() {
        browser.resize(1280, 1200);
        browser.prefersDark(false);
    }

    @Test
    void anUploadedInvoiceShowsItsProgressThenItsStepsLiveAndRefusalsInPlainWords() {
        String supplier = "Garage " + word();
        Path invoice = file("invoice-" + word() + ".pdf", invoicePdf(supplier, "FA-2026-1042", true));
        fixture.openSignedIn("#/documents", "screen-documents", "admin", RunningAxle.ADMIN_PASSWORD);
        browser.visible("documents-pager");
        // what the upload row shows over time, recorded in the page as it changes
        browser.js("""
                window.seenUpload = { percents: [], states: [], pages: [] };
                new MutationObserver(() => {
                  for (const bar of document.querySelectorAll('[data-testid=upload-progress]')) {
                    window.seenUpload.percents.push(bar.getAttribute('aria-valuenow'));
                  }
                  for (const row of document.querySelectorAll('[data-testid=upload-row]')) {
                    const states = window.seenUpload.states;
                    if (states[states.length - 1] !== row.dataset.state) states.push(row.dataset.state);
                    const pages = row.querySelector('[data-testid=upload-step-pages]');
                    if (pages) window.seenUpload.pages.push(pages.textContent);
                  }
                }).observe(document.getElementById('app'), { subtree: true, childList: true, attributes: true });
                """);

        browser.byTestId("upload-input").sendKeys(invoice.toAbsolutePath().toString());

        By row = By.cssSelector("[data-testid=upload-row][data-file-name='" + invoice.getFileName() + "']");
        browser.waitUntil(PIPELINE, d -> ENDS.contains(d.findElement(row).getAttribute("data-state")));
        String documentId = browser.findElement(row).getAttribute("data-document-id");
        assertThat(documentId).isNotBlank();
        @SuppressWarnings("unchecked")
        List<String> percents = (List<String>) browser.js("return window.seenUpload.percents");
        assertThat(percents).as("the upload's progress bar").contains("100");
        @SuppressWarnings("unchecked")
        List<String> states = (List<String>) browser.js("return window.seenUpload.states");
        assertThat(states).as("the row's steps, in order")
                .containsSubsequence("uploading", "UPLOADED", "READING", "UNDERSTANDING");
        assertThat(states.get(states.size() - 1)).isIn(ENDS);
        @SuppressWarnings("unchecked")
        List<String> pages = (List<String>) browser.js("return window.seenUpload.pages");
        assertThat(pages).as("the reading's progress").contains("page 1 of 1");
        WebElement done = browser.findElement(row);
        assertThat(done.findElement(By.cssSelector("[data-testid=upload-step-status]")).getText())
                .isIn("Ready", "Needs validation");

        By listed = By.cssSelector("[data-testid=document-row][data-document-id='" + documentId + "']");
        browser.waitUntil(d -> "invoice".equals(d.findElement(listed).findElement(
                By.cssSelector("[data-testid=document-type]")).getAttribute("data-type")));
        assertThat(browser.cell(listed, "document-type")).isEqualTo("Invoice");
        assertThat(browser.cell(listed, "document-confidence")).endsWith("%");
        assertThat(browser.cell(listed, "document-pages")).isEqualTo("1");

        Path again = file("copy-" + invoice.getFileName(), read(invoice));
        browser.byTestId("upload-input").sendKeys(again.toAbsolutePath().toString());
        By duplicate = By.cssSelector("[data-testid=upload-row][data-file-name='" + again.getFileName() + "']");
        browser.waitUntil(d -> "duplicate".equals(d.findElement(duplicate).getAttribute("data-state")));
        assertThat(browser.findElement(duplicate).getAttribute("data-document-id")).isEqualTo(documentId);
        assertThat(browser.findElement(duplicate).findElement(By.cssSelector("[data-testid=upload-link]"))
                .getAttribute("href")).endsWith("#/documents/" + documentId);

        Path text = file("notes-" + word() + ".pdf", "Just words, not a PDF.\n".getBytes(StandardCharsets.UTF_8));
        browser.byTestId("upload-input").sendKeys(text.toAbsolutePath().toString());
        By refused = By.cssSelector("[data-testid=upload-row][data-file-name='" + text.getFileName() + "']");
        browser.waitUntil(d -> "refused".equals(d.findElement(refused).getAttribute("data-state")));
        assertThat(browser.findElement(refused).getAttribute("data-http-status")).isEqualTo("415");
        assertThat(browser.cell(refused, "upload-problem"))
                .isEqualTo("Only PDF, JPEG, PNG and TIFF files are accepted.");

        byte[] tooLarge = new byte[2 * 1024 * 1024];
        byte[] header = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, tooLarge, 0, header.length);
        Path large = file("large-" + word() + ".pdf", tooLarge);
        browser.byTestId("upload-input").sendKeys(large.toAbsolutePath().toString());
        By overLimit = By.cssSelector("[data-testid=upload-row][data-file-name='" + large.getFileName() + "']");
        browser.waitUntil(d -> "refused".equals(d.findElement(overLimit).getAttribute("data-state")));
        assertThat(browser.findElement(overLimit).getAttribute("data-http-status")).isEqualTo("413");
        assertThat(browser.cell(overLimit, "upload-problem")).isEqualTo("This file is larger than the upload limit.");
        bothThemesPassAxe("documents");
    }

    @Test
    void theDetailShowsTextAndFieldsAndTakesCorrectionsOfAFieldAndOfTheType() {
        String supplier = "Carrosserie " + word();
        String documentId = uploaded(invoicePdf(supplier, "FA-2026-2077", true));
        fixture.openSignedIn("#/documents/" + documentId, "screen-document-detail", "admin",
                RunningAxle.ADMIN_PASSWORD);

        browser.waitUntil(d -> d.findElement(By.cssSelector("[data-testid=text-content]")).getText()
                .contains(supplier));
        assertThat(browser.byTestId("text-page-info").getAttribute("data-method")).isEqualTo("text-layer");
        browser.visible("original-pdf");
        browser.visible("fields-table");
        By invoiceNumber = By.cssSelector("[data-testid=field-row][data-field=invoiceNumber]");
        assertThat(browser.findElement(invoiceNumber).findElement(By.cssSelector("input")).getAttribute("value"))
                .isEqualTo("FA-2026-2077");
        assertThat(browser.cell(invoiceNumber, "field-confidence")).contains("%");
        assertThat(browser.byTestId("document-type").getAttribute("data-type")).isEqualTo("invoice");
        bothThemesPassAxe("document detail");

        browser.type("field-input-invoiceNumber", "FA-2026-2078");
        browser.byTestId("field-remove-vatRate").click();
        assertThat(browser.findElement(By.cssSelector("[data-testid=field-row][data-field=vatRate]"))
                .getAttribute("data-removed")).isEqualTo("true");
        browser.byTestId("confirm-fields").click();
        browser.visible("fields-confirmed");
        browser.waitUntil(d -> "READY".equals(browser.byTestId("document-status").getAttribute("data-status"))
                && "FA-2026-2078".equals(d.findElement(invoiceNumber).findElement(By.cssSelector("input"))
                .getAttribute("value"))
                && d.findElements(By.cssSelector("[data-testid=field-row][data-field=vatRate]")).isEmpty());
        browser.waitUntil(d -> d.findElements(By.cssSelector("[data-testid=history-entry]")).stream()
                .anyMatch(e -> "FIELDS_VALIDATED".equals(e.getAttribute("data-step"))));

        browser.choose("correct-type-select", "repair-order");
        browser.byTestId("correct-type").click();
        browser.visible("type-corrected");
        browser.waitUntil(PIPELINE, d -> "repair-order".equals(browser.byTestId("document-type").getAttribute("data-type"))
                && "OPERATOR".equals(browser.byTestId("document-type-source").getAttribute("data-source")));
        assertThat(browser.byTestId("document-type").getText()).startsWith("Repair order").contains("100");
    }

    @Test
    void aSearchShowsItsHitHighlightedAndTheValidationQueueListsADocumentToCheck() {
        String supplier = "Menuiserie " + word();
        String found = uploaded(invoicePdf(supplier, "FA-2026-3101", true));
        String doubtful = uploaded(invoicePdf("Quincaillerie " + word(), "FA-2026-3102", false));
        assertThat(document(doubtful).get("status").asText())
                .as("an invoice without its amounts needs a check").isEqualTo("NEEDS_VALIDATION");
        await().atMost(PIPELINE).until(() -> admin.get("/api/v1/documents/search?q=" + supplier.split(" ")[1])
                .body().get("totalElements").asLong() > 0);

        fixture.openSignedIn("#/documents/search", "screen-document-search", "admin", RunningAxle.ADMIN_PASSWORD);
        browser.visible("search-hint");
        browser.type("search-q", supplier.split(" ")[1].toLowerCase());
        browser.byTestId("search-submit").click();
        By hit = By.cssSelector("[data-testid=search-hit][data-document-id='" + found + "']");
        browser.waitUntil(d -> !d.findElements(hit).isEmpty());
        List<WebElement> marks = browser.findElement(hit).findElements(By.cssSelector("[data-testid=search-snippet] mark"));
        assertThat(marks).extracting(WebElement::getText).anyMatch(m -> m.equalsIgnoreCase(supplier.split(" ")[1]));
        assertThat(browser.getCurrentUrl()).contains("#/documents/search?q=");
        bothThemesPassAxe("document search");

        browser.get(axle.baseUrl() + "/#/documents/validation");
        browser.visible("screen-document-validation");
        By queued = By.cssSelector("[data-testid=validation-row][data-document-id='" + doubtful + "']");
        browser.waitUntil(d -> !d.findElements(queued).isEmpty());
        assertThat(browser.cell(queued, "validation-fields")).isNotBlank();
        assertThat(browser.findElements(By.cssSelector("[data-testid=validation-row][data-document-id='" + found
                + "']"))).as("a document with every field sure is not in the queue").isEmpty();
        bothThemesPassAxe("validation queue");
        browser.findElement(queued).findElement(By.cssSelector("[data-testid=validation-link]")).click();
        browser.visible("document-validation-reasons");
    }

    @Test
    void aScannedImageIsShownFittedAndAClickShowsItAtItsActualSize() {
        String documentId = uploaded(scan("Facture FA-2026-5001 " + word()), "png", "image/png");
        fixture.openSignedIn("#/documents/" + documentId, "screen-document-detail", "admin",
                RunningAxle.ADMIN_PASSWORD);

        WebElement image = browser.visible("original-image");
        browser.waitUntil(d -> Boolean.TRUE.equals(browser.js(
                "return document.querySelector('[data-testid=original-image]').complete")));
        assertThat(image.getRect().getWidth()).as("fitted to the card").isLessThan(SCAN_WIDTH);
        WebElement zoom = browser.byTestId("original-zoom");
        assertThat(zoom.getAttribute("aria-pressed")).isEqualTo("false");
        image.click();
        browser.waitUntil(d -> image.getRect().getWidth() == SCAN_WIDTH);
        assertThat(zoom.getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(zoom.getText()).isEqualTo("Fit to width");
        zoom.click();
        browser.waitUntil(d -> image.getRect().getWidth() < SCAN_WIDTH);
        assertThat(browser.byTestId("text-page-info").getAttribute("data-method")).isEqualTo("ocr");
        bothThemesPassAxe("scanned document");
    }

    @Test
    void anAnalystReadsDocumentsButIsOfferedNeitherUploadNorCorrections() {
        String documentId = uploaded(invoicePdf("Garage " + word(), "FA-2026-6001", true));
        String analyst = "analyst-" + word().toLowerCase();
        Answer created = admin.post("/api/v1/users", Map.of("username", analyst, "password", "analyst-passphrase",
                "roles", List.of("analyst")));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);

        fixture.openSignedIn("#/documents", "screen-documents", analyst, "analyst-passphrase");
        browser.visible("alerts-card");
        browser.visible("document-row");
        assertThat(browser.findElements(By.cssSelector("[data-testid=upload-card]"))).isEmpty();
        assertThat(browser.byTestId("nav-documents").isDisplayed()).isTrue();

        browser.get(axle.baseUrl() + "/#/documents/" + documentId);
        browser.visible("fields-table");
        browser.visible("field-value-invoiceNumber");
        assertThat(browser.findElements(By.cssSelector(
                "[data-testid=confirm-fields], [data-testid=correct-type-form], [data-testid=reprocess]"))).isEmpty();
        browser.visible("download-original");
    }

    @Test
    void theDocumentsPageAndADocumentFitAPhone() {
        String documentId = uploaded(invoicePdf("Atelier " + word(), "FA-2026-4001", true));
        fixture.openSignedIn("#/documents", "screen-documents", "admin", RunningAxle.ADMIN_PASSWORD);
        browser.resize(390, 844);
        browser.visible("document-row");
        assertThat(browser.js("return document.documentElement.scrollWidth <= window.innerWidth"))
                .as("the list needs no sideways scrolling at 390 px").isEqualTo(true);
        bothThemesPassAxe("documents at 390 px");

        browser.get(axle.baseUrl() + "/#/documents/" + documentId);
        browser.visible("fields-table");
        browser.visible("text-content");
        assertThat(browser.js("return document.documentElement.scrollWidth <= window.innerWidth"))
                .as("a document needs no sideways scrolling at 390 px").isEqualTo(true);
        bothThemesPassAxe("document at 390 px");
    }

    // --- helpers --------------------------------------------------------------------------------------

    /** Uploads a PDF through the API and waits until its processing has ended; its id. */
    private static String uploaded(byte[] pdf) {
        return uploaded(pdf, "pdf", "application/pdf");
    }

    /** Uploads a file through the API and waits until its processing has ended; its id. */
    private static String uploaded(byte[] bytes, String extension, String mediaType) {
        Answer answer = admin.postMultipart("/api/v1/documents",
                List.of(Part.file("file", word() + "." + extension, mediaType, bytes)));
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(202);
        String id = answer.body().get("documentId").asText();
        await().atMost(PIPELINE).until(() -> {
            Answer found = admin.get("/api/v1/documents/" + id);
            return found.status() == 200 && ENDS.contains(found.body().get("status").asText());
        });
        return id;
    }

    private static JsonNode document(String id) {
        return admin.get("/api/v1/documents/" + id).body();
    }

    /**
     * A one-page PDF invoice with a text layer; {@code complete} with dates, amounts and currency, else with its number
     * only, which leaves fields missing.
     */
    private static byte[] invoicePdf(String supplier, String number, boolean complete) {
        List<String> lines = complete
                ? List.of(supplier + " SARL", "12 rue des Forges, 69003 Lyon", "FACTURE N° " + number,
                        "Date de facture : 03/03/2026", "Client : Transports Martin",
                        "Prestation de service   1   1 234,56   1 234,56",
                        "Total HT : 1 234,56 EUR   TVA 20 % : 246,91 EUR   Total TTC : 1 481,47 EUR",
                        "Date d'échéance : 02/04/2026. Paiement par virement.")
                : List.of(supplier, "FACTURE N° " + number, "Client : Transports Martin",
                        "Merci de votre confiance.");
        return PipelineDocuments.textPdf(lines);
    }

    /** A PNG scan {@value #SCAN_WIDTH} pixels wide of one line of text, wider than the card that shows it. */
    private static byte[] scan(String line) {
        BufferedImage image = new BufferedImage(SCAN_WIDTH, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, SCAN_WIDTH, 300);
        graphics.setColor(Color.BLACK);
        graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        graphics.setFont(new Font(Font.SERIF, Font.PLAIN, 64));
        graphics.drawString(line, 60, 170);
        graphics.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file in the temporary folder holding {@code bytes}, deleted after the class. */
    private static Path file(String name, byte[] bytes) {
        try {
            Path folder = Files.createTempDirectory("axle-ui-documents-upload");
            Path file = Files.write(folder.resolve(name), bytes);
            files.add(file);
            files.add(folder);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A made-up word, so that each test's documents are told apart from the others'. */
    private static String word() {
        StringBuilder word = new StringBuilder("Zorv");
        for (char c : UUID.randomUUID().toString().replace("-", "").substring(0, 8).toCharArray()) {
            word.append(Character.isDigit(c) ? (char) ('g' + c - '0') : c);
        }
        return word.toString();
    }

    /** Checks the page with axe in the light theme, then in the dark one, once rows have stopped flashing. */
    private static void bothThemesPassAxe(String what) {
        browser.waitUntil(d -> Boolean.TRUE.equals(browser.js(
                "return document.getAnimations().every(a => a.playState !== 'running')")));
        assertThat(axe.seriousViolations(browser)).as("%s in the light theme", what).isEmpty();
        browser.js("document.documentElement.dataset.theme = 'dark'");
        assertThat(axe.seriousViolations(browser)).as("%s in the dark theme", what).isEmpty();
        browser.screenshot("dark-" + what.replaceAll("[^a-z0-9]+", "-"));
        browser.js("document.documentElement.dataset.theme = 'light'");
    }
}
