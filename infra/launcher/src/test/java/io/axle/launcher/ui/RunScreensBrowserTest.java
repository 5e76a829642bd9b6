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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Drives the run screens in headless Chromium against the whole application: start a run with two simulated sensors
 * from the form, watch their temperatures arrive on the live page (simulator over MQTT, Kafka, read model, stream),
 * finish it, then fill the five slots and see the sixth start refused and interrupt-all end them.
 */
class RunScreensBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** Readings travel simulator, MQTT, Kafka, MongoDB and the stream before the chart can show them. */
    private static final Duration READINGS_PATIENCE = Duration.ofSeconds(45);
    private static final Path SCREENSHOTS = Path.of("target", "ui-screenshots", "runs");
    private static final String RUN_NAME = "Cold start, rig 4";

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
                "axle.hazelcast.cluster-name", "axle-ui-runs-" + UUID.randomUUID()), "1280,1400", PATIENCE, SCREENSHOTS);
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
        browser.waitUntil(d -> "0".equals(browser.byTestId("can-start").getAttribute("data-running")));
        assertThat(browser.byTestId("can-start").getAttribute("data-limit")).isEqualTo("5");
        assertThat(browser.byTestId("can-start-text").getText()).isEqualTo("0 / 5 running — you can start a run");
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
        browser.waitUntil(d -> "1".equals(browser.byTestId("can-start").getAttribute("data-running")));
        assertThat(browser.byTestId("can-start-text").getText()).isEqualTo("1 / 5 running — you can start a run");
        browser.screenshot("02-run-started");
    }

    private void seesBothSensorsChartedLive(String runId) {
        browser.findElement(runRow(runId)).findElement(By.cssSelector("[data-testid=run-link]")).click();
        browser.visible("screen-run-live");
        assertThat(browser.getCurrentUrl()).endsWith("#/runs/" + runId);
        assertThat(browser.visible("run-id").getText()).isEqualTo(runId);
        browser.waitUntil(d -> "RUNNING".equals(browser.byTestId("run-status").getAttribute("data-status")));
        assertThat(browser.byTestId("run-user").getText()).isEqualTo("admin");
        assertThat(browser.visible("run-remaining").getText()).endsWith("left");
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
        assertThat(browser.byTestId("stat-temperature-avg").getText()).matches("-?\\d+\\.\\d");
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
        browser.waitUntil(d -> "5".equals(browser.byTestId("can-start").getAttribute("data-running")));
        assertThat(browser.byTestId("can-start").getAttribute("data-can-start")).isEqualTo("false");
        assertThat(browser.byTestId("can-start-text").getText()).isEqualTo("Limit reached: 5 / 5 running");
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
        browser.screenshot("05-limit-reached");
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
                && "true".equals(browser.byTestId("can-start").getAttribute("data-can-start")));
        assertThat(browser.byTestId("can-start-text").getText()).isEqualTo("0 / 5 running — you can start a run");
        assertThat(browser.findElements(By.cssSelector("[data-testid=run-row-finish]"))).isEmpty();
        assertThat(browser.js("return window.axleSamePage === true")).as("the rows changed live, without a reload").isEqualTo(true);
        browser.screenshot("06-all-interrupted");
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
