package io.axle.launcher.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.axle.launcher.e2e.RunningAxle;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The list controls on the order, invoice, product and stock screens in headless Chromium against the whole
 * application: the search box finds an order by its number or its tail, a date range bounds the list, clicking (or
 * pressing Enter on) a column header sorts it both ways and says so with aria-sort, the state survives a reload, and
 * the export downloads a CSV file of the rows shown, named by the server. Checked at 390 px and in both themes with
 * axe-core.
 */
class ListControlsBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS = Path.of("target", "ui-screenshots", "lists");

    private static ScreenFixture fixture;
    private static RunningAxle axle;
    private static Browser browser;
    private Browser.Download lastDownload;

    @RegisterExtension
    final TestWatcher screenshotOnFailure = ScreenFixture.screenshotOnFailure(() -> browser);

    @BeforeAll
    static void startAxleAndBrowser() {
        fixture = ScreenFixture.start("lists", Map.of("axle.live-streams.max-per-caller", "100"), "1280,1200",
                PATIENCE, SCREENSHOTS);
        axle = fixture.axle();
        browser = fixture.browser();
        for (int n = 0; n < 3; n++) {
            Seeds.invoicedOrder(axle.admin());
        }
    }

    @AfterAll
    static void stopEverything() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void theOrderSearchBoxFindsAnOrderByItsNumberOrItsTailAndAReloadKeepsIt() {
        open("#/orders", "screen-orders");
        browser.waitUntil(d -> rows("order-row").size() == 3);
        String number = rows("order-row").get(1).findElement(By.cssSelector("[data-testid=order-link]")).getText();

        search("orders-search", number);
        browser.waitUntil(d -> rows("order-row").size() == 1);
        assertThat(linkTexts("order-link")).containsExactly(number);

        String tail = number.substring(number.length() - 3);
        search("orders-search", tail);
        browser.waitUntil(d -> browser.getCurrentUrl().contains("q=" + tail));
        browser.waitUntil(d -> linkTexts("order-link").equals(List.of(number)));

        browser.js("location.reload()");
        browser.visible("screen-orders");
        browser.waitUntil(d -> linkTexts("order-link").equals(List.of(number)));
        assertThat(browser.byTestId("orders-search").getAttribute("value")).isEqualTo(tail);
        browser.visible("orders-reset").click();
        browser.waitUntil(d -> rows("order-row").size() == 3);
    }

    @Test
    void clickingAnOrderColumnHeaderSortsItBothWaysAndSaysSo() {
        open("#/orders", "screen-orders");
        browser.waitUntil(d -> rows("order-row").size() == 3);

        browser.byTestId("orders-sort-number").click();
        browser.waitUntil(d -> "ascending".equals(sortOf("orders-sort-number")));
        browser.waitUntil(d -> rows("order-row").size() == 3);
        assertThat(linkTexts("order-link")).isSortedAccordingTo(Comparator.naturalOrder());

        browser.byTestId("orders-sort-number").click();
        browser.waitUntil(d -> "descending".equals(sortOf("orders-sort-number")));
        browser.waitUntil(d -> rows("order-row").size() == 3);
        assertThat(linkTexts("order-link")).isSortedAccordingTo(Comparator.<String>naturalOrder().reversed());
        assertThat(sortOf("orders-sort-placedAt")).as("only the sorted column says it is").isNull();

        browser.byTestId("orders-sort-number").sendKeys(Keys.ENTER);
        browser.waitUntil(d -> "ascending".equals(sortOf("orders-sort-number")));
        assertThat(browser.getCurrentUrl()).contains("sort=number%2Casc");
    }

    @Test
    void aDateRangeBoundsTheOrdersByTheDayTheyWerePlaced() {
        open("#/orders", "screen-orders");
        browser.waitUntil(d -> rows("order-row").size() == 3);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        dates("orders", today.plusDays(1), null);
        browser.visible("orders-empty");
        assertThat(rows("order-row")).isEmpty();

        dates("orders", today, today);
        browser.waitUntil(d -> rows("order-row").size() == 3);
        assertThat(browser.getCurrentUrl()).contains("from=" + today, "to=" + today);
    }

    @Test
    void theOrderExportDownloadsTheFilteredOrdersAsACsvFileNamedByTheServer() {
        open("#/orders", "screen-orders");
        browser.waitUntil(d -> rows("order-row").size() == 3);
        String number = linkTexts("order-link").get(0);
        search("orders-search", number);
        browser.waitUntil(d -> rows("order-row").size() == 1);

        List<String> csv = export("orders-export");

        assertThat(downloadName()).isEqualTo("orders-" + LocalDate.now(ZoneOffset.UTC) + ".csv");
        assertThat(csv).hasSize(2);
        assertThat(csv.get(0)).startsWith("number,orderId,customerId,status,placedAt");
        assertThat(csv.get(1)).startsWith(number + ",").contains(",50.00,EUR,");
    }

    @Test
    void invoicesAreSearchedSortedByHeaderAndExported() {
        open("#/invoices", "screen-invoices");
        browser.waitUntil(d -> rows("invoice-row").size() == 3);

        browser.byTestId("invoices-sort-number").click();
        browser.waitUntil(d -> "ascending".equals(sortOf("invoices-sort-number")));
        browser.waitUntil(d -> rows("invoice-row").size() == 3);
        List<String> ascending = linkTexts("invoice-number");
        assertThat(ascending).isSortedAccordingTo(Comparator.naturalOrder());
        List<String> descending = ascending.stream().sorted(Comparator.reverseOrder()).toList();
        browser.byTestId("invoices-sort-number").click();
        browser.waitUntil(d -> "descending".equals(sortOf("invoices-sort-number")));
        browser.waitUntil(d -> linkTexts("invoice-number").equals(descending));

        List<String> all = export("invoices-export");
        assertThat(all).hasSize(4);
        assertThat(all.subList(1, 4)).extracting(row -> row.substring(0, row.indexOf(',')))
                .containsExactlyElementsOf(descending);

        search("invoices-search", ascending.get(2));
        browser.waitUntil(d -> linkTexts("invoice-number").equals(List.of(ascending.get(2))));
        List<String> one = export("invoices-export");
        assertThat(downloadName()).isEqualTo("invoices-" + LocalDate.now(ZoneOffset.UTC) + ".csv");
        assertThat(one).hasSize(2);
        assertThat(one.get(1)).startsWith(ascending.get(2) + ",").contains(",50.00,10.00,60.00,").endsWith(",EUR");
    }

    @Test
    void productsAreSortedByHeaderExportedAndSearchedByName() {
        open("#/products", "screen-products");
        browser.waitUntil(d -> rows("product-row").size() == 3);

        List<String> descending = sortedBothWaysBySku("products", "product-link");
        assertThat(sortOf("products-sort-name")).as("only the sorted column says it is").isNull();

        List<String> all = export("products-export");
        assertThat(downloadName()).isEqualTo("products-" + LocalDate.now(ZoneOffset.UTC) + ".csv");
        assertThat(all.get(0)).startsWith("sku,name,status,unitPrice,currency,vatCategory");
        assertThat(all.subList(1, all.size())).extracting(row -> row.substring(0, row.indexOf(',')))
                .containsExactlyElementsOf(descending);

        String sku = descending.get(1);
        search("products-search", "part " + sku.toLowerCase());
        browser.waitUntil(d -> linkTexts("product-link").equals(List.of(sku)));
        assertThat(sortOf("products-sort-sku")).as("the sort is kept").isEqualTo("descending");
        List<String> one = export("products-export");
        assertThat(one).hasSize(2);
        assertThat(one.get(1)).startsWith(sku + ",Part " + sku + ",ACTIVE,");
    }

    @Test
    void stockLevelsAreSortedByHeaderExportedAndSearchedBySku() {
        open("#/stock", "screen-stock");
        browser.waitUntil(d -> rows("stock-row").size() == 3);

        List<String> descending = sortedBothWaysBySku("stock", "stock-sku");
        assertThat(sortOf("stock-sort-available")).as("only the sorted column says it is").isNull();
        assertThat(browser.getCurrentUrl()).contains("sort=sku%2Cdesc");

        List<String> all = export("stock-export");
        assertThat(downloadName()).isEqualTo("stock-" + LocalDate.now(ZoneOffset.UTC) + ".csv");
        assertThat(all.get(0)).isEqualTo("sku,name,onHand,reserved,available,reorderPoint,lowStock,unitPrice,currency");
        assertThat(all.subList(1, all.size())).extracting(row -> row.substring(0, row.indexOf(',')))
                .containsExactlyElementsOf(descending);

        String sku = descending.get(0);
        search("stock-search", sku.substring(sku.indexOf('-') + 1).toLowerCase());
        browser.waitUntil(d -> linkTexts("stock-sku").equals(List.of(sku)));
        List<String> one = export("stock-export");
        assertThat(one).hasSize(2);
        assertThat(one.get(1)).startsWith(sku + ",Part " + sku + ",");
        search("stock-search", "NO-SUCH-SKU");
        browser.visible("stock-empty");
        assertThat(browser.byTestId("stock-empty").getText()).isEqualTo("No stock level matches this search.");
    }

    @Test
    void theListsWithTheirControlsHaveNoSeriousAccessibilityViolationAt390PixelsInBothThemes() {
        Accessibility axe = new Accessibility();
        for (int[] size : List.of(new int[] {1280, 1200}, new int[] {390, 844})) {
            browser.resize(size[0], size[1]);
            for (String[] screen : List.of(new String[] {"#/orders?sort=number,asc&q=SO", "screen-orders", "order-row"},
                    new String[] {"#/invoices?sort=number,desc", "screen-invoices", "invoice-row"},
                    new String[] {"#/products?sort=name,desc&q=DISC", "screen-products", "product-row"},
                    new String[] {"#/stock?sort=available,asc&q=disc", "screen-stock", "stock-row"})) {
                open(screen[0], screen[1]);
                browser.waitUntil(d -> !rows(screen[2]).isEmpty());
                assertThat(axe.seriousViolations(browser)).as("light, %d px, %s", size[0], screen[0]).isEmpty();
                browser.js("document.documentElement.dataset.theme = 'dark'");
                assertThat(axe.seriousViolations(browser)).as("dark, %d px, %s", size[0], screen[0]).isEmpty();
                browser.js("document.documentElement.dataset.theme = 'light'");
                assertThat(browser.js("return document.documentElement.scrollWidth <= window.innerWidth"))
                        .as("no sideways scrolling at %d px on %s", size[0], screen[0]).isEqualTo(true);
            }
        }
        browser.screenshot("lists-390");
        browser.resize(1280, 1200);
    }

    /** Opens {@code hash} signed in as the admin, in English and the light theme. */
    private void open(String hash, String screen) {
        browser.get(axle.baseUrl() + "/");
        browser.js("localStorage.removeItem('axle.lang'); localStorage.removeItem('axle.theme');");
        browser.get(axle.baseUrl() + "/" + hash);
        browser.js("location.reload()");
        browser.waitUntil(d -> !d.findElements(By.cssSelector(
                "[data-testid=" + screen + "], [data-testid=screen-signin]")).isEmpty());
        if (!browser.findElements(By.cssSelector("[data-testid=screen-signin]")).isEmpty()) {
            browser.type("signin-username", "admin");
            browser.type("signin-password", RunningAxle.ADMIN_PASSWORD);
            browser.byTestId("signin-submit").click();
        }
        browser.visible(screen);
    }

    /**
     * Clicks the SKU header of {@code list} twice, checking each time its aria-sort and the order of the SKUs shown (in
     * the cells of test id {@code skuTestId}); answers the SKUs as then shown, in descending order.
     */
    private List<String> sortedBothWaysBySku(String list, String skuTestId) {
        String header = list + "-sort-sku";
        browser.byTestId(header).click();
        browser.waitUntil(d -> "ascending".equals(sortOf(header)));
        browser.waitUntil(d -> linkTexts(skuTestId).size() == 3);
        List<String> ascending = linkTexts(skuTestId);
        assertThat(ascending).isSortedAccordingTo(Comparator.naturalOrder());
        List<String> descending = ascending.stream().sorted(Comparator.reverseOrder()).toList();
        browser.byTestId(header).click();
        browser.waitUntil(d -> "descending".equals(sortOf(header)));
        browser.waitUntil(d -> linkTexts(skuTestId).equals(descending));
        return descending;
    }

    private void search(String testId, String text) {
        WebElement box = browser.visible(testId);
        box.clear();
        box.sendKeys(text, Keys.ENTER);
    }

    /** Sets the date range (null leaves a bound empty) and applies it. */
    private void dates(String list, LocalDate from, LocalDate to) {
        browser.js("document.querySelector('[data-testid=" + list + "-from]').value = '" + (from == null ? "" : from)
                + "'; document.querySelector('[data-testid=" + list + "-to]').value = '" + (to == null ? "" : to) + "';");
        browser.byTestId(list + "-apply").click();
    }

    /** Clicks the export button and answers the lines of the file it downloads, which all end with CRLF. */
    private List<String> export(String testId) {
        lastDownload = browser.download(testId);
        return lastDownload.crlfLines();
    }

    private String downloadName() {
        return lastDownload.name();
    }

    private String sortOf(String buttonTestId) {
        return browser.byTestId(buttonTestId).findElement(By.xpath("..")).getAttribute("aria-sort");
    }

    private List<WebElement> rows(String testId) {
        return browser.findElements(By.cssSelector("[data-testid=" + testId + "]"));
    }

    private List<String> linkTexts(String testId) {
        return browser.findElements(By.cssSelector("[data-testid=" + testId + "]")).stream().map(WebElement::getText)
                .toList();
    }
}
