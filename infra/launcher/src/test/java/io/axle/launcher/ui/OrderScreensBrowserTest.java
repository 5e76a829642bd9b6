package io.axle.launcher.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axle.launcher.AxleApplication;
import io.axle.launcher.e2e.AxleClient;
import io.axle.launcher.e2e.Catalogue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Drives the order screens in headless Chromium against the whole application: sign in, place an order,
 * watch it become CONFIRMED live, find it in the list and see its stock reserved.
 */
@SpringBootTest(classes = AxleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"axle.security.admin-password=" + OrderScreensBrowserTest.ADMIN_PASSWORD,
                "axle.kafka.embedded.port=0", "axle.mqtt.embedded.port=0"})
@DirtiesContext
class OrderScreensBrowserTest {

    static final String ADMIN_PASSWORD = "ui-admin-secret";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS = Path.of("target", "ui-screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How an order number is spelt: SO-2026-000001. */
    private static final String ORDER_NUMBER = "SO-\\d{4}-\\d{6,}";

    private static Browser browser;

    @RegisterExtension
    final TestWatcher screenshotOnFailure = ScreenFixture.screenshotOnFailure(() -> browser);

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory("axle-ui-data");
        registry.add("axle.data-dir", dataDir::toString);
    }

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = Browser.start(Files.createTempDirectory("axle-ui-chromium"), "1280,1000", PATIENCE, SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void placedOrderBecomesConfirmedLiveAndShowsInListAndStock() throws Exception {
        String token = token();
        String customerId = seedCustomer(token, "Garage Dupont " + suffix());
        String sku = "BRK-" + suffix();
        seedStock(token, sku, 10);

        signIn();
        String orderId = placeOrderInForm(customerId, sku);
        String number = seesOrderConfirmedLiveWithHistoryAndAudit(orderId);
        seesOrderInList(orderId, number);
        seesStock(sku, 10, 2, 8);
        receivesStockInForm(sku, 5);
        seesStock(sku, 15, 2, 13);
        createsCustomerInForm(customerId);
        opensOrderListLive();
        String secondOrderId = placeOrderThroughApi(token, customerId, sku);
        seesOrderArriveLiveInListAndOpensIt(secondOrderId);
        shipsAndDelivers(secondOrderId);
        signsOutAndIsSentBackToSignInOn401();
    }

    private void signIn() {
        browser.get(baseUrl() + "/");
        browser.visible("screen-signin");
        browser.screenshot("01-signin");
        browser.type("signin-username", "admin");
        browser.type("signin-password", ADMIN_PASSWORD);
        browser.byTestId("signin-submit").click();
        browser.visible("screen-orders");
        assertThat(browser.byTestId("current-user").getText()).isEqualTo("admin");
    }

    /** Fills the place-order form (after a refused empty submission) and answers the id of the page it lands on. */
    private String placeOrderInForm(String customerId, String sku) {
        browser.byTestId("nav-place-order").click();
        browser.visible("screen-place-order");
        browser.waitUntil(d -> new Select(browser.byTestId("order-customer")).getOptions().stream()
                .anyMatch(o -> customerId.equals(o.getAttribute("value"))));

        browser.byTestId("order-submit").click();
        assertThat(browser.visible("order-problem-title").getText()).as("an empty form is refused with a problem").isNotBlank();

        browser.choose("order-customer", customerId);
        assertThat(browser.byTestId("order-currency").getDomProperty("value")).as("the customer's currency").isEqualTo("EUR");
        browser.type("line-sku", sku);
        browser.type("line-quantity", "2");
        browser.type("line-unit-price", "12.50");
        browser.type("order-address-street", "12 rue des Lilas");
        browser.type("order-address-city", "Lyon");
        browser.type("order-address-postalCode", "69003");
        browser.screenshot("02-place-order");
        browser.byTestId("order-submit").click();

        String orderId = browser.visible("screen-order-detail").getAttribute("data-order-id");
        assertThat(orderId).isNotBlank();
        assertThat(browser.getCurrentUrl()).endsWith("#/orders/" + orderId);
        return orderId;
    }

    /** Answers the number the order is shown by. */
    private String seesOrderConfirmedLiveWithHistoryAndAudit(String orderId) {
        browser.waitUntil(d -> "CONFIRMED".equals(browser.byTestId("order-status").getAttribute("data-status")));
        browser.waitUntil(d -> "on".equals(browser.byTestId("order-live").getAttribute("data-state")));
        String number = shownByItsNumber(orderId);
        assertThat(browser.byTestId("order-total").getText()).contains("25.00");
        assertThat(browser.findElements(By.cssSelector("[data-testid=order-line-row]"))).hasSize(1);
        browser.waitUntil(d -> browser.findElements(By.cssSelector("[data-testid=timeline-entry][data-status=CONFIRMED]")).size() == 1);
        assertThat(browser.findElements(By.cssSelector("[data-testid=timeline-entry]")))
                .extracting(e -> e.getAttribute("data-status"))
                .startsWith("PLACED").endsWith("CONFIRMED");
        browser.waitUntil(d -> browser.findElements(By.cssSelector("[data-testid=audit-entry][data-type=OrderConfirmedEvent]")).size() == 1);
        WebElement placed = browser.findElement(By.cssSelector("[data-testid=audit-entry][data-type=OrderPlacedEvent]"));
        assertThat(placed.findElement(By.cssSelector("[data-testid=audit-user]")).getText()).isEqualTo("admin");
        assertThat(placed.findElement(By.cssSelector("[data-testid=audit-correlation]")).getText()).isNotBlank();
        assertThat(placed.findElement(By.cssSelector("[data-testid=audit-type]")).getText()).isEqualTo("Order placed");
        assertThat(placed.findElement(By.cssSelector("tr[data-field=currency] td:first-child")).getText()).isEqualTo("Currency");
        assertThat(placed.findElement(By.cssSelector("tr[data-field=currency] [data-testid=audit-value]")).getText()).isEqualTo("EUR");
        assertThat(browser.findElements(By.cssSelector("[data-testid=audit-entry]")).get(0).getAttribute("data-type"))
                .as("newest first").isEqualTo("OrderConfirmedEvent");
        assertThat(browser.findElement(By.cssSelector("[data-testid=audit-entry][data-type=OrderConfirmedEvent] [data-testid=audit-type]"))
                .getText()).isEqualTo("Order confirmed");
        assertThat(browser.findElements(By.cssSelector("[data-testid=ship-order]"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("[data-testid=deliver-order]"))).isEmpty();
        browser.screenshot("03-order-detail");
        return number;
    }

    /** The order detail's header shows the order's number, with its id as the title; answers the number. */
    private String shownByItsNumber(String orderId) {
        WebElement header = browser.byTestId("order-id");
        assertThat(header.getAttribute("title")).isEqualTo(orderId);
        assertThat(header.getText()).as("the header names the order by its number").matches(ORDER_NUMBER);
        return header.getText();
    }

    private void seesOrderInList(String orderId, String number) {
        browser.byTestId("nav-orders").click();
        browser.visible("screen-orders");
        By row = By.cssSelector("[data-testid=order-row][data-order-id='" + orderId + "']");
        browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(row));
        assertThat(browser.findElement(row).getAttribute("data-status")).isEqualTo("CONFIRMED");
        assertThat(browser.findElement(row).findElement(By.cssSelector("[data-testid=order-link]")).getText())
                .as("the row names the order by its number").isEqualTo(number);
        browser.screenshot("04-orders");
    }

    private void seesStock(String sku, int onHand, int reserved, int available) {
        if (browser.findElements(By.cssSelector("[data-testid=screen-stock]")).isEmpty()) {
            browser.byTestId("nav-stock").click();
            browser.visible("screen-stock");
        }
        By row = By.cssSelector("[data-testid=stock-row][data-sku='" + sku + "']");
        String expected = onHand + "/" + reserved + "/" + available;
        browser.waitUntil(d -> expected.equals(browser.cell(row, "stock-on-hand") + "/" + browser.cell(row, "stock-reserved") + "/" + browser.cell(row, "stock-available")));
        browser.screenshot("05-stock");
    }

    private void receivesStockInForm(String sku, int quantity) {
        browser.type("receive-sku", sku);
        browser.type("receive-quantity", String.valueOf(quantity));
        browser.byTestId("receive-form-submit").click();
        browser.visible("receive-form-done");
    }

    private void createsCustomerInForm(String existingCustomerId) {
        browser.byTestId("nav-customers").click();
        browser.visible("screen-customers");
        browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-testid=customer-row][data-customer-id='" + existingCustomerId + "']")));
        browser.type("customer-name", "Atelier Martin");
        browser.type("customer-email", "contact@martin.example");
        browser.choose("customer-country", "FR");
        browser.choose("customer-currency", "EUR");
        browser.type("customer-credit-limit", "2500");
        browser.byTestId("customer-submit").click();
        browser.visible("customer-created");
        browser.waitUntil(d -> browser.findElements(By.cssSelector("[data-testid=customer-row]")).stream()
                .anyMatch(r -> r.getText().contains("Atelier Martin")));
        browser.screenshot("06-customers");
    }

