package io.axle.launcher.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.axle.launcher.e2e.AxleClient;
import io.axle.launcher.e2e.AxleClient.Answer;
import io.axle.launcher.e2e.AxleProcess;
import io.axle.launcher.e2e.RunningAxle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Drives the run screens in headless Chromium against the whole application: start a run with two simulated sensors
 * from the form, see its progress on the list, watch their temperatures arrive on the live page (simulator over MQTT,
 * Kafka, read model, stream), finish it and see the whole run with every counter agreeing, zoom and reset, download
 * its readings as CSV and follow it to Grafana, see in its "Why?" card who started it and the finish that followed,
 * check the page at 390 px and in both themes, then fill the five slots and see the sixth start refused and
 * interrupt-all end them.
 */
class RunScreensBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** Readings travel simulator, MQTT, Kafka, MongoDB and the stream before the chart can show them. */
    private static final Duration READINGS_PATIENCE = Duration.ofSeconds(45);
    private static final Path SCREENSHOTS = Path.of("target", "ui-screenshots", "runs");
    private static final String RUN_NAME = "Cold start, rig 4";
    private static final String GRAFANA = "https://grafana.example.test";

    private static ScreenFixture fixture;
    private static RunningAxle axle;
    private static Browser browser;

    @RegisterExtension
    final TestWatcher screenshotOnFailure = ScreenFixture.screenshotOnFailure(() -> browser);

    @BeforeAll
    static void startAxleAndBrowser() {
        fixture = ScreenFixture.start("runs", Map.of(
                "axle.kafka.embedded.port", "0",
                "axle.mqtt.embedded.port", String.valueOf(AxleProcess.freePort()),
                "axle.hazelcast.port", String.valueOf(AxleProcess.freePort()),
                "axle.hazelcast.cluster-name", "axle-ui-runs-" + UUID.randomUUID(),
                "axle.grafana.url", GRAFANA + "/"), "1280,1400", PATIENCE, SCREENSHOTS);
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
    void startedRunShowsItsSensorsLiveFinishesAndTheSixthStartIsRefused() {
        signInAndOpenRuns();
        String runId = startRunInForm();
        seesRunRunningAndCounted(runId);
        seesBothSensorsChartedLive(runId);
        finishesRunOnLivePage();
        seesTheWholeRunWithEveryCounterAgreeing(runId);
        zoomsIntoPartOfTheRunAndResets();
        downloadsTheReadingsAsCsv(runId);
        linksTheRunToGrafana(runId);
        seesWhyTheRunStartedAndWhatFollowed();
        theFinishedRunPageIsAccessibleWideAndAt390PixelsInBothThemes();
        seesRunCompletedInListAndSlotFreed(runId);
        List<String> holders = fillAllSlotsThroughApi();
        sixthStartInFormIsRefusedWithTheLimit(holders);
        interruptsAllAfterConfirming(holders);
    }

    private void signInAndOpenRuns() {
        browser.get(axle.baseUrl() + "/#/runs");
        browser.visible("screen-signin");
        browser.type("signin-username", "admin");
        browser.type("signin-password", RunningAxle.ADMIN_PASSWORD);
        browser.byTestId("signin-submit").click();
        browser.visible("screen-runs");
        assertThat(browser.byTestId("nav-runs").getAttribute("class")).contains("active");
        // The card is drawn again whenever the live count comes, so each look finds it afresh.
        browser.waitUntil(d -> "0".equals(browser.byTestId("can-start").getAttribute("data-running"))
                && "5".equals(browser.byTestId("can-start").getAttribute("data-limit"))
                && "0 / 5 running — you can start a run".equals(browser.byTestId("can-start-text").getText()));
        browser.waitUntil(d -> "on".equals(browser.byTestId("runs-live").getAttribute("data-state")));
        browser.screenshot("01-runs-empty");
    }

    /** Starts a 60 s run named {@value #RUN_NAME} with two simulated sensors reporting every second; answers its id. */
    private String startRunInForm() {
        browser.type("run-name", RUN_NAME);
        browser.type("run-duration", "60");
        browser.type("run-interval", "1");
        WebElement simulate = browser.byTestId("run-simulate");
        if (!simulate.isSelected()) {
            simulate.click();
        }
        browser.type("run-sensors", "2");
        browser.byTestId("run-start").click();
        String runId = browser.visible("run-started").getAttribute("data-run-id");
        assertThat(runId).isNotBlank();
        return runId;
    }

    private void seesRunRunningAndCounted(String runId) {
        By row = runRow(runId);
        browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(row));
        assertThat(browser.findElement(row).getAttribute("data-status")).isEqualTo("RUNNING");
        assertThat(browser.cell(row, "run-row-user")).isEqualTo("admin");
        assertThat(browser.cell(row, "run-link")).as("the run is listed by its name").isEqualTo(RUN_NAME);
        assertThat(browser.findElement(row).getText()).contains("1 min", "1 s", "2 simulated sensors");
        browser.waitUntil(d -> "1".equals(browser.byTestId("can-start").getAttribute("data-running"))
                && "1 / 5 running — you can start a run".equals(browser.byTestId("can-start-text").getText()));
        By progress = By.cssSelector("[data-testid=run-row][data-run-id='" + runId + "'] [role=progressbar]");
        int before = browser.waitUntil(d -> Integer.parseInt(browser.findElement(progress).getAttribute("aria-valuenow")));
        browser.waitUntil(d -> browser.findElement(progress).getAttribute("aria-valuetext")
                .matches("\\d+% done, \\d+:\\d\\d left"));
        browser.waitUntil(d -> Integer.parseInt(browser.findElement(progress).getAttribute("aria-valuenow")) > before);
        Accessibility axe = new Accessibility();
        assertThat(axe.seriousViolations(browser)).as("the list with a progress bar, light").isEmpty();
        browser.js("document.documentElement.dataset.theme = 'dark'");
        assertThat(axe.seriousViolations(browser)).as("the list with a progress bar, dark").isEmpty();
        browser.js("document.documentElement.dataset.theme = 'light'");
        browser.screenshot("02-run-started");
    }

    private void seesBothSensorsChartedLive(String runId) {
        browser.findElement(runRow(runId)).findElement(By.cssSelector("[data-testid=run-link]")).click();
        browser.visible("screen-run-live");
        assertThat(browser.getCurrentUrl()).endsWith("#/runs/" + runId);
        // the details are drawn again as the run's answers come in: read them inside a wait, which retries
        browser.waitUntil(d -> runId.equals(browser.byTestId("run-id").getText()));
        browser.waitUntil(d -> RUN_NAME.equals(browser.byTestId("run-name").getText()));
        browser.waitUntil(d -> "RUNNING".equals(browser.byTestId("run-status").getAttribute("data-status")));
        browser.waitUntil(d -> "admin".equals(browser.byTestId("run-user").getText()));
        browser.waitUntil(d -> browser.visible("run-remaining").getText().endsWith("left"));
        browser.visible("run-finish");

        browser.waitUntil(READINGS_PATIENCE, d -> "on".equals(browser.byTestId("run-live").getAttribute("data-state"))
                && chartedSensors() == 2);
        // The legend is drawn again as readings arrive: read it inside a wait, which retries an element gone stale.
        List<String> legend = browser.waitUntil(d -> {
            List<String> series = browser.findElements(By.cssSelector("[data-testid=temperature-chart-legend] li"))
                    .stream().map(li -> li.getAttribute("data-series")).toList();
            return series.size() == 2 ? series : null;
        });
        assertThat(legend).doesNotHaveDuplicates();
        int pointsBefore = chartPoints();
        browser.waitUntil(d -> chartPoints() > pointsBefore);
        browser.waitUntil(d -> !browser.findElements(By.cssSelector("[data-testid=reading-row]")).isEmpty());
        browser.waitUntil(d -> Long.parseLong(browser.byTestId("stat-count").getText()) > 0
                && "2".equals(browser.byTestId("stat-sensors").getText()));
        browser.waitUntil(d -> browser.byTestId("stat-temperature-avg").getText().matches("-?\\d+\\.\\d"));
        browser.screenshot("03-live-page");
    }

    private void finishesRunOnLivePage() {
        browser.byTestId("run-finish").click();
        browser.waitUntil(d -> "COMPLETED".equals(browser.byTestId("run-status").getAttribute("data-status")));
        assertThat(browser.findElements(By.cssSelector("[data-testid=run-finish]"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("[data-testid=run-remaining]"))).isEmpty();
        browser.waitUntil(d -> !"—".equals(browser.byTestId("run-finished-at").getText()));
        browser.screenshot("04-run-completed");
    }

    /**
     * The run's "Why?" card: the request that started it, by whom, then the finish that followed. Left open for the
     * accessibility checks that follow; it scrolls the page, so it comes after the drag across the chart and scrolls
     * back to the top, where the next steps click.
     */
    private void seesWhyTheRunStartedAndWhatFollowed() {
        browser.visible("why-button").click();
        List<WebElement> trees = browser.waitUntil(d -> {
            List<WebElement> shown = d.findElements(By.cssSelector("[data-testid=why-tree]"));
            return shown.size() == 2 ? shown : null;
        });
        WebElement started = trees.get(0).findElement(By.cssSelector("[data-testid=why-node][data-type=RunStartedEvent]"));
        assertThat(started.findElement(By.cssSelector("[data-testid=why-name]")).getText()).isEqualTo("Run started");
        assertThat(started.getText()).as("who started it").contains("By admin");
        WebElement completed = trees.get(1).findElement(By.cssSelector("[data-testid=why-node][data-type=RunCompletedEvent]"));
        assertThat(completed.findElement(By.cssSelector("[data-testid=why-name]")).getText()).isEqualTo("Run completed");
        assertThat(completed.getText()).contains("By admin");
        assertThat(trees.get(1).findElements(By.cssSelector("[data-testid=why-node][data-type=RunStartedEvent]")))
                .as("the finish is a request of its own").isEmpty();
        browser.screenshot("06b-why");
        browser.js("window.scrollTo(0, 0)");
    }

    /**
     * Once finished, the charts show the whole run from the server's series, and every count of its readings agrees:
     * the statistics card, the sum over the sensors, the series, and the readings API (once late readings are in).
     */
    private void seesTheWholeRunWithEveryCounterAgreeing(String runId) {
        browser.visible("range-bar");
        AxleClient admin = axle.admin();
        browser.waitUntil(READINGS_PATIENCE, d -> {
            Answer page = admin.get("/api/sensors/data?runId=" + runId + "&size=1");
            if (page.status() != 200) {
                return false;
            }
            long stored = page.body().get("totalElements").asLong();
            long stats = Long.parseLong(browser.byTestId("stat-count").getText());
            long series = Long.parseLong(browser.byTestId("range-bar").getAttribute("data-count"));
            long received = Long.parseLong(browser.byTestId("readings-received").getAttribute("data-count"));
            long perSensor = browser.findElements(By.cssSelector("[data-testid=sensor-stats-row] td:nth-child(2)"))
                    .stream().mapToLong(cell -> Long.parseLong(cell.getText())).sum();
            return stored > 0 && stats == stored && series == stored && received == stored && perSensor == stored;
        });
        assertThat(browser.byTestId("range-bar").getAttribute("data-zoomed")).isEqualTo("false");
        assertThat(browser.byTestId("readings-received").getText()).endsWith("in the whole run");
        assertThat(chartedSensors()).isEqualTo(2);
        assertThat(browser.byTestId("range-shown").getText()).startsWith("Showing ").contains("averaged over 1 s");
        browser.screenshot("05-whole-run");
    }

    private void zoomsIntoPartOfTheRunAndResets() {
        long whole = Long.parseLong(browser.byTestId("range-bar").getAttribute("data-count"));
        String wholeFrom = browser.byTestId("range-bar").getAttribute("data-from");
        browser.dragAcross(browser.findElement(By.cssSelector("[data-testid=temperature-chart] svg")), 0.5, 0.95);
        browser.waitUntil(d -> "true".equals(browser.byTestId("range-bar").getAttribute("data-zoomed")));
        long zoomed = Long.parseLong(browser.byTestId("range-bar").getAttribute("data-count"));
        assertThat(zoomed).isPositive().isLessThan(whole);
        assertThat(browser.byTestId("range-bar").getAttribute("data-from")).isGreaterThan(wholeFrom);
        assertThat(browser.byTestId("readings-received").getText()).endsWith("in this range");
        browser.screenshot("06-zoomed");

        browser.byTestId("range-reset").sendKeys(Keys.ENTER);
        browser.waitUntil(d -> "false".equals(browser.byTestId("range-bar").getAttribute("data-zoomed")));
        assertThat(Long.parseLong(browser.byTestId("range-bar").getAttribute("data-count"))).isEqualTo(whole);
        assertThat(browser.byTestId("range-bar").getAttribute("data-from")).isEqualTo(wholeFrom);
    }

    /** The download goes through a Blob link: the page's Blob is read back to see the rows it holds. */
    private void downloadsTheReadingsAsCsv(String runId) {
        browser.js("window.axleCsv = null; const make = URL.createObjectURL;"
                + "URL.createObjectURL = (blob) => { blob.text().then(text => { window.axleCsv = text; }); return make(blob); };");
        browser.byTestId("run-csv").click();
        String csv = browser.waitUntil(d -> (String) browser.js("return window.axleCsv"));
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).isEqualTo("readingId,runId,sensorId,timestamp,receivedAt,temperature,humidity,pressure,source");
        assertThat(lines).hasSize(1 + Integer.parseInt(browser.byTestId("stat-count").getText()));
        assertThat(lines.subList(1, lines.size())).allSatisfy(line -> assertThat(line.split(",")[1]).isEqualTo(runId));
    }

    private void linksTheRunToGrafana(String runId) {
        String href = browser.visible("run-grafana").getAttribute("href");
        assertThat(href).startsWith(GRAFANA + "/d/axle-simulation-runs/axle-simulation-runs?var-run=" + runId + "&from=")
                .contains("&to=");
        assertThat(browser.byTestId("run-grafana").getAttribute("target")).isEqualTo("_blank");
    }

    private void theFinishedRunPageIsAccessibleWideAndAt390PixelsInBothThemes() {
        Accessibility axe = new Accessibility();
        for (int[] size : List.of(new int[] {1280, 1400}, new int[] {390, 844})) {
            browser.resize(size[0], size[1]);
            browser.visible("range-bar");
            assertThat(axe.seriousViolations(browser)).as("light, %d px", size[0]).isEmpty();
            browser.js("document.documentElement.dataset.theme = 'dark'");
            assertThat(axe.seriousViolations(browser)).as("dark, %d px", size[0]).isEmpty();
            browser.screenshot("07-whole-run-dark-" + size[0]);
            browser.js("document.documentElement.dataset.theme = 'light'");
            assertThat(browser.js("return document.documentElement.scrollWidth <= window.innerWidth"))
                    .as("no sideways scrolling at %d px", size[0]).isEqualTo(true);
        }
        browser.resize(1280, 1400);
    }

    private void seesRunCompletedInListAndSlotFreed(String runId) {
        browser.byTestId("back-to-runs").click();
        browser.visible("screen-runs");
        browser.waitUntil(d -> "COMPLETED".equals(browser.findElement(runRow(runId)).getAttribute("data-status")));
        assertThat(browser.findElement(runRow(runId)).findElements(By.cssSelector("[data-testid=run-row-finish]"))).isEmpty();
        browser.waitUntil(d -> "0".equals(browser.byTestId("can-start").getAttribute("data-running"))
                && "true".equals(browser.byTestId("can-start").getAttribute("data-can-start")));
        browser.waitUntil(d -> "on".equals(browser.byTestId("runs-live").getAttribute("data-state")));
        browser.js("window.axleSamePage = true");
    }

    /** Starts five long runs from another client while the runs page stays open, and answers their ids. */
    private List<String> fillAllSlotsThroughApi() {
        AxleClient admin = axle.admin();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Answer started = admin.post("/api/runs/start", Map.of("duration", 600, "interval", 5, "params", Map.of()));
            assertThat(started.status()).as("start %d: %s", i, started.body()).isEqualTo(201);
            ids.add(started.body().get("id").asText());
        }
        for (String id : ids) {
            browser.waitUntil(d -> "RUNNING".equals(browser.findElement(runRow(id)).getAttribute("data-status")));
        }
        browser.waitUntil(d -> "5".equals(browser.byTestId("can-start").getAttribute("data-running"))
                && "false".equals(browser.byTestId("can-start").getAttribute("data-can-start"))
                && "Limit reached: 5 / 5 running".equals(browser.byTestId("can-start-text").getText()));
        assertThat(browser.js("return window.axleSamePage === true")).as("the runs arrived live, without a reload").isEqualTo(true);
        return ids;
    }

    private void sixthStartInFormIsRefusedWithTheLimit(List<String> holders) {
        browser.type("run-duration", "30");
        browser.byTestId("run-start").click();
        assertThat(browser.visible("run-start-problem-title").getText()).as("plain words, not the status code")
                .isEqualTo("All run slots are taken");
        assertThat(browser.byTestId("run-start-problem-detail").getText()).contains("At most 5 runs").contains(holders.get(0));
        assertThat(browser.byTestId("run-start-problem").getAttribute("data-rule")).isEqualTo("max-running-runs");
        assertThat(browser.findElements(By.cssSelector("[data-testid=run-row][data-status=RUNNING]"))).hasSize(5);
        browser.screenshot("08-limit-reached");
    }

    private void interruptsAllAfterConfirming(List<String> holders) {
        browser.byTestId("interrupt-all").click();
        assertThat(browser.visible("interrupt-all-confirmation").getText()).contains("Interrupt all 5 running runs?");
        browser.byTestId("interrupt-all-confirm").click();
        assertThat(browser.visible("interrupt-all-done").getAttribute("data-count")).isEqualTo("5");
        for (String id : holders) {
            browser.waitUntil(d -> "INTERRUPTED".equals(browser.findElement(runRow(id)).getAttribute("data-status")));
        }
        browser.waitUntil(d -> "0".equals(browser.byTestId("can-start").getAttribute("data-running"))
                && "true".equals(browser.byTestId("can-start").getAttribute("data-can-start"))
                && "0 / 5 running — you can start a run".equals(browser.byTestId("can-start-text").getText()));
        assertThat(browser.findElements(By.cssSelector("[data-testid=run-row-finish]"))).isEmpty();
        assertThat(browser.js("return window.axleSamePage === true")).as("the rows changed live, without a reload").isEqualTo(true);
        browser.screenshot("09-all-interrupted");
    }

    // --- helpers -----------------------------------------------------------------------------------

    private static By runRow(String runId) {
        return By.cssSelector("[data-testid=run-row][data-run-id='" + runId + "']");
    }

    /** The sensors drawn on the temperature chart with at least one point each. */
    private static long chartedSensors() {
        return browser.findElements(By.cssSelector("[data-testid=temperature-chart] path.series")).stream()
                .filter(path -> Integer.parseInt(path.getAttribute("data-points")) > 0)
                .map(path -> path.getAttribute("data-series"))
                .distinct()
                .count();
    }

    private static int chartPoints() {
        return Integer.parseInt(browser.byTestId("temperature-chart").getAttribute("data-point-count"));
    }
}
