package io.axle.launcher.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.axle.launcher.e2e.AxleClient;
import io.axle.launcher.e2e.AxleClient.Answer;
import io.axle.launcher.e2e.RunningAxle;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The catalogue screens in headless Chromium against the whole application: adding and finding products, a product's
 * price history (and the previous price on the list) and discontinuation, placing an order with SKUs chosen from
 * suggestions and a quote that the invoice repeats, refusals under the line they concern, the price field kept from
 * those who may not override, low stock shown live on the stock screen (with a search and a sort set too), receiving
 * stock for a suggested SKU, and the screens at 390 px and in both themes.
 */
class ProductScreensBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS = Path.of("target", "ui-screenshots", "products");

    private static ScreenFixture fixture;
    private static RunningAxle axle;
    private static AxleClient admin;
    private static Browser browser;
    private static String customerId;

    @RegisterExtension
    final TestWatcher screenshotOnFailure = ScreenFixture.screenshotOnFailure(() -> browser);

    @BeforeAll
    static void startAxleAndBrowser() {
        fixture = ScreenFixture.start("products", Map.of("axle.live-streams.max-per-caller", "100"), "1280,1200",
                PATIENCE, SCREENSHOTS);
        axle = fixture.axle();
        admin = axle.admin();
        browser = fixture.browser();
        customerId = Seeds.customer(admin, "Garage Rousseau", "compta@rousseau.example");
    }

    @AfterAll
    static void stopEverything() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @BeforeEach
    void signedInAsAdminInEnglish() {
        browser.resize(1280, 1200);
        signIn("admin", RunningAxle.ADMIN_PASSWORD);
    }

    @Test
    void aProductAddedInTheFormIsListedAndFoundBySearch() {
        String sku = sku("WIPER");
        open("#/products", "screen-products");
        browser.type("product-sku", sku);
        browser.type("product-name", "Wiper blade, 600 mm");
        browser.type("product-unit-price", "12.40");
        browser.choose("product-currency", "EUR");
        browser.choose("product-vat-category", "STANDARD");
        browser.type("product-reorder-point", "4");
        browser.byTestId("product-submit").click();

        browser.visible("product-created");
        By row = productRow(sku);
        browser.waitUntil(d -> !d.findElements(row).isEmpty());
        assertThat(browser.cell(row, "product-name")).isEqualTo("Wiper blade, 600 mm");
        assertThat(browser.cell(row, "product-price")).isEqualTo("€12.40");
        assertThat(browser.cell(row, "product-status")).isEqualTo("Active");

        product(sku("BULB"), "Bulb H7", "3.10", "STANDARD", null);
        browser.type("products-search", "wiper blade, 600");
        browser.byTestId("products-apply").click();
        browser.waitUntil(d -> d.findElements(By.cssSelector("[data-testid=product-row]")).size() == 1);
        assertThat(browser.findElement(By.cssSelector("[data-testid=product-row]")).getAttribute("data-sku"))
                .isEqualTo(sku);
        assertThat(browser.getCurrentUrl()).contains("#/products?q=");
    }

    @Test
    void changingThePriceKeepsTheOldOneInTheHistoryAndTheEventsSayWhoChangedIt() {
        String sku = sku("FILTER");
        product(sku, "Oil filter", "8.00", "STANDARD", null);
        open("#/products/" + sku, "screen-product");
        browser.waitUntil(d -> "€8.00".equals(browser.byTestId("product-price-shown").getText()));

        browser.visible("change-price").click();
        browser.type("new-price", "9.50");
        browser.byTestId("price-confirm").click();

        browser.visible("product-action-done");
        browser.waitUntil(d -> "€9.50".equals(browser.byTestId("product-price-shown").getText()));
        assertThat(browser.findElements(By.cssSelector("[data-testid=price-row] [data-testid=price-value]")))
                .extracting(WebElement::getText).containsExactly("€9.50", "€8.00");
        assertThat(browser.findElements(By.cssSelector("[data-testid=price-chart] circle"))).hasSize(2);
        browser.waitUntil(d -> history().stream()
                .anyMatch(e -> "ProductPriceChangedEvent".equals(e.getAttribute("data-type"))));
        WebElement changed = history().get(0);
        assertThat(changed.findElement(By.cssSelector("[data-testid=audit-type]")).getText()).isEqualTo("Price changed");
        assertThat(changed.findElement(By.cssSelector("[data-testid=audit-user]")).getText()).isEqualTo("admin");

        open("#/products?q=" + sku, "screen-products");
        By row = productRow(sku);
        browser.waitUntil(d -> !d.findElements(row).isEmpty());
        assertThat(browser.findElement(row).findElement(By.cssSelector("[data-testid=product-previous-price]"))
                .getText()).as("the price before the change, on the list").isEqualTo("was €8.00");
    }

    @Test
    void aDiscontinuedProductIsAskedToConfirmAndThenNoLongerOfferedWhenPlacingAnOrder() {
        String family = "CLUTCH-" + UUID.randomUUID().toString().substring(0, 4).toUpperCase();
        String kept = family + "-A";
        String dropped = family + "-B";
        product(kept, "Clutch kit A", "150.00", "STANDARD", null);
        product(dropped, "Clutch kit B", "160.00", "STANDARD", null);
        open("#/products/" + dropped, "screen-product");
        browser.visible("discontinue").click();
        assertThat(browser.visible("discontinue-question").getText()).contains("Clutch kit B");
        assertThat(admin.get("/api/v1/products/" + dropped).body().get("status").asText())
                .as("nothing happens before it is confirmed").isEqualTo("ACTIVE");
        browser.byTestId("discontinue-confirm").click();
        browser.waitUntil(d -> "DISCONTINUED".equals(browser.byTestId("product-status-shown").getAttribute("data-status")));
        assertThat(browser.findElements(By.cssSelector("[data-testid=discontinue]"))).isEmpty();

        openPlaceOrder();
        browser.type("line-sku", family);
        browser.waitUntil(d -> !options().isEmpty());
        assertThat(options()).extracting(o -> o.getAttribute("data-sku")).containsExactly(kept);
    }

    @Test
    void skusChosenByKeyboardAreQuotedWithTheirVatAndTheInvoiceStatesTheQuotedTotal() {
        String family = "BRAKE-" + UUID.randomUUID().toString().substring(0, 4).toUpperCase();
        String pads = family + "-PAD";
        String manual = family + "-MANUAL";
        product(pads, "Brake pads, ceramic", "24.90", "STANDARD", null);
        product(manual, "Brake repair manual", "19.99", "SECOND_REDUCED", null);
        receive(pads, 20);
        receive(manual, 5);

        openPlaceOrder();
        new Select(browser.byTestId("order-customer")).selectByValue(customerId);
        WebElement sku = browser.visible("line-sku");
        sku.sendKeys(family);
        browser.waitUntil(d -> options().size() == 2);
        assertThat(sku.getAttribute("aria-expanded")).isEqualTo("true");
        assertThat(options().get(1).getText()).contains("Brake pads, ceramic").contains("€24.90").contains("20 available");
        sku.sendKeys(Keys.ARROW_DOWN, Keys.ARROW_DOWN);
        assertThat(sku.getAttribute("aria-activedescendant")).isEqualTo(options().get(1).getAttribute("id"));
        sku.sendKeys(Keys.ENTER);
        assertThat(sku.getDomProperty("value")).isEqualTo(pads);
        assertThat(sku.getAttribute("aria-expanded")).isEqualTo("false");
        assertThat(browser.byTestId("line-unit-price").getAttribute("placeholder")).isEqualTo("24.90");
        browser.type("line-quantity", "3");

        browser.byTestId("add-line").click();
        WebElement second = browser.findElements(By.cssSelector("[data-testid=line-sku]")).get(1);
        second.sendKeys("manual");
        browser.waitUntil(d -> options().size() == 1);
        second.sendKeys(Keys.ESCAPE);
        browser.waitUntil(d -> "false".equals(second.getAttribute("aria-expanded")));
        second.sendKeys(Keys.ARROW_DOWN);
        browser.waitUntil(d -> "true".equals(second.getAttribute("aria-expanded")));
        second.sendKeys(Keys.ARROW_DOWN, Keys.ENTER);
        assertThat(second.getDomProperty("value")).isEqualTo(manual);

        browser.waitUntil(d -> browser.findElements(By.cssSelector("[data-testid=quote-tax]")).size() == 2);
        assertThat(browser.findElements(By.cssSelector("[data-testid=line-net]")))
                .extracting(WebElement::getText).containsExactly("€74.70", "€19.99");
        assertThat(browser.findElements(By.cssSelector("[data-testid=line-product]")))
                .extracting(WebElement::getText).containsExactly("Brake pads, ceramic", "Brake repair manual");
        String quoted = browser.byTestId("order-form-total").getText();
        assertThat(quoted).isEqualTo("€110.73");
        assertThat(browser.byTestId("quote-total-tax").getText()).isEqualTo("€16.04");

        browser.type("order-address-street", "8 rue Garibaldi");
        browser.type("order-address-city", "Lyon");
        browser.type("order-address-postalCode", "69006");
        browser.screenshot("place-order-quoted");
        browser.byTestId("order-submit").click();
        String orderId = browser.visible("screen-order-detail").getAttribute("data-order-id");

        JsonInvoice invoice = issuedInvoiceOf(orderId);
        assertThat(invoice.totalInclTax()).isEqualByComparingTo("110.73");
        assertThat(invoice.totalTax()).isEqualByComparingTo("16.04");
    }

    @Test
    void anUnknownSkuIsRefusedAtOnceUnderItsField() {
        openPlaceOrder();
        new Select(browser.byTestId("order-customer")).selectByValue(customerId);
        browser.type("line-sku", "NO-SUCH-PART");

        WebElement message = browser.visible("line-sku-error");
        assertThat(message.getText()).isEqualTo("This SKU is not in the catalogue.");
        assertThat(browser.byTestId("line-sku").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(message.getAttribute("data-field")).isEqualTo("lines[0].sku");
    }

    @Test
    void whoMayNotOverridePricesSeesNoPriceField() {
        String username = "ana-" + UUID.randomUUID().toString().substring(0, 8);
        Answer created = admin.post("/api/v1/users", Map.of("username", username, "password", "analyst-pass-1",
                "roles", List.of("analyst")));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        signIn(username, "analyst-pass-1");

        openPlaceOrder();
        assertThat(browser.findElements(By.cssSelector("[data-testid=line-unit-price]"))).isEmpty();
        signIn("admin", RunningAxle.ADMIN_PASSWORD);
        openPlaceOrder();
        assertThat(browser.findElements(By.cssSelector("[data-testid=line-unit-price]"))).hasSize(1);
    }

    @Test
    void theStockScreenShowsTheProductAndTurnsLowLiveWhenAnOrderTakesItUnderTheReorderPoint() {
        String sku = sku("BELT");
        product(sku, "Timing belt", "45.00", "STANDARD", 5);
        receive(sku, 8);
        open("#/stock", "screen-stock");
        By row = By.cssSelector("[data-testid=stock-row][data-sku='" + sku + "']");
        browser.waitUntil(d -> !d.findElements(row).isEmpty());
        assertThat(browser.cell(row, "stock-name")).isEqualTo("Timing belt");
        assertThat(browser.cell(row, "stock-price")).isEqualTo("€45.00");
        assertThat(browser.cell(row, "stock-reorder-point")).isEqualTo("5");
        assertThat(browser.findElement(row).getAttribute("data-low")).isEqualTo("false");
        browser.waitUntil(d -> "on".equals(browser.byTestId("stock-live").getAttribute("data-state")));
        browser.js("window.axleSamePage = true");

        placeOrder(sku, 4);

        browser.waitUntil(d -> "true".equals(d.findElement(row).getAttribute("data-low")));
        assertThat(browser.cell(row, "stock-available")).isEqualTo("4");
        assertThat(browser.cell(row, "stock-state")).as("said in words, not colour alone").isEqualTo("Low stock");
        assertThat(browser.js("return window.axleSamePage === true")).as("updated live, without a reload").isEqualTo(true);
    }

    @Test
    void withASearchAndASortSetTheStockScreenStillTurnsARowLowLiveButAddsNoRowThatMayNotBelong() {
        String family = "HOSE-" + UUID.randomUUID().toString().substring(0, 4).toUpperCase();
        String sku = family + "-A";
        String other = sku("CABLE");
        product(sku, "Radiator hose", "18.00", "STANDARD", 3);
        receive(sku, 6);
        open("#/stock?q=" + family.toLowerCase() + "&sort=available,desc", "screen-stock");
        By row = By.cssSelector("[data-testid=stock-row][data-sku='" + sku + "']");
        browser.waitUntil(d -> d.findElements(By.cssSelector("[data-testid=stock-row]")).size() == 1
                && !d.findElements(row).isEmpty());
        assertThat(browser.byTestId("stock-sort-available").findElement(By.xpath("..")).getAttribute("aria-sort"))
                .isEqualTo("descending");
        browser.waitUntil(d -> "on".equals(browser.byTestId("stock-live").getAttribute("data-state")));
        browser.js("window.axleSamePage = true");

        receive(other, 7);
        placeOrder(sku, 3);

        browser.waitUntil(d -> "true".equals(d.findElement(row).getAttribute("data-low")));
        assertThat(browser.cell(row, "stock-available")).isEqualTo("3");
        assertThat(browser.cell(row, "stock-state")).isEqualTo("Low stock");
        assertThat(browser.findElements(By.cssSelector("[data-testid=stock-row]")))
                .as("a level outside the search is not added by the stream").hasSize(1);
        assertThat(browser.js("return window.axleSamePage === true")).as("updated live, without a reload").isEqualTo(true);
    }

    @Test
    void stockIsReceivedForASkuChosenFromSuggestionsAndCorrectingASkuNeverReceivedIsRefusedUnderItsField() {
        String family = "PUMP-" + UUID.randomUUID().toString().substring(0, 4).toUpperCase();
        String sku = family + "-W";
        product(sku, "Water pump", "72.00", "STANDARD", null);
        open("#/stock", "screen-stock");

        WebElement receiveSku = browser.visible("receive-sku");
        receiveSku.sendKeys(family);
        browser.waitUntil(d -> options().size() == 1);
        assertThat(options().get(0).getText()).contains("Water pump").contains("€72.00");
        receiveSku.sendKeys(Keys.ARROW_DOWN, Keys.ENTER);
        assertThat(receiveSku.getDomProperty("value")).isEqualTo(sku);
        browser.type("receive-quantity", "9");
        browser.byTestId("receive-form-submit").click();
        By row = By.cssSelector("[data-testid=stock-row][data-sku='" + sku + "']");
        browser.waitUntil(d -> !d.findElements(row).isEmpty() && "9".equals(browser.cell(row, "stock-on-hand")));
        assertThat(browser.cell(row, "stock-name")).isEqualTo("Water pump");

        browser.type("correct-sku", family + "-NEVER");
        browser.type("correct-quantity", "2");
        browser.type("correct-reason", "found on a shelf");
        browser.byTestId("correct-form-submit").click();
        WebElement message = browser.visible("correct-sku-error");
        assertThat(message.getAttribute("data-rule")).isEqualTo("must-exist");
        assertThat(browser.byTestId("correct-sku").getAttribute("aria-invalid")).isEqualTo("true");
    }

    @Test
    void theCatalogueScreensHaveNoSeriousAccessibilityViolationWideAndAt390PixelsInBothThemes() {
        String sku = sku("MIRROR");
        product(sku, "Wing mirror, left", "64.00", "STANDARD", 2);
        receive(sku, 3);
        Accessibility axe = new Accessibility();
        for (int[] size : List.of(new int[] {1280, 1200}, new int[] {390, 844})) {
            browser.resize(size[0], size[1]);
            for (String[] screen : List.of(
                    new String[] {"#/products?q=mirror&sort=name,asc", "screen-products", "product-row"},
                    new String[] {"#/products/" + sku, "screen-product", "price-row"},
                    new String[] {"#/stock?q=mirror&sort=available,desc", "screen-stock", "stock-row"},
                    new String[] {"#/orders/new", "screen-place-order", "order-line"})) {
                open(screen[0], screen[1]);
                browser.visible(screen[2]);
                if (screen[0].equals("#/orders/new")) {
                    new Select(browser.byTestId("order-customer")).selectByValue(customerId);
                    browser.type("line-sku", sku);
                    browser.waitUntil(d -> !options().isEmpty());
                    browser.visible("quote-table");
                }
                assertThat(axe.seriousViolations(browser)).as("%s light, %d px", screen[0], size[0]).isEmpty();
                browser.js("document.documentElement.dataset.theme = 'dark'");
                assertThat(axe.seriousViolations(browser)).as("%s dark, %d px", screen[0], size[0]).isEmpty();
                browser.screenshot(screen[1] + "-dark-" + size[0]);
                browser.js("document.documentElement.dataset.theme = 'light'");
                assertThat(browser.js("return document.documentElement.scrollWidth <= window.innerWidth"))
                        .as("%s needs no sideways scrolling at %d px", screen[0], size[0]).isEqualTo(true);
            }
        }
    }

    // --- the browser -----------------------------------------------------------------------------

    private static void signIn(String username, String password) {
        browser.get(axle.baseUrl() + "/");
        browser.js("sessionStorage.clear(); localStorage.removeItem('axle.lang'); localStorage.removeItem('axle.theme');");
        browser.get(axle.baseUrl() + "/#/signin");
        browser.js("location.reload()");
        browser.visible("screen-signin");
        browser.type("signin-username", username);
        browser.type("signin-password", password);
        browser.byTestId("signin-submit").click();
        browser.visible("screen-orders");
    }

    private static void open(String hash, String screenTestId) {
        browser.get(axle.baseUrl() + "/" + hash);
        browser.visible(screenTestId);
    }

    private static void openPlaceOrder() {
        open("#/orders/new", "screen-place-order");
        browser.waitUntil(d -> new Select(browser.byTestId("order-customer")).getOptions().stream()
                .anyMatch(o -> customerId.equals(o.getAttribute("value"))));
    }

    private static List<WebElement> options() {
        return browser.findElements(By.cssSelector("[data-testid=sku-options]:not([hidden]) [data-testid=sku-option]"));
    }

    private static List<WebElement> history() {
        return browser.findElements(By.cssSelector("[data-testid=product-history] [data-testid=audit-entry]"));
    }

    private static By productRow(String sku) {
        return By.cssSelector("[data-testid=product-row][data-sku='" + sku + "']");
    }

    // --- data through the API ----------------------------------------------------------------------

    private static String sku(String family) {
        return family + "-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    }

    /** Adds a product in EUR and waits until the catalogue shows it. */
    private static void product(String sku, String name, String unitPrice, String vatCategory, Integer reorderPoint) {
        Map<String, Object> body = new HashMap<>(Map.of("sku", sku, "name", name, "unitPrice", new BigDecimal(unitPrice),
                "currency", "EUR", "vatCategory", vatCategory));
        if (reorderPoint != null) {
            body.put("reorderPoint", reorderPoint);
        }
        Answer created = admin.post("/api/v1/products", body);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        await(() -> admin.get("/api/v1/products/" + sku).status() == 200);
    }

    /** Places an order of the customer for {@code quantity} of {@code sku} at its catalogue price. */
    private static void placeOrder(String sku, int quantity) {
        Answer placed = admin.post("/api/v1/orders", Map.of("customerId", customerId, "currency", "EUR",
                "lines", List.of(Map.of("sku", sku, "quantity", quantity)),
                "shippingAddress", Map.of("recipient", "Garage Rousseau", "street", "1 rue Neuve", "city", "Lyon",
                        "postalCode", "69001", "country", "FR")));
        assertThat(placed.status()).as(placed.raw().body()).isEqualTo(202);
    }

    private static void receive(String sku, int quantity) {
        assertThat(admin.post("/api/v1/stock/" + sku + "/receipts", Map.of("quantity", quantity)).status()).isEqualTo(202);
        await(() -> {
            Answer level = admin.get("/api/v1/stock/" + sku);
            return level.status() == 200 && level.body().get("onHand").asInt() == quantity;
        });
    }

    private record JsonInvoice(BigDecimal totalTax, BigDecimal totalInclTax) {
    }

    /** The invoice of the order once issued (orders are invoiced by themselves once confirmed). */
    private static JsonInvoice issuedInvoiceOf(String orderId) {
        JsonInvoice[] issued = new JsonInvoice[1];
        await(() -> {
            Answer page = admin.get("/api/v1/invoices?orderId=" + orderId);
            if (page.status() != 200 || page.body().get("content").isEmpty()
                    || !"ISSUED".equals(page.body().at("/content/0/status").asText())) {
                return false;
            }
            Answer invoice = admin.get("/api/v1/invoices/" + page.body().at("/content/0/invoiceId").asText());
            issued[0] = new JsonInvoice(invoice.body().get("totalTax").decimalValue(),
                    invoice.body().get("totalInclTax").decimalValue());
            return true;
        });
        return issued[0];
    }

    private static void await(BooleanSupplier condition) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(condition::getAsBoolean);
    }
}
