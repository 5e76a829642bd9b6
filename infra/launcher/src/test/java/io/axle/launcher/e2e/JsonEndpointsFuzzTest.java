package io.axle.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.axle.launcher.e2e.AxleClient.Answer;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.util.FileSystemUtils;

/**
 * Every JSON endpoint driven with generated bodies: valid requests with one value replaced by anything JSON can hold
 * (huge or tiny numbers, control characters, wrong types, odd dates, deep nesting), fields removed or added, keys
 * duplicated, bodies cut short or followed by garbage, and odd path segments. The invariant: a 4xx problem
 * ({@code application/problem+json}), or accepted and processed to its end; never a 5xx. Once the run is over, no
 * processor is stuck: every accepted order has left PLACED, a new order is still confirmed, every dead letter is retried
 * to its end (the queues are retried every 2 s here; a letter that is there when the fuzzing ends is printed with its
 * cause), and the event processors report healthy.
 */
class JsonEndpointsFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FUZZ = "__fuzz__";

    private static Path dataDir;
    private static RunningAxle axle;
    private static AxleClient admin;
    private static String customerId;
    private static String sku;
    private static String orderId;
    private static String invoiceId;
    private static String runId;
    private static final Set<String> acceptedOrders = ConcurrentHashMap.newKeySet();

    /** One endpoint: its path (with {sku}, {order}, {invoice} to fill in) and a valid body. */
    record Endpoint(String path, String body, boolean anonymous) {
    }

    /** A request to send: the endpoint, the body as text and the SKU path segment to use. */
    record Request(Endpoint endpoint, String body, String skuSegment) {
        String path() {
            return endpoint.path().replace("{sku}", skuSegment).replace("{order}", orderId)
                    .replace("{invoice}", invoiceId);
        }
    }

    @BeforeContainer
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("axle-fuzz");
        axle = RunningAxle.start(dataDir, Map.of("axle.dead-letters.retry-interval", "2s"));
        admin = axle.admin();
        sku = "FUZZ-" + UUID.randomUUID().toString().substring(0, 8);
        Catalogue.add(admin, sku);
        assertThat(admin.post("/api/v1/stock/" + sku + "/receipts", Map.of("quantity", 100_000)).status()).isEqualTo(202);
        customerId = admin.post("/api/v1/customers", Map.of("name", "Fuzz", "email", "fuzz@example.com",
                "country", "FR", "currency", "EUR", "creditLimit", 100_000_000)).body().get("id").asText();
        FulfilmentScenarios.await(() -> admin.get("/api/v1/customers/" + customerId).status() == 200, "customer");
        orderId = admin.post("/api/v1/orders", FulfilmentScenarios.order(customerId, Map.of(sku, 1), "10.00"))
                .body().get("orderId").asText();
        FulfilmentScenarios.await(() -> {
            Answer invoices = admin.get("/api/v1/invoices?orderId=" + orderId);
            return invoices.status() == 200 && invoices.body().get("totalElements").asInt() == 1;
        }, "the first order's invoice");
        invoiceId = admin.get("/api/v1/invoices?orderId=" + orderId).body().at("/content/0/invoiceId").asText();
        runId = admin.post("/api/runs/start", Map.of("duration", 3600, "interval", 60)).body().get("id").asText();
    }

    @AfterContainer
    static void nothingIsStuck() throws IOException {
        try {
            admin.post("/api/runs/interrupt-all", Map.of());
            for (String accepted : acceptedOrders) {
                FulfilmentScenarios.await(() -> {
                    String status = admin.get("/api/v1/orders/" + accepted).body().get("status").asText();
                    return !status.equals("PLACED") && !status.equals("STOCK_RESERVED");
                }, "accepted order " + accepted + " processed to its end");
            }
            String last = admin.post("/api/v1/orders", FulfilmentScenarios.order(customerId, Map.of(sku, 1), "3.00"))
                    .body().get("orderId").asText();
            FulfilmentScenarios.await(() -> "CONFIRMED".equals(admin.get("/api/v1/orders/" + last).body()
                    .get("status").asText()), "an order placed after the fuzzing confirmed");
            JsonNode letters = admin.get("/api/v1/admin/dead-letters").body();
            letters.forEach(group -> {
                if (group.get("size").asLong() > 0) {
                    System.out.printf("Dead letters of %s after the fuzzing, waiting for their retry: %s%n",
                            group.get("processingGroup").asText(), group.get("letters"));
                }
            });
            FulfilmentScenarios.await(() -> {
                JsonNode now = admin.get("/api/v1/admin/dead-letters").body();
                for (JsonNode group : now) {
                    if (group.get("size").asLong() > 0) {
                        return false;
                    }
                }
                return true;
            }, "every dead letter retried to its end (a letter that fails again stays: its cause is printed above)");
            FulfilmentScenarios.await(() -> "UP".equals(admin.get("/actuator/health").body()
                    .at("/components/eventProcessors/status").asText()), "the event processors healthy");
        } finally {
            axle.close();
            FileSystemUtils.deleteRecursively(dataDir.toFile());
        }
    }

    @Property(tries = 600)
    void everyRequestIsRefusedWithAProblemOrProcessed(@ForAll("requests") Request request) {
        AxleClient client = request.endpoint().anonymous() ? axle.anonymous() : admin;
        Answer answer;
        try {
            answer = client.post(request.path(), request.body());
        } catch (RuntimeException failed) {
            throw new AssertionError("no answer to " + request, failed);
        }
        assertThat(answer.status()).as("status of %s %s: %s", request.path(), request.body(), answer.raw().body())
                .isLessThan(500);
        if (answer.status() >= 400) {
            assertThat(answer.contentType()).as("type of the refusal of %s", request).startsWith(
                    "application/problem+json");
            assertThat(answer.body().get("status").asInt()).isEqualTo(answer.status());
        } else if (request.endpoint().path().equals("/api/v1/orders") && answer.status() == 202) {
            acceptedOrders.add(answer.body().get("orderId").asText());
        }
    }

    @Provide
    Arbitrary<Request> requests() {
        Arbitrary<Endpoint> endpoints = Arbitraries.of(endpoints());
        Arbitrary<String> skus = Arbitraries.oneOf(Arbitraries.just("{valid}"),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(30)
                        .map(text -> URLEncoder.encode(text, StandardCharsets.UTF_8)));
        return Combinators.combine(endpoints, mutations(), skus).as((endpoint, mutation, skuSegment) ->
                new Request(endpoint, mutation.apply(endpoint.body()), skuSegment.equals("{valid}") ? sku : skuSegment));
    }

    private static List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("/api/v1/customers", "{\"name\":\"Garage\",\"email\":\"g@example.com\",\"country\":\"FR\","
                        + "\"currency\":\"EUR\",\"creditLimit\":1000,\"vatNumber\":\"FR40303265045\",\"language\":\"fr\"}",
                        false),
                new Endpoint("/api/v1/orders", "{\"customerId\":\"" + "{customer}" + "\",\"currency\":\"EUR\",\"lines\":"
                        + "[{\"sku\":\"{sku}\",\"quantity\":1,\"unitPrice\":2.5}],\"shippingAddress\":{\"recipient\":"
                        + "\"Ada\",\"street\":\"1 rue\",\"city\":\"Lyon\",\"postalCode\":\"69001\",\"country\":\"FR\"}}",
                        false),
                new Endpoint("/api/v1/orders/{order}/cancel", "{\"reason\":\"changed my mind\"}", false),
                new Endpoint("/api/v1/products", "{\"sku\":\"FUZZ-NEW\",\"name\":\"Wiper\",\"description\":\"Rear\","
                        + "\"unitPrice\":4.5,\"currency\":\"EUR\",\"vatCategory\":\"REDUCED\",\"unit\":\"piece\","
                        + "\"reorderPoint\":3}", false),
                new Endpoint("/api/v1/products/{sku}/price", "{\"unitPrice\":2.5}", false),
                new Endpoint("/api/v1/stock/{sku}/receipts", "{\"quantity\":5}", false),
                new Endpoint("/api/v1/stock/{sku}/adjustments", "{\"quantity\":-1,\"reason\":\"broken\"}", false),
                new Endpoint("/api/v1/stock/{sku}/counts", "{\"counted\":100000}", false),
                new Endpoint("/api/v1/billing/generate-invoice", "{\"orderId\":\"{order}\",\"templateId\":"
                        + "\"standard-en-business\",\"customFields\":{\"po\":\"A-1\"},\"globalDiscountPercent\":5}", false),
                new Endpoint("/api/v1/invoices/{invoice}/payments", "{\"amount\":0.01,\"paymentId\":\"p-1\"}", false),
                new Endpoint("/api/v1/invoices/{invoice}/credit-notes", "{\"reason\":\"damaged\",\"lines\":"
                        + "[{\"position\":1,\"quantity\":1}],\"creditNoteId\":\"cn-1\"}", false),
                new Endpoint("/api/runs/start", "{\"duration\":60,\"interval\":5,\"params\":{\"label\":\"x\"}}", false),
                new Endpoint("/api/sensors/data", "{\"runId\":\"{run}\",\"sensorId\":\"t-1\",\"temperature\":21.5,"
                        + "\"humidity\":40,\"pressure\":1013}", false),
                new Endpoint("/api/v1/webhooks", "{\"url\":\"http://127.0.0.1:9/hooks\",\"events\":"
                        + "[\"order.confirmed\",\"invoice.paid\"],\"secret\":\"0123456789abcdef\"}", false),
                new Endpoint("/api/v1/vehicles", "{\"vin\":\"WVWZZZ1JZXW000001\",\"plate\":\"AB-123-CD\","
                        + "\"plateCountry\":\"FR\",\"make\":\"VW\",\"model\":\"Golf\",\"year\":2020,"
                        + "\"ownerCustomerId\":\"{customer}\"}", false),
                new Endpoint("/api/v1/flash-jobs", "{\"vehicleId\":\"fuzz-vehicle\",\"ecu\":\"engine\","
                        + "\"firmwareId\":\"fuzz-firmware\",\"allowDowngrade\":false}", false),
                new Endpoint("/api/v1/flash-jobs/fuzz-job/cancel", "{\"reason\":\"wrong vehicle\"}", false),
                new Endpoint("/api/v1/flash-campaigns", "{\"name\":\"Engine 1.5.0\",\"firmwareId\":"
                        + "\"fuzz-firmware\",\"target\":{\"make\":\"VW\",\"model\":\"Golf\",\"yearFrom\":2018,"
                        + "\"yearTo\":2022,\"vehicleIds\":[\"fuzz-vehicle\"]},\"groups\":1,"
                        + "\"successThresholdPct\":80,\"errorThresholdPct\":10,\"requiresApproval\":false,"
                        + "\"deadline\":\"2030-01-01T00:00:00Z\"}", false),
                new Endpoint("/api/v1/flash-campaigns/fuzz-campaign/stop", "{\"reason\":\"bricked ECUs\"}",
                        false),
                new Endpoint("/api/v1/api-keys", "{\"name\":\"rig-1\",\"role\":\"device\"}", false),
                new Endpoint("/api/v1/users", "{\"username\":\"op1\",\"password\":\"secret-pw-1\",\"roles\":"
                        + "[\"OPERATOR\"]}", false),
                new Endpoint("/api/v1/auth/token", "{\"username\":\"admin\",\"password\":\"wrong\"}", true));
    }

    /** A function from a valid body to the text to send. */
    interface Mutation {
        String apply(String body);
    }

    private static Arbitrary<Mutation> mutations() {
        Arbitrary<Mutation> replaceValue = Combinators.combine(Arbitraries.integers().between(0, 1000), jsonValues())
                .as((pick, value) -> body -> replaceValue(filled(body), pick, value));
        Arbitrary<Mutation> removeField = Arbitraries.integers().between(0, 1000)
                .map(pick -> body -> removeField(filled(body), pick));
        Arbitrary<Mutation> duplicateKey = jsonValues().map(value -> body -> {
            String text = filled(body);
            String firstKey = text.substring(1, text.indexOf(':') + 1);
            return "{" + firstKey + value + "," + text.substring(1);
        });
        Arbitrary<Mutation> unknownField = jsonValues().map(value -> body -> "{\"unexpected\":" + value + ","
                + filled(body).substring(1));
        Arbitrary<Mutation> cut = Arbitraries.integers().between(1, 99)
                .map(percent -> body -> filled(body).substring(0, filled(body).length() * percent / 100));
        Arbitrary<Mutation> garbage = Arbitraries.of("x", "}", "{}", " {\"a\":1}", "\u0000", "]", "/*", ",")
                .map(tail -> body -> filled(body) + tail);
        Arbitrary<Mutation> whole = jsonValues().map(value -> body -> value);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, Arbitraries.<Mutation>just(JsonEndpointsFuzzTest::filled)),
                net.jqwik.api.Tuple.of(10, replaceValue),
                net.jqwik.api.Tuple.of(2, removeField),
                net.jqwik.api.Tuple.of(1, duplicateKey),
                net.jqwik.api.Tuple.of(1, unknownField),
                net.jqwik.api.Tuple.of(1, cut),
                net.jqwik.api.Tuple.of(1, garbage),
                net.jqwik.api.Tuple.of(1, whole));
    }

    private static String filled(String body) {
        return body.replace("{customer}", customerId).replace("{sku}", sku).replace("{order}", orderId)
                .replace("{run}", runId);
    }

    /** The body with the value at one of its leaves (chosen by {@code pick}) replaced by the raw text {@code value}. */
    private static String replaceValue(String body, int pick, String value) {
        try {
            JsonNode tree = JSON.readTree(body);
            List<Runnable> setters = new ArrayList<>();
            collectLeaves(tree, setters);
            setters.get(pick % setters.size()).run();
            return JSON.writeValueAsString(tree).replace("\"" + FUZZ + "\"", value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collectLeaves(JsonNode node, List<Runnable> setters) {
        if (node instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(name -> {
                setters.add(() -> object.set(name, TextNode.valueOf(FUZZ)));
                collectLeaves(object.get(name), setters);
            });
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                int index = i;
                setters.add(() -> array.set(index, TextNode.valueOf(FUZZ)));
                collectLeaves(array.get(i), setters);
            }
        }
    }

    private static String removeField(String body, int pick) {
        try {
            ObjectNode tree = (ObjectNode) JSON.readTree(body);
            List<String> names = new ArrayList<>();
            tree.fieldNames().forEachRemaining(names::add);
            tree.remove(names.get(pick % names.size()));
            return JSON.writeValueAsString(tree);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Any JSON value, biased towards what breaks parsers and domains. */
    private static Arbitrary<String> jsonValues() {
        return Arbitraries.oneOf(
                Arbitraries.of("null", "true", "false", "[]", "{}", "0", "-1", "1.5", "1e1000000", "-1e1000000",
                        "1e5000000", "1e400", "1e-400", "2147483647", "2147483648", "-2147483649",
                        "9223372036854775808", "999999999999.9999", "1000000000000", "0.00001", "\"2\"", "\"1.5\"",
                        "\"-999999999-01-01T00:00:00Z\"", "\"+999999999-12-31T23:59:59Z\"", "\"\"", "\" \"",
                        "\"a\\u0000b\"", "\"line\\nbreak\"", "\"\\u001b[31mred\"", "\"\\u202eRTL\"", "\"FR\"",
                        "\"EUR\"", "\"ADMIN\"", "[\"OPERATOR\"]", "{\"a\":[1,{\"b\":null}]}",
                        "[".repeat(80) + "]".repeat(80), "\"" + "x".repeat(10_000) + "\""),
                Arbitraries.integers().map(Object::toString),
                Arbitraries.doubles().map(Object::toString),
                Arbitraries.bigDecimals().ofScale(6).map(Object::toString),
                Arbitraries.strings().ofMaxLength(60).map(JsonEndpointsFuzzTest::quoted));
    }

    private static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
