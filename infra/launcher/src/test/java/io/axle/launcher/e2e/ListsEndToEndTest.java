package io.axle.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.axle.launcher.e2e.AxleClient.Answer;
import io.axle.launcher.e2e.AxleClient.Download;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.util.FileSystemUtils;

/**
 * The six lists on the booted application, over HTTP: each is searched, bounded by its date, sorted both ways, paged
 * without overlap, refuses an unknown sort field with a problem listing the allowed ones, and exports what it filters
 * as CSV (header, RFC 4180 quoting, formula guard, more rows than a page). A partner's exports hold its own customer's
 * rows only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListsEndToEndTest {

    private static final Duration SETTLE = Duration.ofSeconds(90);
    /** More than the default page of 20, so that an export holding them all shows it is not one page. */
    private static final int MANY = 21;

    private final String tag = "L" + UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT);
    private Path dataDir;
    private RunningAxle axle;
    private AxleClient admin;
    private String customerA;
    private String customerB;
    private String formulaName;
    private Instant before;
    private Instant after;

    @BeforeAll
    void bootAndSeed() throws IOException {
        dataDir = Files.createTempDirectory("axle-e2e-lists");
        axle = RunningAxle.start(dataDir, Map.of());
        admin = axle.admin();
        before = Instant.now();

        customerA = customer("Lists " + tag + " A");
        customerB = customer("Lists " + tag + " B");
        formulaName = "=SUM(A1) " + tag + ", \"quoted\"";
        customer(formulaName);
        for (int n = 1; n <= MANY - 3; n++) {
            customer(String.format("Lists %s %02d", tag, n));
        }

        String ordered = tag + "-ORDERED";
        Catalogue.add(admin, ordered, "2.50", "EUR");
        receive(ordered, 1000);
        for (int n = 1; n < MANY; n++) {
            String sku = String.format("%s-%02d", tag, n);
            Catalogue.add(admin, sku, "1.00", "EUR");
            receive(sku, n);
        }

        for (int n = 0; n < MANY; n++) {
            place(customerA, ordered);
        }
        place(customerB, ordered);
        await().atMost(SETTLE).until(() -> total("/api/v1/invoices?q=" + tag) == MANY + 1);

        for (int n = 1; n <= 5; n++) {
            Answer started = admin.post("/api/runs/start", Map.of("duration", 600, "interval", 1, "name",
                    "Run " + tag + " " + n));
            assertThat(started.status()).as(started.raw().body()).isIn(201, 202);
        }
        await().atMost(SETTLE).until(() -> total("/api/runs?q=" + tag) == 5);
        assertThat(admin.post("/api/runs/interrupt-all", Map.of()).status()).isEqualTo(200);
        after = Instant.now();
    }

    @AfterAll
    void shutDown() {
        if (axle != null) {
            axle.close();
        }
        FileSystemUtils.deleteRecursively(dataDir.toFile());
    }

    @Test
    void ordersAreFoundByNumberRangedSortedPagedAndExported() {
        String orders = "/api/v1/orders?customerId=" + customerA;
        List<JsonNode> all = content(orders + "&size=100");
        assertThat(all).hasSize(MANY);

        String number = all.get(0).get("number").asText();
        String tail = number.substring(number.length() - 6);
        assertThat(content("/api/v1/orders?q=" + number)).extracting(order -> order.get("number").asText())
                .containsExactly(number);
        assertThat(content("/api/v1/orders?q=" + tail.toLowerCase(Locale.ROOT))).extracting(o -> o.get("number")
                .asText()).contains(number);
        assertRanged(orders);
        assertSorted(orders, "number");
        assertPaged(orders, MANY, "orderId");
        assertRefusesUnknownSort(orders, "placedAt");

        List<String> csv = exported(orders, "orders");
        assertThat(csv.get(0)).isEqualTo("number,orderId,customerId,status,placedAt,updatedAt,total,currency,reason");
        assertThat(csv).hasSize(MANY + 1);
        assertThat(csv.subList(1, csv.size())).allSatisfy(row -> assertThat(row).contains("," + customerA + ",")
                .contains(",5.00,EUR,"));
    }

    @Test
    void invoicesAreSearchedByCustomerNameRangedSortedPagedAndExported() {
        String invoices = "/api/v1/invoices?q=" + tag;
        assertThat(total(invoices)).isEqualTo(MANY + 1);
        assertThat(total(invoices + "%20A")).isEqualTo(MANY);
        assertRanged(invoices);
        assertSorted(invoices, "number");
        assertPaged(invoices, MANY + 1, "invoiceId");
        assertRefusesUnknownSort(invoices, "issuedAt");

        List<String> csv = exported(invoices, "invoices");
        assertThat(csv.get(0)).isEqualTo("number,invoiceId,orderNumber,customerId,customerName,status,issuedAt,"
                + "dueDate,totalExclTax,totalTax,totalInclTax,paidAmount,balance,currency");
        assertThat(csv).hasSize(MANY + 2);
        assertThat(csv.subList(1, csv.size())).allSatisfy(row -> assertThat(row).contains(",5.00,1.00,6.00,")
                .endsWith(",EUR"));
    }

    @Test
    void customersAreSearchedRangedSortedPagedAndExportedWithFormulasDefused() {
        String customers = "/api/v1/customers?q=" + tag;
        assertThat(total(customers)).isEqualTo(MANY);
        assertThat(content("/api/v1/customers?q=" + tag + "%20b")).extracting(c -> c.get("customerId").asText())
                .containsExactly(customerB);
        assertRanged(customers);
        assertSorted(customers, "name");
        assertPaged(customers, MANY, "customerId");
        assertRefusesUnknownSort(customers, "name");

        List<String> csv = exported(customers, "customers");
        assertThat(csv.get(0)).startsWith("customerId,name,email,");
        assertThat(csv).hasSize(MANY + 1);
        assertThat(csv).anySatisfy(row -> assertThat(row).contains(",\"'=SUM(A1) " + tag + ", \"\"quoted\"\"\","));
        assertThat(csv).noneSatisfy(row -> assertThat(row).contains(",=SUM"));
    }

    @Test
    void stockIsSearchedSortedPagedAndExportedButHasNoDateToBound() {
        String stock = "/api/v1/stock?q=" + tag;
        assertThat(total(stock)).isEqualTo(MANY);
        assertSorted(stock, "available");
        assertPaged(stock, MANY, "sku");
        assertRefusesUnknownSort(stock, "sku");
        assertNoDate(stock);

        List<String> csv = exported(stock, "stock");
        assertThat(csv.get(0)).isEqualTo("sku,name,onHand,reserved,available,reorderPoint,lowStock,unitPrice,currency");
        assertThat(csv).hasSize(MANY + 1).contains(tag + "-07,Part " + tag + "-07,7,0,7,,false,1.00,EUR");
    }

    @Test
    void productsAreSearchedSortedPagedAndExportedButHaveNoDateToBound() {
        String products = "/api/v1/products?q=" + tag;
        assertThat(total(products)).isEqualTo(MANY);
        assertSorted(products, "name");
        assertPaged(products, MANY, "sku");
        assertRefusesUnknownSort(products, "sku");
        assertNoDate(products);

        List<String> csv = exported(products, "products");
        assertThat(csv.get(0)).startsWith("sku,name,status,unitPrice,currency,");
        assertThat(csv).hasSize(MANY + 1).anySatisfy(row -> assertThat(row)
                .startsWith(tag + "-ORDERED,Part " + tag + "-ORDERED,ACTIVE,2.50,EUR,"));
    }

    @Test
    void runsAreSearchedRangedSortedPagedAndExported() {
        String runs = "/api/runs?q=" + tag;
        assertThat(total(runs)).isEqualTo(5);
        assertThat(total(runs + "%203")).isEqualTo(1);
        assertRanged(runs);
        assertSorted(runs, "name");
        assertPaged(runs, 5, "id");
        assertRefusesUnknownSort(runs, "startedAt");

        List<String> csv = exported(runs + "&size=2", "runs");
        assertThat(csv.get(0)).isEqualTo("runId,name,username,status,startedAt,finishedAt,duration,interval");
        assertThat(csv).as("every run, not the page of 2 asked for").hasSize(6);
    }

    @Test
    void aPartnersExportsHoldItsOwnCustomersRowsOnly() {
        Answer key = admin.post("/api/v1/api-keys", Map.of("name", "partner-" + tag, "role", "partner",
                "customerId", customerA));
        assertThat(key.status()).as(key.raw().body()).isEqualTo(201);
        AxleClient partner = axle.anonymous().withApiKey(key.body().get("key").asText());

        List<String> orders = lines(partner.download("/api/v1/orders?format=csv", "*/*"));
        assertThat(orders).hasSize(MANY + 1);
        assertThat(orders.subList(1, orders.size())).allSatisfy(row -> assertThat(row).contains("," + customerA + ","));
        assertThat(lines(partner.download("/api/v1/orders?customerId=" + customerB, "text/csv"))).hasSize(1);

        List<String> invoices = lines(partner.download("/api/v1/invoices?q=" + tag, "text/csv"));
        assertThat(invoices).hasSize(MANY + 1);
        assertThat(invoices.subList(1, invoices.size())).allSatisfy(row -> assertThat(row)
                .contains("," + customerA + ",Lists " + tag + " A,"));

        List<String> customers = lines(partner.download("/api/v1/customers?format=csv", "*/*"));
        assertThat(customers).hasSize(2);
        assertThat(customers.get(1)).startsWith(customerA + ",Lists " + tag + " A,");
    }

    private void assertRanged(String list) {
        int all = total(list);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(total(list + "&from=" + before + "&to=" + after)).isEqualTo(all);
        assertThat(total(list + "&from=" + today + "&to=" + today)).as("a day range holds that day").isEqualTo(all);
        assertThat(total(list + "&from=" + after)).as("from is inclusive of nothing later").isZero();
        assertThat(total(list + "&to=" + before)).as("to is exclusive").isZero();
        Answer badDate = admin.get(list + "&from=yesterday");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.body().get("field").asText()).isEqualTo("from");
        assertThat(badDate.body().get("rule").asText()).isEqualTo("iso-date");
    }

    private void assertNoDate(String list) {
        Answer refused = admin.get(list + "&from=" + LocalDate.now(ZoneOffset.UTC));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("field").asText()).isEqualTo("from");
        assertThat(refused.body().get("rule").asText()).isEqualTo("not-supported");
    }

    private void assertSorted(String list, String field) {
        List<String> ascending = values(list + "&size=100&sort=" + field + ",asc", field);
        List<String> descending = values(list + "&size=100&sort=" + field + ",desc", field);
        Comparator<String> order = field.equals("available")
                ? Comparator.comparingInt(Integer::parseInt) : Comparator.naturalOrder();
        assertThat(ascending).hasSizeGreaterThan(1).isSortedAccordingTo(order);
        assertThat(descending).isSortedAccordingTo(order.reversed());
        assertThat(new HashSet<>(descending)).isEqualTo(new HashSet<>(ascending));
    }

    private void assertPaged(String list, int total, String idField) {
        Set<String> seen = new HashSet<>();
        int pages = (total + 4) / 5;
        for (int page = 0; page < pages; page++) {
            Answer answer = admin.get(list + "&size=5&page=" + page);
            assertThat(answer.body().get("page").asInt()).isEqualTo(page);
            assertThat(answer.body().get("totalElements").asInt()).isEqualTo(total);
            answer.body().get("content").forEach(item -> assertThat(seen.add(item.get(idField).asText()))
                    .as("pages do not overlap").isTrue());
        }
        assertThat(seen).hasSize(total);
    }

    private void assertRefusesUnknownSort(String list, String allowed) {
        Answer refused = admin.get(list + "&sort=password,asc");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().get("field").asText()).isEqualTo("sort");
        assertThat(refused.body().get("rule").asText()).isEqualTo("one-of");
        assertThat(refused.body().get("allowed")).extracting(JsonNode::asText).contains(allowed);
        assertThat(admin.get(list + "&sort=" + allowed + ",sideways").status()).isEqualTo(400);
    }

    /** The list's CSV, asked both with {@code Accept: text/csv} and {@code ?format=csv}, as lines. */
    private List<String> exported(String list, String name) {
        Download accepted = admin.download(list, "text/csv");
        Download linked = admin.download(list + "&format=csv", "*/*");
        for (Download download : List.of(accepted, linked)) {
            assertThat(download.status()).isEqualTo(200);
            assertThat(download.header("Content-Type")).isEqualToIgnoringWhitespace("text/csv;charset=UTF-8");
            assertThat(download.header("Content-Disposition")).isEqualTo("attachment; filename=\"" + name + "-"
                    + LocalDate.now(ZoneOffset.UTC) + ".csv\"");
        }
        assertThat(linked.bytes()).isEqualTo(accepted.bytes());
        return lines(accepted);
    }

    private static List<String> lines(Download csv) {
        assertThat(csv.status()).isEqualTo(200);
        String text = new String(csv.bytes(), StandardCharsets.UTF_8);
        assertThat(text).endsWith("\r\n");
        return List.of(text.split("\r\n"));
    }

    private int total(String list) {
        Answer answer = admin.get(list);
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        return answer.body().get("totalElements").asInt();
    }

    private List<JsonNode> content(String list) {
        Answer answer = admin.get(list);
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        answer.body().get("content").forEach(items::add);
        return items;
    }

    private List<String> values(String list, String field) {
        return content(list).stream().map(item -> item.get(field).asText()).toList();
    }

    private String customer(String name) {
        Answer answer = admin.post("/api/v1/customers", Map.of("name", name, "email", "lists@" + tag.toLowerCase(
                Locale.ROOT) + ".example", "country", "FR", "currency", "EUR", "creditLimit",
                new BigDecimal("100000.00")));
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
        String id = answer.body().get("id").asText();
        await().atMost(SETTLE).until(() -> admin.get("/api/v1/customers/" + id).status() == 200);
        return id;
    }

    private void receive(String sku, int quantity) {
        Answer received = admin.post("/api/v1/stock/" + sku + "/receipts", Map.of("quantity", quantity));
        assertThat(received.status()).as(received.raw().body()).isEqualTo(202);
        await().atMost(SETTLE).until(() -> admin.get("/api/v1/stock/" + sku).status() == 200);
    }

    private void place(String customerId, String sku) {
        Answer placed = admin.post("/api/v1/orders", FulfilmentScenarios.order(customerId, Map.of(sku, 2), "2.50"));
        assertThat(placed.status()).as(placed.raw().body()).isEqualTo(202);
        String orderId = placed.body().get("orderId").asText();
        await().atMost(SETTLE).until(() -> {
            Answer order = admin.get("/api/v1/orders/" + orderId);
            return order.status() == 200 && "CONFIRMED".equals(order.body().get("status").asText());
        });
    }
}
