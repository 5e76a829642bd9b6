package io.axle.launcher.ui;

import io.axle.launcher.e2e.RunningAxle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.springframework.util.FileSystemUtils;

/**
 * Axle started in its own process on a fresh data folder, and a headless Chromium with a fresh profile to drive it:
 * what a screen test class starts once and closes at the end (both folders are deleted).
 */
final class ScreenFixture implements AutoCloseable {

    private final Path dataDir;
    private final Path browserProfile;
    private RunningAxle axle;
    private Browser browser;

    private ScreenFixture(Path dataDir, Path browserProfile) {
        this.dataDir = dataDir;
        this.browserProfile = browserProfile;
    }

    /** Starts Axle with the given properties, then Chromium with the window size ("width,height"). */
    static ScreenFixture start(String name, Map<String, String> properties, String windowSize, Duration patience,
            Path screenshots) {
        try {
            ScreenFixture fixture = new ScreenFixture(Files.createTempDirectory("axle-ui-" + name),
                    Files.createTempDirectory("axle-ui-" + name + "-chromium"));
            fixture.axle = RunningAxle.start(fixture.dataDir, properties);
            fixture.browser = Browser.start(fixture.browserProfile, windowSize, patience, screenshots);
            return fixture;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    RunningAxle axle() {
        return axle;
    }

    Browser browser() {
        return browser;
    }

    /** A watcher that saves a screenshot named after the test that failed, if the browser is up. */
    static TestWatcher screenshotOnFailure(Supplier<Browser> browser) {
        return new TestWatcher() {
            @Override
            public void testFailed(ExtensionContext context, Throwable cause) {
                Browser shown = browser.get();
                if (shown != null) {
                    shown.screenshot("failure-" + context.getRequiredTestMethod().getName());
                }
            }
        };
    }

    @Override
    public void close() {
        if (browser != null) {
            browser.quit();
        }
        if (axle != null) {
            axle.close();
        }
        FileSystemUtils.deleteRecursively(dataDir.toFile());
        FileSystemUtils.deleteRecursively(browserProfile.toFile());
    }
}
