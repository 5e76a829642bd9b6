package io.axle.launcher.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.axle.launcher.e2e.AxleClient;
import io.axle.launcher.e2e.RunningAxle;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The "Why?" view and the time slider in headless Chromium against the whole application: an order's page shows the
 * causation of its placement down to its invoice, with a link to it; moving the slider back shows the order as it
 * stood (marked "as of", without its actions) until "back to now"; the invoice page does the same; both pages pass
 * axe-core wide and at 390 px, in both themes, with the tree and the past state shown.
 */
class WhyScreensBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS = Path.of("target", "ui-screenshots", "why");

    private static ScreenFixture fixture;
    private static RunningAxle axle;
    private static Browser browser;
    private static Seeds.InvoicedOrder invoiced;

    @RegisterExtension
    final TestWatcher screenshotOnFailure = ScreenFixture.screenshotOnFailure(() -> browser);

    @BeforeAll
    static void startAxleAndBrowser() {
        fixture = ScreenFixture.start("why", Map.of("axle.live-streams.max-per-caller", "100",
                "axle.mqtt.embedded.start-timeout", "180s"), "1280,1200",
                PATIENCE, SCREENSHOTS);
        axle = fixture.axle();
        browser = fixture.browser();
        AxleClient admin = axle.admin();
        invoiced = Seeds.invoicedOrder(admin);
        assertThat(admin.post("/api/v1/orders/" + invoiced.orderId() + "/ship", Map.of()).status()).isBetween(200, 204);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> admin.get("/api/v1/audit/Order/"
                + invoiced.orderId()).body().size() == 4);
        String correlationId = admin.get("/api/v1/audit/Order/" + invoiced.orderId()).body()
                .at("/0/metadata/correlationId").asText();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode tree = admin.get("/api/v1/audit/correlations/" + correlationId).body();
            return tree != null && tree.toString().contains("\"DocumentEmailedEvent\"");
        });
    }

    @AfterAll
    static void stopEverything() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @BeforeEach
    void signedInInEnglish() {
        browser.resize(1280, 1200);
        fixture.openSignedIn("#/orders/" + invoiced.orderId(), "screen-order-detail");
    }

    @Test
    void theOrderPageShowsWhyItsPlacementLedToAnInvoiceWithALinkToIt() {
        showWhy();

        WebElement placement = node("PlaceOrderCommand");
        assertThat(placement.getAttribute("data-kind")).isEqualTo("command");
        assertThat(name(placement)).isEqualTo("Command: Place order");
        WebElement placed = placement.findElement(By.cssSelector("[data-testid=why-node][data-type=OrderPlacedEvent]"));
        assertThat(name(placed)).isEqualTo("Order placed");
        assertThat(placed.getText()).contains("By admin");
        WebElement issued = placed.findElement(By.cssSelector("[data-testid=why-node][data-type=InvoiceIssuedEvent]"));
        assertThat(name(issued)).isEqualTo("Invoice issued");
        assertThat(issued.findElement(By.cssSelector("[data-testid=why-link]")).getAttribute("href"))
                .endsWith("#/invoices/" + invoiced.invoiceId());
        assertThat(issued.findElements(By.cssSelector("[data-type=DocumentEmailedEvent]"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("[data-testid=why-tree]")))
                .as("the placement's request and the shipment's").hasSize(2);
    }

    @Test
    void theSliderShowsTheOrderAsItStoodUntilBackToNow() {
        browser.waitUntil(d -> "SHIPPED".equals(browser.visible("order-status").getAttribute("data-status")));
        browser.waitUntil(d -> "3".equals(browser.byTestId("time-travel-slider").getAttribute("max")));

        slideTo("time-travel-slider", 2);

        browser.visible("time-travel-as-of");
        assertThat(browser.byTestId("time-travel-as-of").getText()).startsWith("As of ");
        browser.waitUntil(d -> "CONFIRMED".equals(browser.byTestId("order-status").getAttribute("data-status")));
        assertThat(browser.findElements(By.cssSelector("[data-testid=order-actions] button")))
                .as("no actions on a past state").isEmpty();

        browser.byTestId("time-travel-now").click();
        browser.waitUntil(d -> "SHIPPED".equals(browser.byTestId("order-status").getAttribute("data-status")));
        assertThat(browser.findElements(By.cssSelector("[data-testid=time-travel-as-of]"))).isEmpty();

        browser.js("const at = document.querySelector('[data-testid=time-travel-at]');"
                + "at.value = '2001-01-01T00:00:00'; at.dispatchEvent(new Event('change'));");
        assertThat(browser.visible("time-travel-nothing").getText()).contains("did not exist yet");
    }

    @Test
    void theInvoicePageGoesBackToTheInvoiceRequestedAndShowsWhy() {
        browser.get(axle.baseUrl() + "/#/invoices/" + invoiced.invoiceId());
        browser.visible("screen-invoice-detail");
        browser.waitUntil(d -> "ISSUED".equals(browser.visible("invoice-status").getAttribute("data-status")));
        browser.waitUntil(d -> !"0".equals(browser.byTestId("time-travel-slider").getAttribute("max")));

        slideTo("time-travel-slider", 0);
        browser.waitUntil(d -> "REQUESTED".equals(browser.byTestId("invoice-status").getAttribute("data-status")));
        browser.visible("time-travel-as-of");
        browser.byTestId("time-travel-now").click();
        browser.waitUntil(d -> "ISSUED".equals(browser.byTestId("invoice-status").getAttribute("data-status")));

        showWhy();
        assertThat(name(node("InvoiceIssuedEvent"))).isEqualTo("Invoice issued");
        assertThat(node("OrderConfirmedEvent").findElement(By.cssSelector("[data-testid=why-link]"))
                .getAttribute("href")).endsWith("#/orders/" + invoiced.orderId());
    }

    @Test
    void theWhyViewAndAPastStatePassAxeWideAndAt390PixelsInBothThemes() {
        Accessibility axe = new Accessibility();
        for (int[] size : List.of(new int[] {1280, 1200}, new int[] {390, 844})) {
            browser.resize(size[0], size[1]);
            fixture.openSignedIn("#/orders/" + invoiced.orderId(), "screen-order-detail");
            browser.waitUntil(d -> "3".equals(browser.byTestId("time-travel-slider").getAttribute("max")));
            slideTo("time-travel-slider", 1);
            browser.visible("time-travel-as-of");
            showWhy();
            assertThat(axe.seriousViolations(browser)).as("light, %d px", size[0]).isEmpty();
            browser.js("document.documentElement.dataset.theme = 'dark'");
            assertThat(axe.seriousViolations(browser)).as("dark, %d px", size[0]).isEmpty();
            browser.js("document.documentElement.dataset.theme = 'light'");
            assertThat(browser.js("return document.documentElement.scrollWidth <= window.innerWidth"))
                    .as("no sideways scrolling at %d px; wider: %s", size[0], browser.js("return [...document"
                            + ".querySelectorAll('#app *')].filter(e => e.getBoundingClientRect().right > innerWidth)"
                            + ".slice(-5).map(e => e.tagName + '.' + e.className + '[' + e.dataset.testid + ']')"))
                    .isEqualTo(true);
        }
        browser.screenshot("order-why-390");
    }

    private static void showWhy() {
        browser.visible("why-button").click();
        browser.waitUntil(d -> !d.findElements(By.cssSelector("[data-testid=why-tree]")).isEmpty());
    }

    private static void slideTo(String testId, int index) {
        browser.js("const s = document.querySelector('[data-testid=" + testId + "]');"
                + "s.value = '" + index + "'; s.dispatchEvent(new Event('change'));");
    }

    private static WebElement node(String type) {
        return browser.visible("why-body").findElement(By.cssSelector("[data-testid=why-node][data-type=" + type + "]"));
    }

    private static String name(WebElement node) {
        return node.findElement(By.cssSelector("[data-testid=why-name]")).getText();
    }
}
