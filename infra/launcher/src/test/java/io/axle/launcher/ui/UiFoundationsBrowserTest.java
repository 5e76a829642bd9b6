package io.axle.launcher.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.axle.launcher.e2e.AxleClient;
import io.axle.launcher.e2e.AxleClient.Answer;
import io.axle.launcher.e2e.RunningAxle;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The foundations every screen stands on, in headless Chromium against the whole application: each screen passes an
 * axe-core check (no serious or critical violation) in the light and the dark theme, the main lists also at 390 px
 * where the menu folds behind a button; the theme follows the system and the toggle is remembered; French is chosen in
 * the top bar, remembered, and formats money and dates the French way; refusals show in plain words under the field
 * they concern; an unknown route shows a page of its own; a stream with nothing to send still shows as live.
 */
class UiFoundationsBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS = Path.of("target", "ui-screenshots", "foundations");

    private static ScreenFixture fixture;
    private static RunningAxle axle;
    private static Browser browser;
    private static Accessibility axe;
    private static Seed seed;

    /** What the screens show: an invoiced order of one customer, another customer without orders, and a run. */
    private record Seed(String customerId, String emptyCustomerId, String orderId, String invoiceId, String runId) {
    }

    @RegisterExtension
    final TestWatcher screenshotOnFailure = ScreenFixture.screenshotOnFailure(() -> browser);

    @BeforeAll
    static void startAxleAndBrowser() {
        // pages are opened one after the other faster than the server notices closed streams (at the next heartbeat)
        fixture = ScreenFixture.start("foundations", Map.of("axle.live-streams.max-per-caller", "100"), "1280,1200",
                PATIENCE, SCREENSHOTS);
        axle = fixture.axle();
        browser = fixture.browser();
        seed = seed(axle.admin());
        axe = new Accessibility();
    }

    @AfterAll
    static void stopEverything() {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** Every test starts wide, in English, in the light theme, with no remembered choice. */
    @BeforeEach
    void defaults() {
        assertThat(axle.admin().put("/api/v1/me/preferences", Map.of("language", "en")).status())
                .as("the admin's account remembers the language a test switched to").isEqualTo(200);
        browser.resize(1280, 1200);
        browser.prefersDark(false);
        browser.get(axle.baseUrl() + "/");
        browser.js("localStorage.removeItem('axle.lang'); localStorage.removeItem('axle.theme');");
        browser.get(axle.baseUrl() + "/#/orders");
        browser.js("location.reload()");
        browser.waitUntil(d -> "en".equals(browser.js("return document.documentElement.lang"))
                && "light".equals(theme()));
    }

    @Test
    void everyScreenHasNoSeriousAccessibilityViolationInTheLightAndTheDarkTheme() {
        browser.get(axle.baseUrl() + "/#/signin");
        signOutIfSignedIn();
        browser.visible("signin-form");
        bothThemesPassAxe("sign-in");
        signIn();

        for (String[] screen : List.of(
                // route, the screen, what shows once its data has loaded, its name in the report
                new String[] {"#/dashboard", "screen-home", "kpi-orders", "home"},
                new String[] {"#/orders", "screen-orders", "orders-chart", "orders"},
                new String[] {"#/orders/" + seed.orderId(), "screen-order-detail", "audit-entry", "order detail"},
                new String[] {"#/orders/new", "screen-place-order", "order-line", "place order"},
                new String[] {"#/customers", "screen-customers", "customer-row", "customers"},
                new String[] {"#/stock", "screen-stock", "stock-row", "stock"},
                new String[] {"#/products", "screen-products", "product-row", "products"},
                new String[] {"#/invoices", "screen-invoices", "invoices-chart", "invoices"},
                new String[] {"#/invoices/" + seed.invoiceId(), "screen-invoice-detail", "invoice-pdf-frame", "invoice detail"},
                new String[] {"#/runs", "screen-runs", "can-start-text", "runs"},
                new String[] {"#/documents", "screen-documents", "documents-pager", "documents"},
                new String[] {"#/documents/validation", "screen-document-validation", "validation-pager", "validation queue"},
                new String[] {"#/documents/search", "screen-document-search", "search-hint", "document search"},
                new String[] {"#/vehicles", "screen-vehicles", "vehicles-pager", "vehicles"}, // #13 vehicles
                new String[] {"#/flash-jobs", "screen-flash-jobs", "flash-jobs-pager", "flash jobs"},
                new String[] {"#/firmware", "screen-firmware", "firmware-pager", "firmware"},
                new String[] {"#/flash-campaigns", "screen-flash-campaigns", "campaigns-pager", "flash campaigns"},
                new String[] {"#/runs/" + seed.runId(), "screen-run-live", "stat-readings", "run live"},
                new String[] {"#/admin/users", "screen-admin-users", "user-row", "users"},
                new String[] {"#/admin/api-keys", "screen-admin-api-keys", "keys-body", "API keys"},
                new String[] {"#/admin/processors", "screen-admin-processors", "processor-row", "processors"},
                new String[] {"#/admin/webhooks", "screen-admin-webhooks", "webhooks-body", "webhooks"},
                new String[] {"#/nowhere", "screen-not-found", "not-found-home", "not found"})) {
            screen(screen[0], screen[1], screen[2]);
            bothThemesPassAxe(screen[3]);
        }

        browser.js("document.getElementById('app').append(Object.assign(document.createElement('img'), { src: 'x.png' }))");
        assertThat(axe.seriousViolations(browser)).as("the check itself finds an image without text")
                .anyMatch(violation -> violation.startsWith("image-alt"));
    }

    @Test
    void theMainListsFitA390PixelPhoneWithTheMenuFoldedBehindAButton() {
        signIn();
        browser.resize(390, 844);
        WebElement toggle = browser.visible("menu-toggle");
        assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("false");
        assertThat(browser.byTestId("nav-orders").isDisplayed()).as("the menu is folded").isFalse();
        toggle.click();
        assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("true");
        browser.visible("nav-stock").click();
        browser.visible("screen-stock");
        assertThat(browser.byTestId("menu-toggle").getAttribute("aria-expanded")).as("closed on navigation").isEqualTo("false");

        for (String[] list : List.of(
                new String[] {"#/orders", "screen-orders", "order-row"},
                new String[] {"#/invoices", "screen-invoices", "invoice-row"},
                new String[] {"#/customers", "screen-customers", "customer-row"},
                new String[] {"#/stock", "screen-stock", "stock-row"},
                new String[] {"#/products", "screen-products", "product-row"},
                new String[] {"#/runs", "screen-runs", "run-row"})) {
            screen(list[0], list[1], list[2]);
            assertThat(browser.js("return document.documentElement.scrollWidth <= window.innerWidth"))
                    .as("%s needs no sideways scrolling at 390 px", list[0]).isEqualTo(true);
            bothThemesPassAxe(list[0] + " at 390 px");
        }
        browser.screenshot("390-runs");
    }

    @Test
    void theThemeFollowsTheSystemUntilTheToggleIsUsedWhichIsRemembered() {
        signIn();
        screen("#/orders", "screen-orders", "order-row");
        browser.prefersDark(true);
        browser.waitUntil(d -> "dark".equals(theme()));
        assertThat(browser.byTestId("theme-toggle").getAttribute("aria-pressed")).isEqualTo("true");
        String darkBackground = String.valueOf(browser.js("return getComputedStyle(document.documentElement).backgroundColor"));

        browser.byTestId("theme-toggle").click();
        browser.waitUntil(d -> "light".equals(theme()));
        assertThat(browser.byTestId("theme-toggle").getAttribute("aria-pressed")).isEqualTo("false");
        assertThat(browser.js("return getComputedStyle(document.documentElement).backgroundColor")).isNotEqualTo(darkBackground);
        browser.js("location.reload()");
        browser.visible("screen-orders");
        assertThat(theme()).as("the choice outlives a reload, whatever the system says").isEqualTo("light");
    }

    @Test
    void frenchIsChosenInTheTopBarRememberedAndFormatsMoneyAndDatesTheFrenchWay() {
        signIn();
        screen("#/invoices", "screen-invoices", "invoice-row");
        By row = By.id("invoice-row-" + seed.invoiceId());
        assertThat(browser.cell(row, "invoice-total")).isEqualTo("€60.00");

        browser.choose("language", "fr");
        browser.waitUntil(d -> "Commandes".equals(browser.byTestId("nav-orders").getText()));
        browser.waitUntil(d -> "Factures".equals(d.findElement(By.cssSelector("[data-testid=screen-invoices] h1")).getText()));
        browser.waitUntil(d -> !d.findElements(row).isEmpty());
        assertThat(browser.cell(row, "invoice-total")).matches("60,00[\\s\\u00a0\\u202f]€");
        String month = DateTimeFormatter.ofPattern("MMM", Locale.FRENCH).format(LocalDate.now());
        assertThat(browser.cell(row, "invoice-issued")).contains(month);
        assertThat(browser.cell(row, "invoice-row-status")).isEqualTo("Émise");
        assertThat(browser.js("return document.documentElement.lang")).isEqualTo("fr");
        browser.screenshot("fr-invoices");

        browser.js("location.reload()");
        browser.visible("screen-invoices");
        browser.waitUntil(d -> "Commandes".equals(browser.byTestId("nav-orders").getText()));
        browser.waitUntil(d -> "En direct".equals(browser.byTestId("invoices-live").getText()));
    }

    @Test
    void aRefusalShowsInPlainWordsUnderTheFieldItConcernsInTheChosenLanguage() {
        signIn();
        screen("#/orders/new", "screen-place-order", "order-line");
        browser.byTestId("order-submit").click();
        WebElement currency = browser.byTestId("order-currency");
        browser.waitUntil(d -> "true".equals(currency.getAttribute("aria-invalid")));
        WebElement message = browser.findElement(By.id(currency.getAttribute("aria-describedby")));
        assertThat(message.getAttribute("data-testid")).isEqualTo("order-currency-error");
        assertThat(message.getText()).as("plain words, not the server's").isIn("Fill this in.",
                "Enter a three-letter currency code such as EUR.");
        assertThat(browser.visible("order-problem-title").getText()).isEqualTo("Some values need correcting")
                .doesNotContain("400");

        browser.choose("language", "fr");
        browser.visible("screen-place-order");
        browser.waitUntil(d -> "Passer la commande".equals(browser.byTestId("order-submit").getText()));
        browser.byTestId("order-submit").click();
        WebElement frenchCurrency = browser.byTestId("order-currency");
        browser.waitUntil(d -> "true".equals(frenchCurrency.getAttribute("aria-invalid")));
        assertThat(browser.findElement(By.id(frenchCurrency.getAttribute("aria-describedby"))).getText())
                .isIn("Renseignez ce champ.", "Saisissez un code de devise à trois lettres, par exemple EUR.");
        browser.screenshot("fr-field-problems");

        browser.type("order-currency", "E");
        assertThat(frenchCurrency.getAttribute("aria-invalid")).as("editing a field clears its mark").isNull();
        assertThat(browser.findElements(By.cssSelector("[data-testid=order-currency-error]"))).isEmpty();
    }

    @Test
    void anUnknownRouteShowsANotFoundPageThatLeadsBackToTheOrders() {
        signIn();
        browser.get(axle.baseUrl() + "/#/no/such/page");
        assertThat(browser.visible("screen-not-found").getText()).contains("Page not found");
        assertThat(browser.byTestId("not-found-path").getText()).isEqualTo("/no/such/page");
        browser.byTestId("not-found-home").click();
        browser.visible("screen-orders");
    }

    @Test
    void aStreamWithNothingToSendStillShowsAsLive() {
        signIn();
        screen("#/orders?customerId=" + seed.emptyCustomerId(), "screen-orders", "orders-empty");
        browser.waitUntil(Duration.ofSeconds(5), d -> "on".equals(browser.byTestId("orders-live").getAttribute("data-state")));
        assertThat(browser.byTestId("orders-live").getText()).isEqualTo("Live");
    }

    // --- helpers -----------------------------------------------------------------------------------

    /** Signs in afresh as the admin and lands on the orders. */
    private void signIn() {
        fixture.openSignedIn("#/orders", "screen-orders");
    }

    private void signOutIfSignedIn() {
        browser.js("sessionStorage.clear(); location.hash = '#/signin';");
        browser.visible("screen-signin");
    }

    /** Opens a route and waits for its screen and for one element that only shows once its data has loaded. */
    private void screen(String hash, String screenTestId, String loadedTestId) {
        browser.get(axle.baseUrl() + "/" + hash);
        browser.visible(screenTestId);
        browser.visible(loadedTestId);
    }

    private String theme() {
        return String.valueOf(browser.js("return document.documentElement.dataset.theme"));
    }

    /** Checks the page with axe in the light theme, then in the dark one (through the toggle), and back. */
    private void bothThemesPassAxe(String what) {
        waitForAnimations();
        assertThat(axe.seriousViolations(browser)).as("%s in the light theme", what).isEmpty();
        toggleTheme();
        browser.waitUntil(d -> "dark".equals(theme()));
        waitForAnimations();
        assertThat(axe.seriousViolations(browser)).as("%s in the dark theme", what).isEmpty();
        browser.screenshot("dark-" + what.replaceAll("[^a-z0-9]+", "-"));
        toggleTheme();
        browser.waitUntil(d -> "light".equals(theme()));
    }

    /** Clicks the theme toggle, unfolding the menu first on a narrow screen (and folding it again). */
    private void toggleTheme() {
        WebElement toggle = browser.byTestId("theme-toggle");
        if (toggle.isDisplayed()) {
            toggle.click();
            return;
        }
        browser.byTestId("menu-toggle").click();
        browser.visible("theme-toggle").click();
        browser.byTestId("menu-toggle").click();
    }

    /** Rows that just changed flash for a moment: their colours are only final once that is over. */
    private void waitForAnimations() {
        browser.waitUntil(d -> Boolean.TRUE.equals(browser.js(
                "return document.getAnimations().every(a => a.playState !== 'running')")));
    }

    private static Seed seed(AxleClient admin) {
        Seeds.InvoicedOrder invoiced = Seeds.invoicedOrder(admin);
        String emptyCustomerId = Seeds.customer(admin, "Atelier sans commande", "atelier@example.fr");
        Answer run = admin.post("/api/runs/start", Map.of("duration", 20, "interval", 1,
                "params", Map.of("simulate", true, "sensors", 1)));
        assertThat(run.status()).as(run.raw().body()).isEqualTo(201);
        return new Seed(invoiced.customerId(), emptyCustomerId, invoiced.orderId(), invoiced.invoiceId(),
                run.body().get("id").asText());
    }
}
