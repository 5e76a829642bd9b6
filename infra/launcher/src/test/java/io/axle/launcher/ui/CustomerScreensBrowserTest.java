package io.axle.launcher.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.axle.launcher.e2e.AxleClient;
import io.axle.launcher.e2e.RunningAxle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The customer screens in headless Chromium against the whole application: registering a customer with the country
 * and currency pickers and a billing address, their page (record, credit, what they owe, latest orders and invoices,
 * history), editing the record, a refusal under the field it concerns, the page of an erased customer, and the page
 * at 390 px and in both themes.
 */
class CustomerScreensBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS = Path.of("target", "ui-screenshots", "customers");

    private static ScreenFixture fixture;
    private static RunningAxle axle;
    private static Browser browser;
    private static Seeds.InvoicedOrder invoiced;

    @RegisterExtension
    final TestWatcher screenshotOnFailure = ScreenFixture.screenshotOnFailure(() -> browser);

    @BeforeAll
    static void startAxleAndBrowser() {
        fixture = ScreenFixture.start("customers", Map.of("axle.live-streams.max-per-caller", "100"), "1280,1200",
                PATIENCE, SCREENSHOTS);
        axle = fixture.axle();
        browser = fixture.browser();
        invoiced = Seeds.invoicedOrder(axle.admin());
    }

    @AfterAll
    static void stopEverything() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @BeforeEach
    void signedInInEnglish() {
        browser.resize(1280, 1200);
        fixture.openSignedIn("#/customers", "screen-customers");
    }

    @Test
    void aCustomerRegisteredWithThePickersAndABillingAddressHasAPageShowingTheirRecord() {
        browser.type("customer-name", "Carrosserie Weber");
        browser.type("customer-email", "buchhaltung@weber.example");
        browser.type("customer-phone", "+49 30 1234567");
        browser.choose("customer-country", "DE");
        browser.choose("customer-currency", "EUR");
        browser.type("customer-credit-limit", "2500");
        browser.type("customer-billing-street", "Hauptstraße 5");
        browser.type("customer-billing-postal-code", "10115");
        browser.type("customer-billing-city", "Berlin");
        browser.choose("customer-billing-country", "DE");
        assertThat(select("customer-country").getFirstSelectedOption().getText()).isEqualTo("Germany (DE)");
        browser.byTestId("customer-submit").click();

        browser.visible("customer-created-link").click();

        browser.visible("screen-customer");
        browser.waitUntil(d -> "Carrosserie Weber".equals(browser.visible("customer-title").getText()));
        assertThat(browser.visible("customer-phone-shown").getText()).isEqualTo("+49 30 1234567");
        assertThat(browser.byTestId("customer-country-shown").getText()).isEqualTo("Germany (DE)");
        assertThat(browser.byTestId("customer-address-shown").getText())
                .isEqualTo("Hauptstraße 5\n10115 Berlin\nGermany");
        assertThat(browser.byTestId("customer-credit-limit-shown").getText()).isEqualTo("€2,500.00");
        assertThat(browser.byTestId("customer-credit-used").getText()).isEqualTo("€0.00");
        assertThat(browser.visible("customer-owes-nothing").isDisplayed()).isTrue();
        assertThat(browser.visible("customer-no-orders").isDisplayed()).isTrue();
        browser.waitUntil(d -> history().size() == 1);
        assertThat(history().get(0).getAttribute("data-type")).isEqualTo("CustomerRegisteredEvent");
        assertThat(history().get(0).findElement(By.cssSelector("[data-testid=audit-type]")).getText())
                .isEqualTo("Customer registered");
    }

    @Test
    void editingTheRecordShowsTheNewValuesAndTheHistoryNamesWhatChanged() {
        String id = Seeds.customer(axle.admin(), "Garage Lefèvre", "compta@lefevre.example");
        open(id);
        browser.visible("customer-edit").click();
        browser.visible("customer-edit-form");
        browser.type("edit-phone", "+33 4 72 00 00 00");
        WebElement limit = browser.byTestId("edit-credit-limit");
        limit.clear();
        limit.sendKeys("7500");
        browser.type("edit-billing-street", "3 place Bellecour");
        browser.type("edit-billing-postal-code", "69002");
        browser.type("edit-billing-city", "Lyon");
        browser.choose("edit-billing-country", "FR");
        browser.byTestId("customer-edit-submit").click();

        browser.visible("customer-saved");
        browser.waitUntil(d -> "+33 4 72 00 00 00".equals(browser.byTestId("customer-phone-shown").getText()));
        browser.waitUntil(d -> "€7,500.00".equals(browser.byTestId("customer-credit-limit-shown").getText()));
        assertThat(browser.byTestId("customer-address-shown").getText()).startsWith("3 place Bellecour\n69002 Lyon");
        browser.waitUntil(d -> history().size() == 3);
        WebElement edited = history().stream()
                .filter(e -> "CustomerDetailsChangedEvent".equals(e.getAttribute("data-type"))).findFirst().orElseThrow();
        assertThat(edited.findElement(By.cssSelector("[data-testid=audit-type]")).getText()).isEqualTo("Record edited");
        assertThat(edited.findElements(By.cssSelector("[data-testid=audit-changes] tbody tr")))
                .extracting(row -> row.getAttribute("data-field")).containsExactly("phone", "billingAddress");
        assertThat(edited.findElement(By.cssSelector("[data-testid=audit-user]")).getText()).isEqualTo("admin");
        assertThat(history()).extracting(e -> e.getAttribute("data-type")).contains("CreditLimitChangedEvent");
    }

    @Test
    void aPhoneThatIsNotANumberIsRefusedInPlainWordsUnderThePhone() {
        open(Seeds.customer(axle.admin(), "Garage Morel", "compta@morel.example"));
        browser.visible("customer-edit").click();
        browser.type("edit-phone", "call me");
        browser.byTestId("customer-edit-submit").click();

        WebElement message = browser.visible("edit-phone-error");
        assertThat(message.getText()).startsWith("Enter a phone number");
        assertThat(browser.byTestId("edit-phone").getAttribute("aria-invalid")).isEqualTo("true");
    }

    @Test
    void thePageOfACustomerWithAnInvoicedOrderShowsWhatTheyOweAndTheirLatestOrderAndInvoice() {
        open(invoiced.customerId());

        browser.waitUntil(d -> !d.findElements(By.cssSelector("[data-testid=customer-owed]")).isEmpty());
        assertThat(browser.byTestId("customer-owed").getText()).isEqualTo("€60.00");
        assertThat(browser.visible("customer-order-row").getAttribute("data-order-id")).isEqualTo(invoiced.orderId());
        assertThat(browser.visible("customer-invoice-row").getAttribute("data-invoice-id"))
                .isEqualTo(invoiced.invoiceId());
        browser.byTestId("customer-order-row").findElement(By.tagName("a")).click();
        browser.visible("screen-order-detail");
    }

    @Test
    void inFrenchThePickersNameCountriesAndCurrenciesTheFrenchWay() {
        browser.js("localStorage.setItem('axle.lang', 'fr'); location.reload();");
        browser.visible("screen-customers");
        browser.waitUntil(d -> "fr".equals(browser.js("return document.documentElement.lang")));

        browser.choose("customer-country", "DE");
        browser.choose("customer-currency", "CHF");

        assertThat(select("customer-country").getFirstSelectedOption().getText()).isEqualTo("Allemagne (DE)");
        assertThat(select("customer-currency").getFirstSelectedOption().getText()).isEqualTo("franc suisse (CHF)");
    }

    @Test
    void theCustomerPageHasNoSeriousAccessibilityViolationWideAndAt390PixelsInBothThemes() {
        Accessibility axe = new Accessibility();
        for (int[] size : List.of(new int[] {1280, 1200}, new int[] {390, 844})) {
            browser.resize(size[0], size[1]);
            open(invoiced.customerId());
            browser.visible("customer-invoice-row");
            browser.waitUntil(d -> !history().isEmpty());
            assertThat(axe.seriousViolations(browser)).as("light, %d px", size[0]).isEmpty();
            browser.js("document.documentElement.dataset.theme = 'dark'");
            assertThat(axe.seriousViolations(browser)).as("dark, %d px", size[0]).isEmpty();
            browser.js("document.documentElement.dataset.theme = 'light'");
            assertThat(browser.js("return document.documentElement.scrollWidth <= window.innerWidth"))
                    .as("no sideways scrolling at %d px", size[0]).isEqualTo(true);
        }
        browser.screenshot("customer-390");
    }

    @Test
    void anErasedCustomersPageSaysSoWithoutTheirDataOrAnEditButtonAt390PixelsInBothThemes() {
        AxleClient admin = axle.admin();
        AxleClient.Answer registered = admin.post("/api/v1/customers", Map.of("name", "Garage Oubli",
                "email", "oubli@garage.example", "phone", "+33 1 44 55 66 77", "country", "FR", "currency", "EUR",
                "creditLimit", new BigDecimal("500.00")));
        String customerId = registered.body().get("id").asText();
        browser.waitUntil(d -> admin.get("/api/v1/customers/" + customerId).status() == 200);
        assertThat(admin.post("/api/v1/customers/" + customerId + "/erase", Map.of()).status()).isEqualTo(200);
        browser.waitUntil(d -> admin.get("/api/v1/customers/" + customerId).body().path("erased").asBoolean());
        Accessibility axe = new Accessibility();

        for (int[] size : List.of(new int[] {1280, 1200}, new int[] {390, 844})) {
            browser.resize(size[0], size[1]);
            browser.get(axle.baseUrl() + "/#/customers/" + customerId);
            browser.visible("customer-erased-badge");

            assertThat(browser.visible("customer-title").getText()).startsWith("Erased customer");
            assertThat(browser.visible("customer-email-shown").getText()).isEqualTo("Erased");
            assertThat(browser.visible("customer-phone-shown").getText()).isEqualTo("Erased");
            assertThat(browser.visible("customer-country-shown").getText()).contains("FR");
            assertThat(browser.findElements(By.cssSelector("[data-testid=customer-edit]"))).isEmpty();
            assertThat(browser.js("return document.body.innerText.includes('Oubli')")).isEqualTo(false);
            assertThat(axe.seriousViolations(browser)).as("light, %d px", size[0]).isEmpty();
            browser.js("document.documentElement.dataset.theme = 'dark'");
            assertThat(axe.seriousViolations(browser)).as("dark, %d px", size[0]).isEmpty();
            browser.js("document.documentElement.dataset.theme = 'light'");
        }
        browser.screenshot("customer-erased-390");
    }

    private void open(String customerId) {
        browser.get(axle.baseUrl() + "/#/customers/" + customerId);
        browser.visible("screen-customer");
        browser.visible("customer-phone-shown");
    }

    private static Select select(String testId) {
        return new Select(browser.visible(testId));
    }

    private static List<WebElement> history() {
        return browser.findElements(By.cssSelector("[data-testid=customer-history] [data-testid=audit-entry]"));
    }
}
