package io.axle.launcher.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.axle.launcher.e2e.AxleClient;
import io.axle.launcher.e2e.AxleClient.Answer;
import io.axle.launcher.e2e.AxleProcess;
import io.axle.launcher.e2e.RunningAxle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

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

    private static RunningAxle axle;
    private static Path dataDir;
    private static WebDriver browser;
    private static Path browserProfile;

    @RegisterExtension
    final TestWatcher screenshotOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            screenshot("failure-" + context.getRequiredTestMethod().getName());
        }
    };

    @BeforeAll
    static void startAxleAndBrowser() throws IOException {
        dataDir = Files.createTempDirectory("axle-ui-runs");
        axle = RunningAxle.start(dataDir, Map.of(
                "axle.kafka.embedded.port", "0",
                "axle.mqtt.embedded.port", String.valueOf(AxleProcess.freePort()),
                "axle.hazelcast.port", String.valueOf(AxleProcess.freePort()),
                "axle.hazelcast.cluster-name", "axle-ui-runs-" + UUID.randomUUID()));

        System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        browserProfile = Files.createTempDirectory("axle-ui-runs-chromium");
        ChromeOptions options = new ChromeOptions()
                .setBinary("/usr/bin/chromium")
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--disable-quic", "--window-size=1280,1400",
                        "--user-data-dir=" + browserProfile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
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
        visible("screen-signin");
        type("signin-username", "admin");
        type("signin-password", RunningAxle.ADMIN_PASSWORD);
        byTestId("signin-submit").click();
        visible("screen-runs");
        assertThat(byTestId("nav-runs").getAttribute("class")).contains("active");
        waitUntil(d -> "0".equals(byTestId("can-start").getAttribute("data-running")));
        assertThat(byTestId("can-start").getAttribute("data-limit")).isEqualTo("5");
        assertThat(byTestId("can-start-text").getText()).isEqualTo("0 / 5 running — you can start a run");
        waitUntil(d -> "on".equals(byTestId("runs-live").getAttribute("data-state")));
        screenshot("01-runs-empty");
    }

    /** Starts a 60 s run with two simulated sensors reporting every second, and answers its id. */
    private String startRunInForm() {
        type("run-duration", "60");
        type("run-interval", "1");
        WebElement simulate = byTestId("run-simulate");
        if (!simulate.isSelected()) {
            simulate.click();
        }
        type("run-sensors", "2");
        byTestId("run-start").click();
        String runId = visible("run-started").getAttribute("data-run-id");
        assertThat(runId).isNotBlank();
        return runId;
    }

    private void seesRunRunningAndCounted(String runId) {
        By row = runRow(runId);
        waitUntil(ExpectedConditions.visibilityOfElementLocated(row));
        assertThat(browser.findElement(row).getAttribute("data-status")).isEqualTo("RUNNING");
        assertThat(cell(row, "run-row-user")).isEqualTo("admin");
        assertThat(browser.findElement(row).getText()).contains("1 min", "1 s", "2 simulated sensors");
        waitUntil(d -> "1".equals(byTestId("can-start").getAttribute("data-running")));
        assertThat(byTestId("can-start-text").getText()).isEqualTo("1 / 5 running — you can start a run");
        screenshot("02-run-started");
    }

    private void seesBothSensorsChartedLive(String runId) {
        browser.findElement(runRow(runId)).findElement(By.cssSelector("[data-testid=run-link]")).click();
        visible("screen-run-live");
        assertThat(browser.getCurrentUrl()).endsWith("#/runs/" + runId);
        assertThat(byTestId("run-id").getText()).isEqualTo(runId);
        waitUntil(d -> "RUNNING".equals(byTestId("run-status").getAttribute("data-status")));
        assertThat(byTestId("run-user").getText()).isEqualTo("admin");
        assertThat(visible("run-remaining").getText()).endsWith("left");
        visible("run-finish");

        waitUntil(READINGS_PATIENCE, d -> "on".equals(byTestId("run-live").getAttribute("data-state"))
                && chartedSensors() == 2);
        assertThat(browser.findElements(By.cssSelector("[data-testid=temperature-chart-legend] li")))
                .extracting(li -> li.getAttribute("data-series")).hasSize(2).doesNotHaveDuplicates();
        int pointsBefore = chartPoints();
        waitUntil(d -> chartPoints() > pointsBefore);
        waitUntil(d -> !browser.findElements(By.cssSelector("[data-testid=reading-row]")).isEmpty());
        waitUntil(d -> Long.parseLong(byTestId("stat-count").getText()) > 0
                && "2".equals(byTestId("stat-sensors").getText()));
        assertThat(byTestId("stat-temperature-avg").getText()).matches("-?\\d+\\.\\d");
        screenshot("03-live-page");
    }

    private void finishesRunOnLivePage() {
        byTestId("run-finish").click();
        waitUntil(d -> "COMPLETED".equals(byTestId("run-status").getAttribute("data-status")));
        assertThat(browser.findElements(By.cssSelector("[data-testid=run-finish]"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("[data-testid=run-remaining]"))).isEmpty();
        waitUntil(d -> !"—".equals(byTestId("run-finished-at").getText()));
        screenshot("04-run-completed");
    }

    private void seesRunCompletedInListAndSlotFreed(String runId) {
        byTestId("back-to-runs").click();
        visible("screen-runs");
        waitUntil(d -> "COMPLETED".equals(browser.findElement(runRow(runId)).getAttribute("data-status")));
        assertThat(browser.findElement(runRow(runId)).findElements(By.cssSelector("[data-testid=run-row-finish]"))).isEmpty();
        waitUntil(d -> "0".equals(byTestId("can-start").getAttribute("data-running")));
        waitUntil(d -> "on".equals(byTestId("runs-live").getAttribute("data-state")));
        js("window.axleSamePage = true");
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
            waitUntil(d -> "RUNNING".equals(browser.findElement(runRow(id)).getAttribute("data-status")));
        }
        waitUntil(d -> "5".equals(byTestId("can-start").getAttribute("data-running")));
        assertThat(byTestId("can-start").getAttribute("data-can-start")).isEqualTo("false");
        assertThat(byTestId("can-start-text").getText()).isEqualTo("Limit reached: 5 / 5 running");
        assertThat(js("return window.axleSamePage === true")).as("the runs arrived live, without a reload").isEqualTo(true);
        return ids;
    }

    private void sixthStartInFormIsRefusedWithTheLimit(List<String> holders) {
        type("run-duration", "30");
        byTestId("run-start").click();
        assertThat(visible("run-start-problem-title").getText()).contains("409");
        assertThat(byTestId("run-start-problem-detail").getText()).contains("At most 5 runs").contains(holders.get(0));
        assertThat(byTestId("run-start-problem-rule").getText()).isEqualTo("max-running-runs");
        assertThat(browser.findElements(By.cssSelector("[data-testid=run-row][data-status=RUNNING]"))).hasSize(5);
        screenshot("05-limit-reached");
    }

    private void interruptsAllAfterConfirming(List<String> holders) {
        byTestId("interrupt-all").click();
        assertThat(visible("interrupt-all-confirmation").getText()).contains("Interrupt all 5 running runs?");
        byTestId("interrupt-all-confirm").click();
        assertThat(visible("interrupt-all-done").getAttribute("data-count")).isEqualTo("5");
        for (String id : holders) {
            waitUntil(d -> "INTERRUPTED".equals(browser.findElement(runRow(id)).getAttribute("data-status")));
        }
        waitUntil(d -> "0".equals(byTestId("can-start").getAttribute("data-running")));
        assertThat(byTestId("can-start-text").getText()).isEqualTo("0 / 5 running — you can start a run");
        assertThat(browser.findElements(By.cssSelector("[data-testid=run-row-finish]"))).isEmpty();
        assertThat(js("return window.axleSamePage === true")).as("the rows changed live, without a reload").isEqualTo(true);
        screenshot("06-all-interrupted");
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
        return Integer.parseInt(byTestId("temperature-chart").getAttribute("data-point-count"));
    }

    private static String cell(By row, String testId) {
        return browser.findElement(row).findElement(By.cssSelector("[data-testid='" + testId + "']")).getText();
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private static WebElement byTestId(String testId) {
        return browser.findElement(By.cssSelector("[data-testid='" + testId + "']"));
    }

    private static WebElement visible(String testId) {
        return new WebDriverWait(browser, PATIENCE)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid='" + testId + "']")));
    }

    private static void type(String testId, String text) {
        WebElement input = visible(testId);
        input.clear();
        input.sendKeys(text);
    }

    private static <T> T waitUntil(Function<WebDriver, T> condition) {
        return waitUntil(PATIENCE, condition);
    }

    private static <T> T waitUntil(Duration patience, Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, patience)
                .ignoring(StaleElementReferenceException.class)
                .ignoring(NoSuchElementException.class)
                .ignoring(NumberFormatException.class)
                .until(condition);
    }

    private static void screenshot(String name) {
        if (!(browser instanceof ChromeDriver chrome)) {
            return;
        }
        try {
            Files.createDirectories(SCREENSHOTS);
            Path png = chrome.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(png, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            System.err.println("could not take screenshot " + name + ": " + e);
        }
    }
}
