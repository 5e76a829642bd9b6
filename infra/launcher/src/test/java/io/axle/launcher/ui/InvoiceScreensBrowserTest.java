package io.axle.launcher.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.axle.launcher.e2e.RunningAxle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Drives the invoice screens in headless Chromium against the whole application: a confirmed order's invoice shows
 * in the list with its total, its detail shows the signed PDF inline (checked against the recorded SHA-256), a payment
 * above the balance is refused next to the amount, a part payment and a credit note made from the forms arrive live,
 * and the invoice's history reads as events in words, newest first, with the fields they recorded and their raw JSON.
 */
class InvoiceScreensBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS = Path.of("target", "ui-screenshots", "invoices");

    private static ScreenFixture fixture;
    private static RunningAxle axle;
    private static Browser browser;

    @RegisterExtension
    final TestWatcher screenshotOnFailure = ScreenFixture.screenshotOnFailure(() -> browser);

    @BeforeAll
    static void startAxleAndBrowser() {
        fixture = ScreenFixture.start("invoices", Map.of(), "1280,1600", PATIENCE, SCREENSHOTS);
        axle = fixture.axle();
        browser = fixture.browser();
    }

    @AfterAll
    static void stopEverything() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void anInvoiceIsListedShownWithItsPdfAndSettledFromTheForms() {
        String invoiceId = Seeds.invoicedOrder(axle.admin()).invoiceId();
        JsonNode issued = axle.admin().get("/api/v1/invoices/" + invoiceId).body();
        String number = issued.get("number").asText();
        String orderNumber = issued.get("orderNumber").asText();
        assertThat(orderNumber).as("the invoice names its order's number").matches("SO-\\d{4}-\\d{6,}");

        fixture.openSignedIn("#/invoices", "screen-invoices");
        assertThat(browser.byTestId("nav-invoices").getAttribute("class")).contains("active");

        By row = By.id("invoice-row-" + invoiceId);
        browser.waitUntil(d -> !d.findElements(row).isEmpty());
        assertThat(browser.findElement(row).getAttribute("data-status")).isEqualTo("ISSUED");
        assertThat(browser.cell(row, "invoice-number")).isEqualTo(number);
        assertThat(browser.cell(row, "invoice-total")).contains("60").contains("€");
        browser.waitUntil(d -> !d.findElements(By.cssSelector("[data-testid=invoices-outstanding-amount][data-currency=EUR]")).isEmpty());
        browser.screenshot("01-invoices-list");

        browser.findElement(row).findElement(By.cssSelector("[data-testid=invoice-number] a, a[data-testid=invoice-number]")).click();
        browser.visible("screen-invoice-detail");
        assertThat(browser.getCurrentUrl()).endsWith("#/invoices/" + invoiceId);
        assertThat(browser.visible("invoice-number").getText()).as("the detail, loaded after the screen shows").contains(number);
        assertThat(browser.byTestId("invoice-status").getAttribute("data-status")).isEqualTo("ISSUED");
        assertThat(browser.byTestId("invoice-order-link").getText()).as("the order by its number").isEqualTo(orderNumber);
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
        browser.choose("payment-method", "CARD");
        browser.type("payment-reference", "CB 4242");
        browser.byTestId("payment-submit").click();
        browser.waitUntil(d -> "PARTIALLY_PAID".equals(browser.byTestId("invoice-status").getAttribute("data-status")));
        browser.waitUntil(d -> browser.findElements(By.cssSelector("[data-testid=payment-entry]")).size() == 1);
        assertThat(browser.byTestId("payment-entry").getAttribute("data-method")).isEqualTo("CARD");
        assertThat(browser.byTestId("payment-reference-shown").getText()).isEqualTo("CB 4242");
        assertThat(browser.byTestId("payment-method-shown").getText()).isEqualTo("Card");
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
        browser.waitUntil(d -> browser.byTestId("credit-note-total").getText().contains("30.00"));
        browser.waitUntil(d -> browser.byTestId("invoice-balance").getText().contains("10.00"));
        browser.screenshot("04-credit-note");

        assertThat(browser.byTestId("reminders-empty").getText()).isEqualTo("No reminder sent.");
        browser.waitUntil(d -> !history("CreditNoteIssuedEvent").isEmpty());
        List<WebElement> history = browser.findElements(By.cssSelector("[data-testid=invoice-history] [data-testid=audit-entry]"));
        assertThat(history.get(history.size() - 1).getAttribute("data-type")).as("newest first").isEqualTo("InvoiceRequestedEvent");
        assertThat(history).extracting(e -> Long.parseLong(e.getAttribute("data-sequence")))
                .isSortedAccordingTo(Comparator.reverseOrder());
        WebElement paid = history("PaymentRecordedEvent").get(0);
        assertThat(paid.findElement(By.cssSelector("[data-testid=audit-type]")).getText()).isEqualTo("Payment recorded");
        assertThat(paid.findElement(By.cssSelector("[data-testid=audit-user]")).getText()).isEqualTo("admin");
        assertThat(paid.findElement(By.cssSelector("[data-testid=audit-changes] tr[data-field=reference] td:first-child")).getText())
                .isEqualTo("Reference");
        assertThat(paid.findElement(By.cssSelector("[data-testid=audit-changes] tr[data-field=reference] [data-testid=audit-value]")).getText())
                .isEqualTo("CB 4242");
        WebElement issuance = history("InvoiceIssuedEvent").get(0);
        assertThat(issuance.findElement(By.cssSelector("[data-testid=audit-type]")).getText()).isEqualTo("Invoice issued");
        assertThat(issuance.findElement(By.cssSelector("tr[data-field=document] [data-testid=audit-value]")).getText())
                .as("the issued document by its number").isEqualTo(number);
        WebElement raw = paid.findElement(By.cssSelector("[data-testid=audit-payload]"));
        raw.findElement(By.tagName("summary")).click();
        assertThat(raw.findElement(By.tagName("pre")).getText()).contains("\"reference\": \"CB 4242\"");
        browser.screenshot("05-invoice-history");
    }

    private static List<WebElement> history(String type) {
        return browser.findElements(By.cssSelector("[data-testid=invoice-history] [data-testid=audit-entry][data-type=" + type + "]"));
    }
}
