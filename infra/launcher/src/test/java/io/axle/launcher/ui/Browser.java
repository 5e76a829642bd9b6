package io.axle.launcher.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium for the screen tests, with the look-ups by data-testid, waits and screenshots they share. It runs
 * in American English whatever the machine's locale, so that texts and formats are the same everywhere.
 */
final class Browser {

    private final ChromeDriver driver;
    private final Duration patience;
    private final Path screenshots;

    private Browser(ChromeDriver driver, Duration patience, Path screenshots) {
        this.driver = driver;
        this.patience = patience;
        this.screenshots = screenshots;
    }

    /** Starts headless Chromium with the given profile folder and window size ("width,height"). */
    static Browser start(Path profile, String windowSize, Duration patience, Path screenshots) {
        System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions()
                .setBinary("/usr/bin/chromium")
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--disable-quic", "--window-size=" + windowSize,
                        "--lang=en-US", "--user-data-dir=" + profile.toAbsolutePath());
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .usingAnyFreePort()
                .build();
        return new Browser(new ChromeDriver(service, options), patience, screenshots);
    }

    void get(String url) {
        driver.get(url);
    }

    String getCurrentUrl() {
        return driver.getCurrentUrl();
    }

    WebElement findElement(By by) {
        return driver.findElement(by);
    }

    List<WebElement> findElements(By by) {
        return driver.findElements(by);
    }

    /**
     * The text of the cell of test id {@code testId} in {@code row}. Live screens draw rows again as updates arrive, so
     * a row found a moment ago may be gone by the time its text is read: it is then found afresh.
     */
    String cell(By row, String testId) {
        return new WebDriverWait(driver, patience).ignoring(StaleElementReferenceException.class).until(d ->
                d.findElement(row).findElement(By.cssSelector("[data-testid='" + testId + "']")).getText());
    }

    Object js(String script) {
        return driver.executeScript(script);
    }

    WebElement byTestId(String testId) {
        return driver.findElement(By.cssSelector("[data-testid='" + testId + "']"));
    }

    WebElement visible(String testId) {
        return new WebDriverWait(driver, patience)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid='" + testId + "']")));
    }

    void type(String testId, String text) {
        WebElement input = visible(testId);
        input.clear();
        input.sendKeys(text);
    }

    /** Chooses the option of value {@code value} in the select of test id {@code testId}. */
    void choose(String testId, String value) {
        new Select(visible(testId)).selectByValue(value);
    }

    <T> T waitUntil(Function<WebDriver, T> condition) {
        return waitUntil(patience, condition);
    }

    <T> T waitUntil(Duration patience, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, patience)
                .ignoring(StaleElementReferenceException.class)
                .ignoring(NoSuchElementException.class)
                .ignoring(NumberFormatException.class)
                .until(condition);
    }

    /** A file the page downloaded: the name it gave it and its text. */
    record Download(String name, String text) {

        /** The lines of a text whose every line ends with CRLF (a CSV export), without their ends. */
        List<String> crlfLines() {
            if (!text.endsWith("\r\n")) {
                throw new AssertionError("the file does not end with CRLF: " + text);
            }
            return List.of(text.substring(0, text.length() - 2).split("\r\n", -1));
        }
    }

    /**
     * Records the files the page downloads instead of saving them (name and text, in order), once per page load: the
     * page makes a Blob URL and clicks a link to it, and both are caught here.
     */
    private static final String CAPTURE_DOWNLOADS = """
            if (!window.downloads) {
              window.downloads = [];
              const create = URL.createObjectURL;
              URL.createObjectURL = (blob) => {
                const url = create(blob);
                window.downloads.push({ url, text: null, name: null });
                blob.text().then(text => { window.downloads.find(d => d.url === url).text = text; });
                return url;
              };
              HTMLAnchorElement.prototype.click = function () {
                const download = window.downloads.find(d => d.url === this.href);
                if (download) download.name = this.download;
              };
            }
            window.downloads.length = 0;
            """;

    /** Clicks the button of test id {@code testId} and answers the one file the page then downloads. */
    @SuppressWarnings("unchecked")
    Download download(String testId) {
        js(CAPTURE_DOWNLOADS);
        byTestId(testId).click();
        waitUntil(d -> Boolean.TRUE.equals(js(
                "return window.downloads.length === 1 && window.downloads[0].text !== null")));
        Map<String, Object> file = (Map<String, Object>) js("return window.downloads[0]");
        return new Download((String) file.get("name"), (String) file.get("text"));
    }

    /** Runs an asynchronous script: its last argument is the callback that answers. */
    Object asyncJs(String script, Object... args) {
        return driver.executeAsyncScript(script, args);
    }

    /** Drags across an element with the mouse, from one share of its width to another (0 its left edge, 1 its right). */
    void dragAcross(WebElement element, double fromShare, double toShare) {
        int width = element.getRect().getWidth();
        new Actions(driver).moveToElement(element, (int) (width * (fromShare - 0.5)), 0).clickAndHold()
                .moveByOffset((int) (width * (toShare - fromShare)), 0).release().perform();
    }

    /** Resizes the window, e.g. to 390 × 844 for a phone. */
    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Makes the page see {@code prefers-color-scheme} as dark or light, as a system setting would. */
    void prefersDark(boolean dark) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", dark ? "dark" : "light"))));
    }

    /** The source of axe-core as npm installed it (the Maven build runs npm ci in this module). */
    static String axeSource() {
        Path axe = Path.of("node_modules", "axe-core", "axe.min.js");
        try {
            return Files.readString(axe, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("axe-core is missing at " + axe.toAbsolutePath()
                    + ": run the Maven build (npm ci in infra/launcher)", e);
        }
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(screenshots);
            Path png = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(png, screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            System.err.println("could not take screenshot " + name + ": " + e);
        }
    }

    void quit() {
        driver.quit();
    }
}
