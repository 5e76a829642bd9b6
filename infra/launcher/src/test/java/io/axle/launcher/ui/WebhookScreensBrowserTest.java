package io.axle.launcher.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.axle.launcher.e2e.AxleClient;
import io.axle.launcher.e2e.RunningAxle;
import io.axle.launcher.e2e.WebhookReceiver;
import io.axle.launcher.e2e.WebhookReceiver.Post;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;

/**
 * The webhook screens in headless Chromium against the whole application and a partner's receiver on 127.0.0.1 that
 * answers 500 first, then 200: a webhook added on the screen (each refusal under its field, the secret generated in
 * the browser and shown once), an order confirmed through the API, the failed delivery seen in the log, retried with
 * its button and seen delivered without a reload, signed with the secret the screen showed; both screens at 390 px in
 * the light and the dark theme without serious accessibility violations; the webhook removed after a confirmation.
 * A delivery is given up after one attempt here, so that the Retry button has something to retry.
 */
class WebhookScreensBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS = Path.of("target", "ui-screenshots", "webhooks");
    private static final String PATH = "/partner";

    private static ScreenFixture fixture;
    private static RunningAxle axle;
    private static Browser browser;
    private static WebhookReceiver receiver;

    @RegisterExtension
    final TestWatcher screenshotOnFailure = ScreenFixture.screenshotOnFailure(() -> browser);

    @BeforeAll
    static void startAxleBrowserAndReceiver() throws IOException {
        receiver = new WebhookReceiver();
        fixture = ScreenFixture.start("webhooks", Map.of(
                "axle.webhooks.allow-private-addresses", "true",
                "axle.webhooks.max-attempts", "1",
                "axle.webhooks.poll-interval", "200ms"), "1280,1200", PATIENCE, SCREENSHOTS);
        axle = fixture.axle();
        browser = fixture.browser();
    }

    @AfterAll
    static void stopEverything() {
        if (fixture != null) {
            fixture.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aWebhookAddedOnTheScreenShowsItsFailedDeliveryRetriedAndDeliveredSigned() {
        String url = receiver.endpoint(PATH, "not-known-until-the-screen-shows-it", 200, 500);
        fixture.openSignedIn("#/admin/webhooks", "screen-admin-webhooks");
        assertThat(browser.byTestId("nav-admin-webhooks").getAttribute("aria-current")).isEqualTo("page");
        browser.waitUntil(d -> "true".equals(browser.byTestId("webhooks-body").getAttribute("data-loaded")));

        refusalsShowUnderTheirFields();
        String secret = addsTheWebhookAndSeesItsSecretOnce(url);
        receiver.checkWith(PATH, secret);
        String orderId = Seeds.invoicedOrder(axle.admin()).orderId();

        String deliveryId = seesTheFailedDeliveryOnTheWebhooksPage(url);
        retriesItAndSeesItDeliveredWithoutAReload(deliveryId);
        List<Post> posts = receiver.posts(PATH);
        assertThat(posts).extracting(Post::answered).containsExactly(500, 200);
        assertThat(posts).as("signed with the secret the screen showed").allMatch(Post::signatureValid);
        assertThat(posts).extracting(Post::deliveryHeader).containsOnly(deliveryId);
        assertThat(posts.get(1).body().get("event").asText()).isEqualTo("order.confirmed");
        assertThat(posts.get(1).body().at("/data/orderId").asText()).isEqualTo(orderId);

        theListShowsTheLastDeliveryAndTheFailure(url);
        bothScreensFitA390PixelPhoneAndPassAxeInBothThemes(url);
        removesTheWebhookAfterConfirming(url);
    }

    private void refusalsShowUnderTheirFields() {
        browser.type("webhook-url", "ftp://127.0.0.1/partner");
        browser.type("webhook-secret", "short");
        browser.byTestId("webhook-submit").click();
        assertThat(browser.visible("webhook-events-error").getText()).isEqualTo("Add at least one.");
        assertThat(browser.visible("webhook-secret-error").getText()).isEqualTo("Use 16 to 200 characters.");
        assertThat(browser.byTestId("webhook-secret").getAttribute("aria-invalid")).isEqualTo("true");

        browser.byTestId("webhook-event-order-confirmed").click();
        browser.byTestId("webhook-secret-generate").click();
        browser.byTestId("webhook-submit").click();
        assertThat(browser.visible("webhook-url-error").getText()).isEqualTo("Enter an http or https URL.");
        assertThat(browser.findElements(By.cssSelector("[data-testid=webhook-secret-error]")))
                .as("a generated secret is long enough").isEmpty();
    }

    private String addsTheWebhookAndSeesItsSecretOnce(String url) {
        String generated = browser.byTestId("webhook-secret").getAttribute("value");
        assertThat(generated).startsWith("whsec_").hasSizeGreaterThanOrEqualTo(40);
        browser.type("webhook-url", url);
        browser.byTestId("webhook-submit").click();

        browser.visible("webhook-created-secret-dialog");
        String secret = browser.byTestId("webhook-created-secret").getText();
        assertThat(secret).isEqualTo(generated);
        assertThat(browser.byTestId("webhook-created-secret-warning").getText()).contains("you will not see it again");
        browser.screenshot("01-secret-shown-once");
        browser.byTestId("webhook-created-secret-copy").click();
        browser.waitUntil(d -> !browser.byTestId("webhook-created-secret-copied").getText().isBlank());
        browser.byTestId("webhook-created-secret-close").click();
        browser.waitUntil(d -> d.findElements(By.cssSelector("[data-testid=webhook-created-secret-dialog]")).isEmpty());
        By row = webhookRow(url);
        browser.waitUntil(d -> !d.findElements(row).isEmpty());
        assertThat(browser.cell(row, "webhook-events-shown")).isEqualTo("order.confirmed");
        assertThat(browser.cell(row, "webhook-customer-shown")).isEqualTo("Every customer");
        assertThat(browser.cell(row, "webhook-last-delivery")).isEqualTo("No deliveries yet.");
        assertThat(browser.byTestId("webhook-secret").getAttribute("value")).as("the form is emptied").isEmpty();
        assertThat(String.valueOf(browser.js("return document.documentElement.outerHTML")))
                .as("the secret is gone with the dialog").doesNotContain(secret);
        return secret;
    }

    private String seesTheFailedDeliveryOnTheWebhooksPage(String url) {
        browser.findElement(webhookRow(url)).findElement(By.cssSelector("[data-testid=webhook-link]")).click();
        browser.visible("screen-admin-webhook");
        assertThat(browser.visible("webhook-url-shown").getText()).isEqualTo(url);
        By dead = By.cssSelector("[data-testid=delivery-row][data-status=DEAD]");
        browser.waitUntil(Duration.ofSeconds(60), d -> !d.findElements(dead).isEmpty());
        assertThat(browser.cell(dead, "delivery-last-answer")).isEqualTo("HTTP 500");
        assertThat(browser.cell(dead, "delivery-status")).isEqualTo("Given up");
        assertThat(browser.findElement(dead).getAttribute("data-attempts")).isEqualTo("1");
        assertThat(browser.findElement(dead).getText()).contains("order.confirmed");
        browser.screenshot("02-delivery-given-up");
        return browser.findElement(dead).getAttribute("data-delivery-id");
    }

    private void retriesItAndSeesItDeliveredWithoutAReload(String deliveryId) {
        browser.js("window.axleSamePage = true");
        By row = By.cssSelector("[data-testid=delivery-row][data-delivery-id='" + deliveryId + "']");
        browser.findElement(row).findElement(By.cssSelector("[data-testid=delivery-retry]")).click();
        browser.visible("delivery-retried");
        browser.waitUntil(d -> "DELIVERED".equals(d.findElement(row).getAttribute("data-status")));
        assertThat(browser.findElement(row).getAttribute("data-attempts")).isEqualTo("2");
        assertThat(browser.cell(row, "delivery-last-answer")).isEqualTo("HTTP 200");
        assertThat(browser.findElement(row).findElements(By.cssSelector("[data-testid=delivery-retry]"))).isEmpty();
        assertThat(browser.js("return window.axleSamePage === true")).as("the log was read again on its own")
                .isEqualTo(true);
        browser.findElement(row).findElement(By.cssSelector("[data-testid=delivery-attempts] summary")).click();
        assertThat(browser.findElement(row).findElements(By.cssSelector("[data-testid=delivery-attempt]")))
                .extracting(attempt -> attempt.getAttribute("data-status")).containsExactly("500", "200");
        browser.screenshot("03-delivered");
        Awaitility.await().atMost(PATIENCE).until(() -> receiver.posts(PATH).size() == 2);
    }

    private void theListShowsTheLastDeliveryAndTheFailure(String url) {
        browser.byTestId("back-to-webhooks").click();
        browser.visible("screen-admin-webhooks");
        By row = webhookRow(url);
        browser.waitUntil(d -> !d.findElements(row).isEmpty());
        assertThat(browser.cell(row, "webhook-last-delivery")).startsWith("Delivered");
        assertThat(browser.cell(row, "webhook-failures")).isEqualTo("1 failed attempt");
    }

    private void bothScreensFitA390PixelPhoneAndPassAxeInBothThemes(String url) {
        Accessibility axe = new Accessibility();
        browser.resize(390, 844);
        for (String screen : List.of("screen-admin-webhooks", "screen-admin-webhook")) {
            if (screen.equals("screen-admin-webhook")) {
                browser.findElement(webhookRow(url)).findElement(By.cssSelector("[data-testid=webhook-link]")).click();
                browser.visible("delivery-row");
            } else {
                browser.visible("webhook-row");
            }
            browser.visible(screen);
            axe.fitsItsWidthAndPassesInBothThemes(browser, screen);
            browser.screenshot("04-phone-dark-" + screen);
            browser.prefersDark(false);
        }
        browser.resize(1280, 1200);
        browser.byTestId("back-to-webhooks").click();
        browser.visible("screen-admin-webhooks");
    }

    private void removesTheWebhookAfterConfirming(String url) {
        By row = webhookRow(url);
        browser.waitUntil(d -> !d.findElements(row).isEmpty());
        String webhookId = browser.findElement(row).getAttribute("data-webhook-id");
        browser.findElement(row).findElement(By.cssSelector("[data-testid=webhook-remove]")).click();
        browser.visible("webhook-remove-keep").click();
        assertThat(browser.findElements(row)).as("kept").hasSize(1);
        browser.findElement(row).findElement(By.cssSelector("[data-testid=webhook-remove]")).click();
        browser.visible("webhook-remove-confirm").click();
        browser.visible("webhook-removed");
        browser.waitUntil(d -> d.findElements(row).isEmpty());
        AxleClient admin = axle.admin();
        assertThat(admin.get("/api/v1/webhooks/" + webhookId).status()).isEqualTo(404);
    }

    private static By webhookRow(String url) {
        return By.cssSelector("[data-testid=webhook-row][data-url='" + url + "']");
    }
}
