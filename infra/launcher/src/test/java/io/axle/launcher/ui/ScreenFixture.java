package io.axle.launcher.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.axle.launcher.e2e.AxleClient;
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

    /**
     * Opens {@code hash} in English with no remembered language or theme, signed in afresh as {@code username}, and
     * waits for the screen of test id {@code screenTestId}. The user's account is set back to English first, since it
     * remembers the language a test may have switched to.
     */
    void openSignedIn(String hash, String screenTestId, String username, String password) {
        assertThat(new AxleClient(axle.baseUrl()).signIn(username, password)
                .put("/api/v1/me/preferences", Map.of("language", "en")).status()).isEqualTo(200);
        browser.get(axle.baseUrl() + "/");
        browser.js("sessionStorage.clear(); localStorage.removeItem('axle.lang'); localStorage.removeItem('axle.theme');");
        browser.get(axle.baseUrl() + "/" + hash);
        browser.js("location.reload()");
        signIn(username, password);
        browser.visible(screenTestId);
    }

    /** As {@link #openSignedIn(String, String, String, String)}, as the admin. */
    void openSignedIn(String hash, String screenTestId) {
        openSignedIn(hash, screenTestId, "admin", RunningAxle.ADMIN_PASSWORD);
    }

    /** Signs in on the sign-in screen, which must be showing or about to. */
    void signIn(String username, String password) {
        browser.visible("screen-signin");
        browser.type("signin-username", username);
        browser.type("signin-password", password);
        browser.byTestId("signin-submit").click();
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
