package io.axle.launcher.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.axle.api.stock.ReceiveStockCommand;
import io.axle.launcher.e2e.AxleClient;
import io.axle.launcher.e2e.RunningAxle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The operations screens in headless Chromium against the whole application. Home: the live figures (orders per
 * minute, error rate, p95 latency, projection lag, dead letters) for admins, operators and analysts. Processors: every
 * processor with its state and lag;
 * a projection replayed after a confirmation, its progress bar moving while the replay runs and the row back to
 * running and caught up after it, with the read model whole again; no Replay button for a processor with side
 * effects; a non-admin told they are not allowed; the screen at 390 px in both themes without serious accessibility
 * violations. The new version of the products read model (switched by an administrator here) is rebuilt with its
 * progress shown, then switched to from the screen, and the old version shown retired. The stock history is long and
 * processors take one event per batch, so that a replay lasts long enough to be watched.
 */
class OperationsScreensBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Path SCREENSHOTS = Path.of("target", "ui-screenshots", "operations");
    private static final int RECEIPTS = 2000;
    private static final int SKUS = 8;
    private static final String ANALYST = "ines.analyst";
    private static final String ANALYST_PASSWORD = "analyst-passphrase";

    private static ScreenFixture fixture;
    private static RunningAxle axle;
    private static Browser browser;
    private static Accessibility axe;
    private static final List<String> skus = new ArrayList<>();

    @RegisterExtension
    final TestWatcher screenshotOnFailure = ScreenFixture.screenshotOnFailure(() -> browser);

    @BeforeAll
    static void startAxleWithALongStockHistory() {
        fixture = ScreenFixture.start("operations", Map.of("axle.processors.batch-size", "1",
                "axle.mqtt.embedded.start-timeout", "5m", "axle.projections.products.switch", "manual"), "1280,1200",
                PATIENCE, SCREENSHOTS);
        axle = fixture.axle();
        browser = fixture.browser();
        axe = new Accessibility();
        AxleClient admin = axle.admin();
        assertThat(admin.post("/api/v1/users", Map.of("username", ANALYST, "password", ANALYST_PASSWORD,
                "roles", List.of("ANALYST"))).status()).isEqualTo(201);
        CommandGateway commands = axle.bean(CommandGateway.class);
        for (int i = 0; i < SKUS; i++) {
            skus.add("REPLAY-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase());
        }
        for (int round = 0; round < RECEIPTS / SKUS; round++) {
            List<CompletableFuture<Object>> sent = new ArrayList<>();
            skus.forEach(sku -> sent.add(commands.send(new ReceiveStockCommand(sku, 1))));
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        }
        // thousands of one-event batches: on a busy machine the stock read model takes longer than a screen's patience
        browser.waitUntil(Duration.ofMinutes(4), d -> skus.stream().allMatch(sku -> available(admin, sku) == RECEIPTS / SKUS));
    }

    @AfterAll
    static void stopEverything() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @BeforeEach
    void wideAndLight() {
        browser.resize(1280, 1200);
        browser.prefersDark(false);
    }

    @Test
    void anAdminReplaysAProjectionAndWatchesItsProgressUntilItIsDone() {
        fixture.openSignedIn("#/admin/processors", "screen-admin-processors");
        assertThat(browser.byTestId("nav-admin-processors").getAttribute("aria-current")).isEqualTo("page");
        By stock = row("stock");
        browser.waitUntil(d -> !d.findElements(stock).isEmpty()
                && "RUNNING".equals(inRow(stock, "processor-state-badge").getAttribute("data-status"))
                && "Caught up".equals(inRow(stock, "processor-lag").getText()));

        inRow(stock, "processor-replay").click();
        assertThat(inRow(stock, "processor-replay-question").getText()).contains("Rebuild stock from the first event?");
        inRow(stock, "processor-replay-confirm").click();

        browser.waitUntil(d -> "REPLAYING".equals(inRow(stock, "processor-state-badge").getAttribute("data-status")));
        assertThat(inRow(stock, "processor-progress").getAttribute("role")).isEqualTo("progressbar");
        browser.waitUntil(d -> inRow(stock, "processor-pace").getText().contains("events/s"));
        assertThat(browser.visible("processor-replay-started").getText()).isEqualTo("Replay of stock started.");
        int first = browser.waitUntil(d -> percent(stock));
        browser.waitUntil(d -> browser.findElement(stock)
                .findElements(By.cssSelector("[data-testid=processor-progress]")).isEmpty() || percent(stock) > first);

        // thousands of one-event batches: on a busy machine the whole replay outlasts a screen's patience
        browser.waitUntil(Duration.ofMinutes(4), d -> "RUNNING".equals(inRow(stock, "processor-state-badge")
                .getAttribute("data-status")) && "Caught up".equals(inRow(stock, "processor-lag").getText()));
        assertThat(browser.findElement(stock).findElements(By.cssSelector("[data-testid=processor-progress]")))
                .isEmpty();
        AxleClient admin = axle.admin();
        assertThat(skus).allMatch(sku -> available(admin, sku) == RECEIPTS / SKUS);
    }

    @Test
    void anAdminWatchesANewVersionOfAReadModelBeingBuiltThenSwitchesQueriesToIt() {
        fixture.openSignedIn("#/admin/processors", "screen-admin-processors");
        By next = row("products-v2");
        By old = row("products");
        browser.waitUntil(d -> !d.findElements(next).isEmpty() && !d.findElements(old).isEmpty());
        assertThat(inRow(next, "processor-version").getAttribute("textContent"))
                .isEqualTo("New version of products, built beside products · an administrator switches once caught up");
        assertThat(inRow(old, "processor-version").getAttribute("textContent")).isEqualTo("Version of products that queries read");
        browser.waitUntil(d -> !browser.findElement(next)
                .findElements(By.cssSelector("[data-testid=processor-switch]")).isEmpty());

        AxleClient.Answer rebuild = axle.admin().post("/api/v1/admin/processors/products-v2/replay", Map.of());
        assertThat(rebuild.status()).as(rebuild.raw().body()).isEqualTo(202);
        browser.waitUntil(d -> "REPLAYING".equals(inRow(next, "processor-state-badge").getAttribute("data-status")));
        assertThat(inRow(next, "processor-progress").getAttribute("role")).isEqualTo("progressbar");
        assertThat(browser.findElement(next).findElements(By.cssSelector("[data-testid=processor-switch]")))
                .as("no switch before it has caught up").isEmpty();
        int first = browser.waitUntil(d -> percent(next));
        browser.waitUntil(d -> browser.findElement(next)
                .findElements(By.cssSelector("[data-testid=processor-progress]")).isEmpty() || percent(next) > first);

        browser.waitUntil(Duration.ofMinutes(4), d -> !browser.findElement(next)
                .findElements(By.cssSelector("[data-testid=processor-switch]")).isEmpty());
        inRow(next, "processor-switch").click();
        assertThat(inRow(next, "processor-switch-question").getText())
                .contains("Make queries of products read products-v2 from now on?");
        inRow(next, "processor-switch-confirm").click();

        assertThat(browser.visible("processor-switched").getText())
                .isEqualTo("Queries of products now read products-v2.");
        browser.waitUntil(d -> "ACTIVE".equals(inRow(next, "processor-version").getAttribute("data-role")));
        browser.waitUntil(d -> "RETIRED".equals(inRow(old, "processor-state-badge").getAttribute("data-status")));
        assertThat(inRow(old, "processor-version").getAttribute("textContent"))
                .isEqualTo("Replaced version of products; queries read products-v2");
    }

    @Test
    void theHomePageShowsTheFiguresOfTheLastMinuteAndFollowsNewOrders() {
        fixture.openSignedIn("#/dashboard", "screen-home", ANALYST, ANALYST_PASSWORD);
        assertThat(browser.byTestId("nav-home").getAttribute("aria-current")).isEqualTo("page");
        browser.waitUntil(d -> "true".equals(browser.byTestId("kpis").getAttribute("data-loaded")));
        assertThat(browser.byTestId("kpi-dead-letters-value").getText()).isEqualTo("0");
        assertThat(browser.byTestId("kpi-lag-value").getText()).endsWith("events");
        assertThat(browser.byTestId("kpi-latency-value").getText()).endsWith("ms");
        assertThat(browser.byTestId("kpi-errors-value").getText()).endsWith("%");

        Seeds.invoicedOrder(axle.admin());
        browser.waitUntil(d -> Double.parseDouble(browser.byTestId("kpi-orders-value").getText()) > 0);
    }

    @Test
    void theHomePageFitsA390PixelPhoneAndPassesAxeInTheLightAndTheDarkTheme() {
        fixture.openSignedIn("#/dashboard", "screen-home");
        browser.resize(390, 844);
        browser.waitUntil(d -> "true".equals(browser.byTestId("kpis").getAttribute("data-loaded")));
        assertThat(browser.js("return document.documentElement.scrollWidth <= window.innerWidth"))
                .as("the home page fits the phone's width").isEqualTo(true);
        browser.waitUntil(d -> "light".equals(theme()));
        assertThat(axe.seriousViolations(browser)).as("light theme").isEmpty();
        browser.prefersDark(true);
        browser.waitUntil(d -> "dark".equals(theme()));
        assertThat(axe.seriousViolations(browser)).as("dark theme").isEmpty();
        browser.screenshot("phone-dark-home");
    }

    @Test
    void aProcessorWithSideEffectsOffersNoReplay() {
        fixture.openSignedIn("#/admin/processors", "screen-admin-processors");
        By issuer = row("invoice-issuing");
        browser.waitUntil(d -> !d.findElements(issuer).isEmpty());
        assertThat(browser.findElement(issuer).findElements(By.cssSelector("[data-testid=processor-replay]")))
                .isEmpty();
        assertThat(browser.findElement(issuer).getText()).contains("Not replayable: not a read model");
    }

    @Test
    void someoneWhoIsNotAnAdminIsNotAllowed() {
        fixture.openSignedIn("#/orders", "screen-orders", ANALYST, ANALYST_PASSWORD);
        assertThat(browser.byTestId("nav-admin-processors").isDisplayed()).isFalse();
        browser.get(axle.baseUrl() + "/#/admin/processors");
        assertThat(browser.visible("screen-not-allowed").getText()).contains("Not allowed");
    }

    @Test
    void theScreenFitsA390PixelPhoneAndPassesAxeInTheLightAndTheDarkTheme() {
        fixture.openSignedIn("#/admin/processors", "screen-admin-processors");
        browser.resize(390, 844);
        browser.visible("processor-row");
        assertThat(browser.js("return document.documentElement.scrollWidth <= window.innerWidth"))
                .as("the screen fits the phone's width").isEqualTo(true);
        browser.waitUntil(d -> "light".equals(theme()));
        assertThat(axe.seriousViolations(browser)).as("light theme").isEmpty();
        browser.prefersDark(true);
        browser.waitUntil(d -> "dark".equals(theme()));
        assertThat(axe.seriousViolations(browser)).as("dark theme").isEmpty();
        browser.screenshot("phone-dark-processors");
    }

    private static long available(AxleClient admin, String sku) {
        AxleClient.Answer level = admin.get("/api/v1/stock/" + sku);
        return level.status() == 200 ? level.body().path("available").asLong(-1) : -1;
    }

    /** The percent the row's progress bar shows. */
    private static int percent(By row) {
        return Integer.parseInt(inRow(row, "processor-progress").getAttribute("aria-valuenow"));
    }

    private static By row(String name) {
        return By.cssSelector("[data-testid=processor-row][data-name='" + name + "']");
    }

    private static WebElement inRow(By row, String testId) {
        return browser.findElement(row).findElement(By.cssSelector("[data-testid=" + testId + "]"));
    }

    private static String theme() {
        return String.valueOf(browser.js("return document.documentElement.dataset.theme"));
    }
}
