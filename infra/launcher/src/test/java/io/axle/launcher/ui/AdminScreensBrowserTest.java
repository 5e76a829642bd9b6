package io.axle.launcher.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.axle.launcher.e2e.AxleClient;
import io.axle.launcher.e2e.RunningAxle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * The admin screens in headless Chromium against the whole application: users created, given other roles and deleted
 * after a confirmation; API keys whose secret shows once and never again, revoked after a confirmation, a partner key
 * refused under the customer until one is chosen; a non-admin told plainly they are not allowed; both screens at
 * 390 px in the light and the dark theme without serious accessibility violations. Also the language a user chooses,
 * which their account remembers from one browser to the next.
 */
class AdminScreensBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS = Path.of("target", "ui-screenshots", "admin");
    private static final String ANALYST = "nadia.analyst";
    private static final String ANALYST_PASSWORD = "analyst-passphrase";

    private static ScreenFixture fixture;
    private static RunningAxle axle;
    private static Browser browser;
    private static Accessibility axe;
    private static String customerId;

    @RegisterExtension
    final TestWatcher screenshotOnFailure = ScreenFixture.screenshotOnFailure(() -> browser);

    @BeforeAll
    static void startAxleAndBrowser() {
        fixture = ScreenFixture.start("admin", Map.of("axle.live-streams.max-per-caller", "100"), "1280,1200",
                PATIENCE, SCREENSHOTS);
        axle = fixture.axle();
        browser = fixture.browser();
        axe = new Accessibility();
        AxleClient admin = axle.admin();
        customerId = Seeds.customer(admin, "Garage Dupré", "compta@dupre.example");
        assertThat(admin.post("/api/v1/users", Map.of("username", ANALYST, "password", ANALYST_PASSWORD,
                "roles", List.of("ANALYST"))).status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/api-keys", Map.of("name", "seeded-connector", "role", "ANALYST")).status())
                .isEqualTo(201);
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
    void anAdminCreatesAUserChangesTheirRolesAndDeletesThemAfterConfirming() {
        fixture.openSignedIn("#/admin/users", "screen-admin-users");
        assertThat(browser.byTestId("nav-admin-users").getAttribute("aria-current")).isEqualTo("page");
        By me = userRow("admin");
        browser.waitUntil(d -> !d.findElements(me).isEmpty());
        assertThat(browser.findElement(me).findElements(By.cssSelector("[data-testid=user-delete]")))
                .as("an admin cannot delete themself").isEmpty();
        assertThat(browser.findElement(me).findElements(By.cssSelector("[data-testid=user-is-you]"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("[data-testid=user-role-PARTNER]")))
                .as("partners are keys, not users").isEmpty();

        browser.type("user-username", "claire.martin");
        browser.type("user-password", "short");
        browser.byTestId("user-role-OPERATOR").click();
        browser.byTestId("user-submit").click();
        assertThat(browser.visible("user-password-error").getText()).isEqualTo("Use at least 8 characters.");

        browser.type("user-password", "a long passphrase");
        browser.byTestId("user-submit").click();
        assertThat(browser.visible("user-created").getText()).contains("claire.martin");
        By claire = userRow("claire.martin");
        browser.waitUntil(d -> !d.findElements(claire).isEmpty());
        assertThat(browser.cell(claire, "user-roles-shown")).isEqualTo("Operator");

        browser.findElement(claire).findElement(By.cssSelector("[data-testid=user-edit-roles]")).click();
        assertThat(browser.visible("edit-role-OPERATOR").isSelected()).isTrue();
        browser.byTestId("edit-role-ANALYST").click();
        browser.byTestId("roles-save").click();
        browser.visible("roles-saved");
        browser.waitUntil(d -> browser.cell(claire, "user-roles-shown").contains("Analyst"));
        assertThat(browser.cell(claire, "user-roles-shown")).contains("Operator");
        assertThat(new AxleClient(axle.baseUrl()).signIn("claire.martin", "a long passphrase").get("/api/v1/audit/Customer/" + customerId).status())
                .as("the next sign-in carries the new roles").isEqualTo(200);

        browser.findElement(claire).findElement(By.cssSelector("[data-testid=user-delete]")).click();
        browser.visible("user-delete-keep").click();
        assertThat(browser.findElements(claire)).as("kept").hasSize(1);
        browser.findElement(claire).findElement(By.cssSelector("[data-testid=user-delete]")).click();
        browser.visible("user-delete-confirm").click();
        browser.visible("user-deleted");
        browser.waitUntil(d -> d.findElements(claire).isEmpty());
        browser.screenshot("01-users");
    }

    @Test
    void aNewKeyIsShownOnceThenNeverAgainAndARevokedKeyIsRefused() {
        fixture.openSignedIn("#/admin/api-keys", "screen-admin-api-keys");
        browser.type("key-name", "erp-sync");
        browser.choose("key-role", "OPERATOR");
        assertThat(browser.byTestId("key-customer").isDisplayed()).as("only partners name a customer").isFalse();
        browser.byTestId("key-submit").click();

        browser.visible("key-secret-dialog");
        String secret = browser.byTestId("key-secret").getText();
        assertThat(secret).startsWith("axk_");
        assertThat(browser.byTestId("key-secret-warning").getText()).contains("you will not see it again");
        browser.screenshot("02-key-shown-once");
        browser.byTestId("key-secret-copy").click();
        browser.waitUntil(d -> !browser.byTestId("key-secret-copied").getText().isBlank());
        browser.byTestId("key-secret-close").click();
        browser.waitUntil(d -> d.findElements(By.cssSelector("[data-testid=key-secret-dialog]")).isEmpty());
        By row = keyRow("erp-sync");
        browser.waitUntil(d -> !d.findElements(row).isEmpty());
        assertThat(pageText()).as("the secret is gone with the dialog").doesNotContain(secret);
        browser.js("location.reload()");
        browser.visible("screen-admin-api-keys");
        browser.waitUntil(d -> !d.findElements(row).isEmpty());
        assertThat(pageText()).as("and never shown again").doesNotContain(secret);
        assertThat(browser.cell(row, "key-status")).isEqualTo("Active");
        AxleClient withKey = new AxleClient(axle.baseUrl());
        assertThat(withKey.get("/api/v1/customers?size=1", Map.of("X-API-Key", secret)).status()).isEqualTo(200);

        browser.findElement(row).findElement(By.cssSelector("[data-testid=key-revoke]")).click();
        browser.visible("key-revoke-confirm").click();
        browser.visible("key-revoked");
        browser.waitUntil(d -> "true".equals(d.findElement(row).getAttribute("data-revoked")));
        assertThat(browser.cell(row, "key-status")).startsWith("Revoked");
        assertThat(browser.findElement(row).findElements(By.cssSelector("[data-testid=key-revoke]"))).isEmpty();
        assertThat(withKey.get("/api/v1/customers?size=1", Map.of("X-API-Key", secret)).status()).isEqualTo(401);
    }

    @Test
    void aPartnerKeyIsRefusedUnderTheCustomerUntilOneIsChosen() {
        fixture.openSignedIn("#/admin/api-keys", "screen-admin-api-keys");
        browser.type("key-name", "dupre-erp");
        browser.choose("key-role", "PARTNER");
        assertThat(browser.byTestId("key-device").isDisplayed()).as("only devices name a device").isFalse();
        browser.byTestId("key-submit").click();

        WebElement message = browser.visible("key-customer-error");
        assertThat(message.getText()).isEqualTo("A partner key needs the customer it acts for.");
        assertThat(browser.byTestId("key-customer").getAttribute("aria-invalid")).isEqualTo("true");

        browser.choose("key-customer", customerId);
        browser.byTestId("key-submit").click();
        browser.visible("key-secret-dialog");
        browser.byTestId("key-secret-close").click();
        By row = keyRow("dupre-erp");
        browser.waitUntil(d -> !d.findElements(row).isEmpty());
        assertThat(browser.cell(row, "key-bound-to")).isEqualTo("Garage Dupré");
    }

    @Test
    void someoneWhoIsNotAnAdminSeesNoAdminMenuAndIsToldPlainlyTheyAreNotAllowed() {
        fixture.openSignedIn("#/orders", "screen-orders", ANALYST, ANALYST_PASSWORD);
        assertThat(browser.byTestId("nav-admin-users").isDisplayed()).isFalse();
        assertThat(browser.byTestId("nav-admin-api-keys").isDisplayed()).isFalse();

        for (String route : List.of("#/admin/users", "#/admin/api-keys")) {
            browser.get(axle.baseUrl() + "/" + route);
            assertThat(browser.visible("screen-not-allowed").getText()).contains("Not allowed")
                    .contains("Only administrators can manage users and API keys.");
        }
    }

    @Test
    void bothScreensFitA390PixelPhoneAndPassAxeInTheLightAndTheDarkTheme() {
        fixture.openSignedIn("#/admin/users", "screen-admin-users");
        browser.resize(390, 844);
        browser.byTestId("menu-toggle").click();
        browser.visible("nav-admin-api-keys").click();
        browser.visible("screen-admin-api-keys");
        browser.visible("key-row");

        for (String[] screen : List.of(new String[] {"#/admin/users", "screen-admin-users", "user-row"},
                new String[] {"#/admin/api-keys", "screen-admin-api-keys", "key-row"})) {
            browser.get(axle.baseUrl() + "/" + screen[0]);
            browser.visible(screen[1]);
            browser.visible(screen[2]);
            assertThat(browser.js("return document.documentElement.scrollWidth <= window.innerWidth"))
                    .as("%s fits the phone's width", screen[0]).isEqualTo(true);
            browser.prefersDark(false);
            browser.waitUntil(d -> "light".equals(theme()));
            assertThat(axe.seriousViolations(browser)).as("%s in the light theme", screen[0]).isEmpty();
            browser.prefersDark(true);
            browser.waitUntil(d -> "dark".equals(theme()));
            assertThat(axe.seriousViolations(browser)).as("%s in the dark theme", screen[0]).isEmpty();
            browser.screenshot("phone-dark-" + screen[1]);
        }
    }

    @Test
    void theLanguageAUserChoosesIsRememberedWithTheirAccount() {
        fixture.openSignedIn("#/orders", "screen-orders", ANALYST, ANALYST_PASSWORD);
        browser.choose("language", "fr");
        browser.waitUntil(d -> "Commandes".equals(browser.byTestId("nav-orders").getText()));
        browser.waitUntil(d -> "fr".equals(axle.anonymous().signIn(ANALYST, ANALYST_PASSWORD)
                .get("/api/v1/me/preferences").body().path("language").asText()));

        browser.byTestId("sign-out").click();
        browser.visible("screen-signin");
        browser.js("localStorage.clear()");
        browser.js("location.reload()");
        browser.waitUntil(d -> "en".equals(browser.js("return document.documentElement.lang")));
        fixture.signIn(ANALYST, ANALYST_PASSWORD);

        browser.visible("screen-orders");
        browser.waitUntil(d -> "Commandes".equals(browser.byTestId("nav-orders").getText()));
        assertThat(browser.js("return document.documentElement.lang")).isEqualTo("fr");
        assertThat(browser.js("return localStorage.getItem('axle.lang')")).isEqualTo("fr");
    }

    private static By userRow(String username) {
        return By.cssSelector("[data-testid=user-row][data-username='" + username + "']");
    }

    private static By keyRow(String name) {
        return By.cssSelector("[data-testid=key-row][data-name='" + name + "']");
    }

    private static String pageText() {
        return String.valueOf(browser.js("return document.documentElement.outerHTML"));
    }

    private static String theme() {
        return String.valueOf(browser.js("return document.documentElement.dataset.theme"));
    }
}
