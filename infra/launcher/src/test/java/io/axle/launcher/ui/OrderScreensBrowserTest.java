package io.axle.launcher.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axle.launcher.AxleApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
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

    private static WebDriver browser;
    private static Path browserProfile;

    @RegisterExtension
    final TestWatcher screenshotOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            screenshot("failure-" + context.getRequiredTestMethod().getName());
        }
    };

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory("axle-ui-data");
        registry.add("axle.data-dir", dataDir::toString);
    }

    @BeforeAll
    static void startBrowser() throws IOException {
        System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        browserProfile = Files.createTempDirectory("axle-ui-chromium");
        ChromeOptions options = new ChromeOptions()
                .setBinary("/usr/bin/chromium")
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--disable-quic", "--window-size=1280,1000",
                        "--user-data-dir=" + browserProfile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
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
        seesOrderConfirmedLiveWithHistoryAndAudit(orderId);
        seesOrderInList(orderId);
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
        visible("screen-signin");
        screenshot("01-signin");
        type("signin-username", "admin");
        type("signin-password", ADMIN_PASSWORD);
        byTestId("signin-submit").click();
        visible("screen-orders");
        assertThat(byTestId("current-user").getText()).isEqualTo("admin");
    }

    /** Fills the place-order form (after a refused empty submission) and answers the id of the page it lands on. */
    private String placeOrderInForm(String customerId, String sku) {
        byTestId("nav-place-order").click();
        visible("screen-place-order");
        waitUntil(d -> new Select(byTestId("order-customer")).getOptions().stream()
                .anyMatch(o -> customerId.equals(o.getAttribute("value"))));

        byTestId("order-submit").click();
        assertThat(visible("order-problem-title").getText()).as("an empty form is refused with a problem").isNotBlank();

        new Select(byTestId("order-customer")).selectByValue(customerId);
        assertThat(byTestId("order-currency").getDomProperty("value")).as("the customer's currency").isEqualTo("EUR");
        type("line-sku", sku);
        type("line-quantity", "2");
        type("line-unit-price", "12.50");
        type("order-address-street", "12 rue des Lilas");
        type("order-address-city", "Lyon");
        type("order-address-postalCode", "69003");
        screenshot("02-place-order");
        byTestId("order-submit").click();

        String orderId = visible("screen-order-detail").getAttribute("data-order-id");
        assertThat(orderId).isNotBlank();
        assertThat(browser.getCurrentUrl()).endsWith("#/orders/" + orderId);
        return orderId;
    }

    private void seesOrderConfirmedLiveWithHistoryAndAudit(String orderId) {
        waitUntil(d -> "CONFIRMED".equals(byTestId("order-status").getAttribute("data-status")));
        waitUntil(d -> "on".equals(byTestId("order-live").getAttribute("data-state")));
        assertThat(byTestId("order-id").getText()).isEqualTo(orderId);
        assertThat(byTestId("order-total").getText()).contains("25.00");
        assertThat(browser.findElements(By.cssSelector("[data-testid=order-line-row]"))).hasSize(1);
        waitUntil(d -> browser.findElements(By.cssSelector("[data-testid=timeline-entry][data-status=CONFIRMED]")).size() == 1);
        assertThat(browser.findElements(By.cssSelector("[data-testid=timeline-entry]")))
                .extracting(e -> e.getAttribute("data-status"))
                .startsWith("PLACED").endsWith("CONFIRMED");
        waitUntil(d -> browser.findElements(By.cssSelector("[data-testid=audit-entry][data-type=OrderConfirmedEvent]")).size() == 1);
        WebElement placed = browser.findElement(By.cssSelector("[data-testid=audit-entry][data-type=OrderPlacedEvent]"));
        assertThat(placed.findElement(By.cssSelector("[data-testid=audit-user]")).getText()).isEqualTo("admin");
        assertThat(placed.findElement(By.cssSelector("[data-testid=audit-correlation]")).getText()).isNotBlank();
        assertThat(browser.findElements(By.cssSelector("[data-testid=ship-order]"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("[data-testid=deliver-order]"))).isEmpty();
        screenshot("03-order-detail");
    }

    private void seesOrderInList(String orderId) {
        byTestId("nav-orders").click();
        visible("screen-orders");
        By row = By.cssSelector("[data-testid=order-row][data-order-id='" + orderId + "']");
        waitUntil(ExpectedConditions.visibilityOfElementLocated(row));
        assertThat(browser.findElement(row).getAttribute("data-status")).isEqualTo("CONFIRMED");
        screenshot("04-orders");
    }

    private void seesStock(String sku, int onHand, int reserved, int available) {
        if (browser.findElements(By.cssSelector("[data-testid=screen-stock]")).isEmpty()) {
            byTestId("nav-stock").click();
            visible("screen-stock");
        }
        By row = By.cssSelector("[data-testid=stock-row][data-sku='" + sku + "']");
        String expected = onHand + "/" + reserved + "/" + available;
        waitUntil(d -> expected.equals(cell(row, "stock-on-hand") + "/" + cell(row, "stock-reserved") + "/" + cell(row, "stock-available")));
        screenshot("05-stock");
    }

    private void receivesStockInForm(String sku, int quantity) {
        type("receive-sku", sku);
        type("receive-quantity", String.valueOf(quantity));
        byTestId("receive-form-submit").click();
        visible("receive-form-done");
    }

    private void createsCustomerInForm(String existingCustomerId) {
        byTestId("nav-customers").click();
        visible("screen-customers");
        waitUntil(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-testid=customer-row][data-customer-id='" + existingCustomerId + "']")));
        type("customer-name", "Atelier Martin");
        type("customer-email", "contact@martin.example");
        type("customer-country", "FR");
        type("customer-currency", "EUR");
        type("customer-credit-limit", "2500");
        byTestId("customer-submit").click();
        visible("customer-created");
        waitUntil(d -> browser.findElements(By.cssSelector("[data-testid=customer-row]")).stream()
                .anyMatch(r -> r.getText().contains("Atelier Martin")));
        screenshot("06-customers");
    }

    private void opensOrderListLive() {
        byTestId("nav-orders").click();
        visible("screen-orders");
        waitUntil(d -> "on".equals(byTestId("orders-live").getAttribute("data-state")));
        js("window.axleSamePage = true");
    }

    /** Expects an order placed elsewhere after the list opened to appear there as CONFIRMED without a reload. */
    private void seesOrderArriveLiveInListAndOpensIt(String orderIdPlacedMeanwhile) {
        By row = By.cssSelector("[data-testid=order-row][data-order-id='" + orderIdPlacedMeanwhile + "'][data-status=CONFIRMED]");
        waitUntil(ExpectedConditions.visibilityOfElementLocated(row));
        assertThat(js("return window.axleSamePage === true")).as("the row arrived live, without a reload").isEqualTo(true);
        browser.findElement(row).click();
        visible("screen-order-detail");
    }

    private void shipsAndDelivers(String orderId) {
        assertThat(byTestId("order-id").getText()).isEqualTo(orderId);
        waitUntil(d -> "CONFIRMED".equals(byTestId("order-status").getAttribute("data-status")));
        visible("ship-order").click();
        waitUntil(d -> "SHIPPED".equals(byTestId("order-status").getAttribute("data-status")));
        visible("deliver-order").click();
        waitUntil(d -> "DELIVERED".equals(byTestId("order-status").getAttribute("data-status")));
        assertThat(browser.findElements(By.cssSelector("[data-testid=order-actions] button"))).isEmpty();
        screenshot("07-order-delivered");
    }

    private void signsOutAndIsSentBackToSignInOn401() {
        byTestId("sign-out").click();
        visible("screen-signin");
        assertThat(js("return sessionStorage.getItem('axle.token')")).isNull();

        js("sessionStorage.setItem('axle.token', 'not-a-valid-token')");
        browser.get(baseUrl() + "/#/stock");
        assertThat(visible("signin-message").getText()).as("a 401 leads back to sign-in").contains("sign in again");
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

    private void seedStock(String token, String sku, int quantity) throws Exception {
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

    // --- browser helpers -----------------------------------------------------------------------

    private String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase();
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
        return new WebDriverWait(browser, PATIENCE)
                .ignoring(StaleElementReferenceException.class)
                .ignoring(NoSuchElementException.class)
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
