package io.axle.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.axle.launcher.AxleApplication;
import io.axle.launcher.e2e.AxleClient.Answer;
import io.axle.launcher.e2e.SpecCoverage.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.awaitility.Awaitility;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Axle started for the first time on an empty data folder and without an admin password, as {@code scripts/run.sh}
 * starts it: what its log says, and the OpenAPI description and Swagger UI it serves.
 */
@ExtendWith(OutputCaptureExtension.class)
class FirstStartEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BOX_CREDENTIALS = Pattern.compile("Axle admin user created: (\\S+) / (\\S+)");

    static Path dataDir;
    static ConfigurableApplicationContext context;
    static String startLog;
    static AxleClient anonymous;
    static JsonNode spec;

    @BeforeAll
    static void startForTheFirstTime(CapturedOutput output) throws Exception {
        dataDir = AxleProcess.tempDataDir("axle-first-start");
        context = new SpringApplicationBuilder(AxleApplication.class).run(
                "--server.port=0", "--axle.kafka.embedded.port=0", "--axle.mqtt.embedded.port=0",
                "--axle.hazelcast.port=" + AxleProcess.freePort(), "--axle.data-dir=" + dataDir.toAbsolutePath(),
                "--axle.security.admin-password=", "--axle.mqtt.embedded.start-timeout=5m");
        startLog = output.getAll();
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        anonymous = new AxleClient("http://127.0.0.1:" + port);
        Answer described = anonymous.get("/v3/api-docs");
        assertThat(described.status()).as(described.raw().body()).isEqualTo(200);
        spec = JSON.readTree(described.raw().body());
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
        FileSystemUtils.deleteRecursively(dataDir.toFile());
    }

    /** The messages of the log lines, without time, level, thread and logger. */
    static List<String> messages(String log) {
        return log.lines().map(line -> line.contains(" : ") ? line.substring(line.indexOf(" : ") + 3) : line)
                .toList();
    }

    static AxleClient admin() {
        Matcher credentials = BOX_CREDENTIALS.matcher(startLog);
        assertThat(credentials.find()).as("the admin box in the log").isTrue();
        return new AxleClient(anonymous.baseUrl()).signIn(credentials.group(1), credentials.group(2));
    }

    @Nested
    class StartUpLog {

        @Test
        void showsTheGeneratedAdminPasswordInAnAlignedBoxAfterTheReadyLine() {
            List<String> lines = startLog.lines().toList();
            int ready = indexOf(lines, "Axle is ready on http://localhost:");
            int created = indexOf(lines, "Axle admin user created: admin / ");
            assertThat(ready).as("the ready line").isNotNegative();
            assertThat(created).as("the box comes after the ready line").isGreaterThan(ready);

            List<String> box = messages(String.join("\n", lines.subList(created - 1, created + 3)));
            assertThat(box.get(0)).matches("\\+-+\\+");
            assertThat(box.get(1)).matches("\\|  Axle admin user created: admin / [A-Za-z0-9]{20} +\\|");
            assertThat(box.get(2)).matches("\\|  Shown only this once\\. Set AXLE_ADMIN_PASSWORD to choose it\\. +\\|");
            assertThat(box.get(3)).isEqualTo(box.get(0));
            assertThat(box).extracting(String::length).containsOnly(box.get(0).length());
            assertThat(lines.subList(created - 1, created + 3)).extracting(line -> line.indexOf(" : "))
                    .containsOnly(lines.get(created).indexOf(" : "));
        }

        @Test
        void thePasswordInTheBoxSignsIn() {
            assertThat(admin().token()).isNotBlank();
        }

        @Test
        void namesItsProfileAndHasNoneOfTheKnownWarnings() {
            assertThat(startLog).contains("The following 1 profile is active: \"embedded\"", "Axle is ready on http",
                    "profiles embedded)");
            assertThat(startLog).doesNotContain(
                    "Support for convention-based annotation attribute overrides is deprecated",
                    "Standard Commons Logging discovery in action",
                    "HHH10001005",
                    "No active profile set",
                    "profiles )",
                    "has been already registered",
                    "endpoint is enabled by default");
            assertThat(startLog).contains("API description at /v3/api-docs, Swagger UI at /swagger-ui.html");
        }

        @Test
        void processorsHandlingSeveralEventsRegisterTheirLatencyGaugeOnce(CapturedOutput output) {
            AxleClient admin = admin();
            for (int i = 0; i < 3; i++) {
                Answer registered = admin.post("/api/v1/customers", Map.of("name", "Gauge customer " + i,
                        "email", "gauge" + i + "@example.com", "country", "FR", "currency", "EUR",
                        "creditLimit", 100));
                assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
            }
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> admin.get("/api/v1/customers?size=50")
                    .body().path("totalElements").asInt() >= 3);

            assertThat(context.getBean(MeterRegistry.class).find("customers.latency").gauges()).hasSize(1);
            assertThat(output.getAll()).doesNotContain("has been already registered");
        }

        private static int indexOf(List<String> lines, String text) {
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(text)) {
                    return i;
                }
            }
            return -1;
        }
    }

    @Nested
    class ApiDescription {

        private RequestMappingHandlerMapping mapping() {
            return context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        }

        @Test
        void describesEveryControllerEndpointWithItsRolesAndProblems() {
            Set<Endpoint> endpoints = SpecCoverage.endpoints(mapping());

            assertThat(endpoints).hasSizeGreaterThan(40)
                    .contains(new Endpoint("POST", "/api/v1/orders"), new Endpoint("GET", "/api/runs/{id}"));
            assertThat(SpecCoverage.gaps(endpoints, spec)).isEmpty();
        }

        @Test
        void documentsTheSuccessStatusEachEndpointAnswersWithItsBody() {
            Map<Endpoint, Integer> statuses = SpecCoverage.successStatuses(mapping(), SpecCoverage.notes());
            assertThat(statuses).containsEntry(new Endpoint("POST", "/api/v1/orders"), 202)
                    .containsEntry(new Endpoint("POST", "/api/v1/customers"), 201)
                    .containsEntry(new Endpoint("PUT", "/api/v1/customers/{customerId}"), 204);
            assertThat(SpecCoverage.successGaps(statuses, spec)).isEmpty();

            JsonNode placed = operation("post", "/api/v1/orders").at("/responses/202");
            String body = placed.at("/content/application~1json/schema/$ref").asText();
            assertThat(strings(spec.at(body.substring(1) + "/properties").fieldNames()))
                    .containsExactlyInAnyOrder("orderId", "number");
            assertThat(placed.at("/headers/Location").isObject()).isTrue();
            assertThat(placed.at("/content/application~1json/examples/example/value/orderId").asText()).isNotBlank();
            assertThat(operation("post", "/api/v1/orders").at("/responses/200").isMissingNode()).isTrue();

            JsonNode started = operation("post", "/api/runs/start").get("responses");
            assertThat(started.at("/201/headers/Location").isObject()).isTrue();
            assertThat(started.at("/202/content").isObject()).as("202 has the same body").isTrue();
            assertThat(operation("put", "/api/v1/customers/{customerId}").at("/responses/204/content").isMissingNode())
                    .isTrue();
            assertThat(operation("post", "/api/v1/customers").at("/responses/201/headers/Location").isObject())
                    .isTrue();
        }

        @Test
        void anAcceptedEndpointDocumentedAsOkIsReported() {
            ObjectNode wrong = spec.deepCopy();
            ObjectNode responses = (ObjectNode) wrong.at("/paths/~1api~1v1~1orders/post/responses");
            responses.set("200", responses.remove("202"));

            assertThat(SpecCoverage.successGaps(SpecCoverage.successStatuses(mapping(), SpecCoverage.notes()), wrong))
                    .containsExactly("POST /api/v1/orders: answers 202, documented as 200");
        }

        @Test
        void anEndpointLeftOutOfTheServedDescriptionIsReported() {
            ObjectNode trimmed = spec.deepCopy();
            ((ObjectNode) trimmed.get("paths")).remove("/api/v1/orders");
            ((ObjectNode) trimmed.get("paths").get("/api/v1/stock/{sku}").get("get")).remove("x-roles");

            assertThat(SpecCoverage.gaps(SpecCoverage.endpoints(mapping()), trimmed)).containsExactlyInAnyOrder(
                    "GET /api/v1/orders: not described", "POST /api/v1/orders: not described",
                    "GET /api/v1/stock/{sku}: no x-roles");
        }

        @Test
        void namesTheRolesOfEachOperationAsItsPreAuthorizeDoes() {
            JsonNode place = operation("post", "/api/v1/orders");
            assertThat(strings(place.get("x-roles"))).containsExactly("admin", "operator", "partner");
            assertThat(place.get("description").asText()).startsWith("Roles: admin, operator, partner.");

            assertThat(strings(operation("get", "/api/v1/admin/dead-letters").get("x-roles")))
                    .as("a role required by the controller class").containsExactly("admin");
            assertThat(strings(operation("get", "/api/v1/stock").get("x-roles")))
                    .containsExactly("admin", "operator", "analyst", "technician", "partner");

            JsonNode signIn = operation("post", "/api/v1/auth/token");
            assertThat(signIn.get("security")).as("public").isEmpty();
            assertThat(signIn.get("x-roles")).isEmpty();
            assertThat(signIn.get("description").asText()).startsWith("Roles: none, public.");

            assertThat(strings(spec.get("components").get("securitySchemes").fieldNames()))
                    .containsExactlyInAnyOrder("bearer", "apiKey");
            assertThat(spec.at("/components/securitySchemes/apiKey/name").asText()).isEqualTo("X-API-Key");
            assertThat(spec.at("/components/securitySchemes/bearer/bearerFormat").asText()).isEqualTo("JWT");
        }

        @Test
        void answersProblemsByTheShapeOfEachOperation() {
            assertThat(SpecCoverage.problemStatuses(operation("post", "/api/v1/stock/{sku}/receipts")))
                    .containsExactlyInAnyOrder("400", "401", "403", "404", "409", "413", "415", "422", "429", "500");
            assertThat(SpecCoverage.problemStatuses(operation("get", "/api/v1/orders")))
                    .containsExactlyInAnyOrder("400", "401", "403", "429", "500", "503");
            assertThat(SpecCoverage.problemStatuses(operation("post", "/api/sensors/data"))).contains("503");
            assertThat(SpecCoverage.problemStatuses(operation("post", "/api/v1/auth/token")))
                    .contains("401", "429").doesNotContain("403");

            JsonNode badRequest = operation("post", "/api/v1/stock/{sku}/receipts")
                    .at("/responses/400/content/application~1problem+json");
            assertThat(badRequest.at("/schema/$ref").asText()).isEqualTo("#/components/schemas/Problem");
            assertThat(badRequest.at("/example/rule").asText()).isEqualTo("positive");
        }

        @Test
        void theProblemSchemaHoldsEveryMemberOfRealProblems() {
            Set<String> members = new TreeSet<>(strings(spec.at("/components/schemas/Problem/properties").fieldNames()));
            assertThat(members).contains("type", "title", "status", "detail", "instance", "correlationId", "field",
                    "rule", "errors");
            AxleClient admin = admin();

            List<Answer> problems = List.of(
                    admin.post("/api/v1/stock/OPENAPI-1/receipts", Map.of("quantity", 0)),
                    admin.get("/api/v1/orders/no-such-order"),
                    anonymous.get("/api/v1/orders"),
                    admin.post("/api/v1/orders", "not json"));
            for (Answer problem : problems) {
                assertThat(problem.contentType()).startsWith("application/problem+json");
                assertThat(strings(problem.body().fieldNames())).as(problem.raw().body()).isSubsetOf(members);
                assertThat(SpecCoverage.problemStatuses(operation(problem.raw().request().method()
                        .toLowerCase(Locale.ROOT), template(problem.raw().request().uri().getPath()))))
                        .contains(Integer.toString(problem.status()));
            }
        }

        @Test
        void examplesOfRequestBodiesAreValidRequests() throws Exception {
            Validator validator = Validation.buildDefaultValidatorFactory().getValidator();
            ObjectMapper appJson = context.getBean(ObjectMapper.class);
            List<String> noted = new ArrayList<>();
            for (Resource notes : new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:META-INF/axle/openapi-notes.json")) {
                JSON.readTree(notes.getInputStream()).fields().forEachRemaining(note -> {
                    if (note.getValue().has("example")) {
                        noted.add(note.getKey());
                    }
                });
            }
            assertThat(noted).contains("POST /api/v1/orders", "POST /api/v1/customers",
                    "POST /api/v1/stock/{sku}/receipts", "POST /api/v1/invoices/{invoiceId}/payments",
                    "POST /api/runs/start");

            for (String key : noted) {
                String[] methodAndPath = key.split(" ", 2);
                JsonNode example = operation(methodAndPath[0].toLowerCase(Locale.ROOT), methodAndPath[1])
                        .at("/requestBody/content/application~1json/examples/example/value");
                assertThat(example.isObject()).as(key + " shows its example").isTrue();
                Type body = requestBodyType(methodAndPath[0], methodAndPath[1]);
                Object request = appJson.readValue(example.toString(), appJson.constructType(body));
                assertThat(validator.validate(request)).as(key + " example is valid").isEmpty();
            }
        }

        private Type requestBodyType(String method, String path) {
            for (Map.Entry<org.springframework.web.servlet.mvc.method.RequestMappingInfo, HandlerMethod> mapping
                    : mapping().getHandlerMethods().entrySet()) {
                boolean matches = mapping.getKey().getPatternValues().contains(path)
                        && mapping.getKey().getMethodsCondition().getMethods().stream()
                        .anyMatch(candidate -> candidate.name().equals(method));
                if (matches) {
                    for (MethodParameter parameter : mapping.getValue().getMethodParameters()) {
                        if (parameter.hasParameterAnnotation(RequestBody.class)) {
                            return parameter.getGenericParameterType();
                        }
                    }
                }
            }
            throw new AssertionError("No handler with a request body for " + method + " " + path);
        }

        private JsonNode operation(String method, String path) {
            JsonNode operation = spec.path("paths").path(path).path(method);
            assertThat(operation.isObject()).as(method + " " + path + " is described").isTrue();
            return operation;
        }

        /** The described path a concrete request path belongs to. */
        private String template(String requestPath) {
            List<String> templates = new ArrayList<>();
            spec.get("paths").fieldNames().forEachRemaining(templates::add);
            return templates.stream()
                    .filter(template -> requestPath.matches(template.replaceAll("\\{[^}]+}", "[^/]+")))
                    .min((a, b) -> Long.compare(a.chars().filter(c -> c == '{').count(),
                            b.chars().filter(c -> c == '{').count()))
                    .orElseThrow();
        }
    }

    @Nested
    class SwaggerUi {

        @Test
        void isServedWithTheDescriptionToAnyone() {
            Answer ui = anonymous.getText("/swagger-ui.html");
            assertThat(ui.status()).isEqualTo(302);
            assertThat(ui.header("Location")).endsWith("/swagger-ui/index.html");
            Answer page = anonymous.getText("/swagger-ui/index.html");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.raw().body()).contains("swagger-initializer.js");
            assertThat(page.header("Content-Security-Policy")).contains("script-src 'self';", "frame-ancestors 'none'");
            assertThat(anonymous.getText("/v3/api-docs/swagger-config").status()).isEqualTo(200);
        }

        @Test
        void showsEveryOperationWithinTheContentSecurityPolicy() throws Exception {
            Path profile = java.nio.file.Files.createTempDirectory("axle-swagger-ui-browser");
            ChromeOptions options = new ChromeOptions()
                    .setBinary("/usr/bin/chromium")
                    .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                            "--disable-background-networking", "--no-first-run",
                            "--user-data-dir=" + profile.toAbsolutePath());
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
            ChromeDriver browser = new ChromeDriver(new ChromeDriverService.Builder()
                    .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build(),
                    options);
            try {
                browser.get(anonymous.baseUrl() + "/swagger-ui.html");
                int described = spec.get("paths").findValues("responses").size();
                new WebDriverWait(browser, Duration.ofSeconds(60)).until(
                        page -> page.findElements(By.cssSelector(".opblock")).size() == described);

                assertThat(browser.manage().logs().get(LogType.BROWSER).getAll()).extracting(LogEntry::getMessage)
                        .noneMatch(message -> message.contains("Content Security Policy"));
            } finally {
                browser.quit();
                FileSystemUtils.deleteRecursively(profile.toFile());
            }
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static List<String> strings(java.util.Iterator<String> names) {
        List<String> values = new ArrayList<>();
        names.forEachRemaining(values::add);
        return values;
    }
}
