package io.axle.launcher.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.axle.launcher.e2e.AxleClient;
import io.axle.launcher.e2e.Catalogue;
import io.axle.launcher.e2e.AxleClient.Answer;
import io.axle.launcher.e2e.RunningAxle;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.util.FileSystemUtils;

/**
 * Drives the invoice screens in headless Chromium against the whole application: a confirmed order's invoice shows
 * in the list with its total, its detail shows the signed PDF inline (checked against the recorded SHA-256), a payment
 * above the balance is refused next to the amount, a part payment and a credit note made from the forms arrive live.
 */
class InvoiceScreensBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS = Path.of("target", "ui-screenshots", "invoices");

    private static RunningAxle axle;
    private static Path dataDir;
    private static Browser browser;
    private static Path browserProfile;

    @RegisterExtension
    final TestWatcher screenshotOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser != null) {
                browser.screenshot("failure-" + context.getRequiredTestMethod().getName());
            }
        }
    };

    @BeforeAll
    static void startAxleAndBrowser() throws IOException {
        dataDir = Files.createTempDirectory("axle-ui-invoices");
        axle = RunningAxle.start(dataDir, Map.of());
        browserProfile = Files.createTempDirectory("axle-ui-invoices-chromium");
        browser = Browser.start(browserProfile, "1280,1600", PATIENCE, SCREENSHOTS);
    }

    @AfterAll
    static void stopEverything() {
        if (browser != null) {
            browser.quit();
        }
        if (axle != null) {
            axle.close();
        }
        if (dataDir != null) {
            FileSystemUtils.deleteRecursively(dataDir.toFile());
        }
        if (browserProfile != null) {
            FileSystemUtils.deleteRecursively(browserProfile.toFile());
        }
    }

    @Test
    void anInvoiceIsListedShownWithItsPdfAndSettledFromTheForms() {
        String invoiceId = invoicedOrder();
        String number = axle.admin().get("/api/v1/invoices/" + invoiceId).body().get("number").asText();

        browser.get(axle.baseUrl() + "/#/invoices");
        browser.visible("screen-signin");
        browser.type("signin-username", "admin");
        browser.type("signin-password", RunningAxle.ADMIN_PASSWORD);
        browser.byTestId("signin-submit").click();
        browser.visible("screen-invoices");
        assertThat(browser.byTestId("nav-invoices").getAttribute("class")).contains("active");

        By row = By.id("invoice-row-" + invoiceId);
        browser.waitUntil(d -> !d.findElements(row).isEmpty());
        assertThat(browser.findElement(row).getAttribute("data-status")).isEqualTo("ISSUED");
        assertThat(browser.cell(row, "invoice-number")).isEqualTo(number);
        assertThat(browser.cell(row, "invoice-total")).contains("60").contains("€");
        browser.screenshot("01-invoices-list");

        browser.findElement(row).findElement(By.cssSelector("[data-testid=invoice-number] a, a[data-testid=invoice-number]")).click();
        browser.visible("screen-invoice-detail");
        assertThat(browser.getCurrentUrl()).endsWith("#/invoices/" + invoiceId);
        assertThat(browser.visible("invoice-number").getText()).as("the detail, loaded after the screen shows").contains(number);
        assertThat(browser.byTestId("invoice-status").getAttribute("data-status")).isEqualTo("ISSUED");
        assertThat(browser.findElements(By.cssSelector("[data-testid=invoice-tax-row]"))).hasSize(1);
        assertThat(browser.byTestId("invoice-total").getText()).contains("60");

        WebElement frame = browser.visible("invoice-pdf-frame");
        browser.waitUntil(d -> String.valueOf(frame.getAttribute("src")).startsWith("blob:"));
        browser.waitUntil(d -> "true".equals(browser.byTestId("invoice-pdf-check").getAttribute("data-match")));
        browser.screenshot("02-invoice-detail-with-pdf");

        browser.byTestId("record-payment").click();
        browser.type("payment-amount", "100.00");
        browser.byTestId("payment-submit").click();
        assertThat(browser.visible("payment-amount-error").getText()).containsIgnoringCase("balance");

        browser.type("payment-amount", "20.00");
        browser.byTestId("payment-submit").click();
        browser.waitUntil(d -> "PARTIALLY_PAID".equals(browser.byTestId("invoice-status").getAttribute("data-status")));
        browser.waitUntil(d -> browser.findElements(By.cssSelector("[data-testid=payment-entry]")).size() == 1);
        assertThat(browser.byTestId("invoice-balance").getText()).contains("40.00");
        browser.screenshot("03-part-paid");

        browser.byTestId("credit-note").click();
        browser.type("credit-note-reason", "Une pièce retournée");
        browser.type("credit-note-quantity-1", "1");
        browser.byTestId("credit-note-submit").click();
        browser.waitUntil(d -> {
            List<WebElement> notes = d.findElements(By.cssSelector("[data-testid=credit-note-entry]"));
            return notes.size() == 1 && String.valueOf(notes.get(0).getAttribute("data-number")).startsWith("CN-");
        });
        assertThat(browser.byTestId("credit-note-total").getText()).contains("30.00");
        browser.waitUntil(d -> browser.byTestId("invoice-balance").getText().contains("10.00"));
        browser.screenshot("04-credit-note");
    }

    /** A customer, stock and an order for 2 × 25.00 EUR (60.00 with 20 % VAT), confirmed and invoiced; its invoice id. */
    private static String invoicedOrder() {
        AxleClient admin = axle.admin();
        Answer customer = admin.post("/api/v1/customers", Map.of("name", "Garage des Écoles", "email",
                "compta@garage-ecoles.fr", "country", "FR", "currency", "EUR", "creditLimit", new BigDecimal("5000.00")));
        assertThat(customer.status()).as(customer.raw().body()).isEqualTo(201);
        String customerId = customer.body().get("id").asText();
        String sku = "DISC-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        Catalogue.add(admin, sku, "25.00", "EUR");
        assertThat(admin.post("/api/v1/stock/" + sku + "/receipts", Map.of("quantity", 10)).status()).isEqualTo(202);
        await(() -> admin.get("/api/v1/customers/" + customerId).status() == 200
                && admin.get("/api/v1/stock/" + sku).status() == 200);
        Answer placed = admin.post("/api/v1/orders", Map.of("customerId", customerId, "currency", "EUR",
                "lines", List.of(Map.of("sku", sku, "quantity", 2, "unitPrice", new BigDecimal("25.00"))),
                "shippingAddress", Map.of("recipient", "Garage des Écoles", "street", "3 place des Écoles",
                        "city", "Nantes", "postalCode", "44000", "country", "FR")));
        assertThat(placed.status()).as(placed.raw().body()).isEqualTo(202);
        String orderId = placed.body().get("orderId").asText();
        String[] invoiceId = new String[1];
        await(() -> {
            Answer page = admin.get("/api/v1/invoices?orderId=" + orderId);
            if (page.status() != 200 || page.body().get("content").isEmpty()
                    || !"ISSUED".equals(page.body().at("/content/0/status").asText())) {
                return false;
            }
            invoiceId[0] = page.body().at("/content/0/invoiceId").asText();
            return true;
        });
        return invoiceId[0];
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited 60 s").isBefore(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