    private void opensOrderListLive() {
        browser.byTestId("nav-orders").click();
        browser.visible("screen-orders");
        browser.waitUntil(d -> "on".equals(browser.byTestId("orders-live").getAttribute("data-state")));
        browser.js("window.axleSamePage = true");
    }

    /** Expects an order placed elsewhere after the list opened to appear there as CONFIRMED without a reload. */
    private void seesOrderArriveLiveInListAndOpensIt(String orderIdPlacedMeanwhile) {
        By row = By.cssSelector("[data-testid=order-row][data-order-id='" + orderIdPlacedMeanwhile + "'][data-status=CONFIRMED]");
        browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(row));
        assertThat(browser.js("return window.axleSamePage === true")).as("the row arrived live, without a reload").isEqualTo(true);
        browser.findElement(row).click();
        browser.visible("screen-order-detail");
    }

    private void shipsAndDelivers(String orderId) {
        browser.waitUntil(d -> browser.byTestId("order-id").getText().matches(ORDER_NUMBER));
        shownByItsNumber(orderId);
        browser.waitUntil(d -> "CONFIRMED".equals(browser.byTestId("order-status").getAttribute("data-status")));
        browser.visible("ship-order").click();
        browser.waitUntil(d -> "SHIPPED".equals(browser.byTestId("order-status").getAttribute("data-status")));
        browser.visible("deliver-order").click();
        browser.waitUntil(d -> "DELIVERED".equals(browser.byTestId("order-status").getAttribute("data-status")));
        assertThat(browser.findElements(By.cssSelector("[data-testid=order-actions] button"))).isEmpty();
        browser.screenshot("07-order-delivered");
    }

    private void signsOutAndIsSentBackToSignInOn401() {
        browser.byTestId("sign-out").click();
        browser.visible("screen-signin");
        assertThat(browser.js("return sessionStorage.getItem('axle.token')")).isNull();

        browser.js("sessionStorage.setItem('axle.token', 'not-a-valid-token')");
        browser.get(baseUrl() + "/#/stock");
        assertThat(browser.visible("signin-message").getText()).as("a 401 leads back to sign-in").contains("sign in again");
        assertThat(browser.getCurrentUrl()).endsWith("#/signin");
    }

    // --- seeding through the HTTP API -------------------------------------------------------------

    private String token() throws Exception {
        JsonNode answer = call("POST", "/api/v1/auth/token", null, Map.of("username", "admin", "password", ADMIN_PASSWORD));
        return answer.get("access_token").asText();
    }

    private String seedCustomer(String token, String name) throws Exception {
        JsonNode created = call("POST", "/api/v1/customers", token, Map.of(
                "name", name, "email", "orders@dupont.example", "country", "FR", "currency", "EUR", "creditLimit", 1000));
        String id = created.hasNonNull("id") ? created.get("id").asText() : created.get("customerId").asText();
        eventually(() -> call("GET", "/api/v1/customers/" + id, token, null), n -> n != null && id.equals(n.path("customerId").asText()));
        return id;
    }

    /** Adds {@code sku} to the catalogue and receives {@code quantity} of it. */
    private void seedStock(String token, String sku, int quantity) throws Exception {
        Catalogue.add(new AxleClient(baseUrl()).withToken(token), sku);
        call("POST", "/api/v1/stock/" + sku + "/receipts", token, Map.of("quantity", quantity));
        eventually(() -> call("GET", "/api/v1/stock/" + sku, token, null), n -> n != null && n.path("onHand").asInt() == quantity);
    }

    private String placeOrderThroughApi(String token, String customerId, String sku) throws Exception {
        JsonNode accepted = call("POST", "/api/v1/orders", token, Map.of(
                "customerId", customerId, "currency", "EUR",
                "lines", List.of(Map.of("sku", sku, "quantity", 1, "unitPrice", 40)),
                "shippingAddress", Map.of("recipient", "Atelier Martin", "street", "3 quai Perrache",
                        "city", "Lyon", "postalCode", "69002", "country", "FR")));
        return accepted.get("orderId").asText();
    }

    private JsonNode call(String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString());
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404 && "GET".equals(method)) {
            return null;
        }
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private interface Call {
        JsonNode run() throws Exception;
    }

    /** Repeats a read until the read model shows what the test wrote, as projections catch up asynchronously. */
    private static void eventually(Call call, Predicate<JsonNode> done) throws Exception {
        Instant end = Instant.now().plus(PATIENCE);
        JsonNode last = null;
        while (Instant.now().isBefore(end)) {
            last = call.run();
            if (done.test(last)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("read model never caught up; last answer: " + last);
    }

    // --- helpers -----------------------------------------------------------------------------------

    private String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }
}
