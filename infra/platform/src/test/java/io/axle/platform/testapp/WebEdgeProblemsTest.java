package io.axle.platform.testapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every refusal at the web edge is a problem, including those made before Spring MVC runs: by Tomcat itself, by
 * Spring Security's firewall, by the request limits and at the container's error page. Requests go over a raw socket
 * to the real embedded Tomcat, so that nothing normalises them on the way.
 */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"axle.security.admin-password=test-admin-pw", "axle.hazelcast.port=5802",
                "axle.kafka.embedded.port=0", "axle.idempotency.retention=2s"})
class WebEdgeProblemsTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("axle-web-edge-it");
        registry.add("axle.data-dir", dir::toString);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    /** An answer as read off the socket. */
    record Answer(int status, String head, String body) {
        String contentType() {
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                    return line.substring("content-type:".length()).strip();
                }
            }
            return "";
        }

        Map<String, Object> problem() throws Exception {
            assertThat(contentType()).as("content type of %s", head).startsWith("application/problem+json");
            String json = body.substring(body.indexOf('{'), body.lastIndexOf('}') + 1);
            return JSON.readValue(json, new TypeReference<>() {
            });
        }
    }

    private Answer send(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            in.transferTo(received);
            String text = received.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            return new Answer(Integer.parseInt(text.substring(9, 12)), text.substring(0, end), text.substring(end + 4));
        }
    }

    private Answer get(String target, String... headers) throws Exception {
        return send("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + String.join("", headers.length == 0 ? List.of() : List.of(headers)) + "\r\n");
    }

    private Answer post(String target, String body, String... headers) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return send("POST " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n"
                + String.join("", headers) + "\r\n" + body);
    }

    private String bearer() throws Exception {
        Answer token = post("/api/v1/auth/token", "{\"username\":\"admin\",\"password\":\"test-admin-pw\"}");
        assertThat(token.status()).isEqualTo(200);
        String json = token.body().substring(token.body().indexOf('{'), token.body().lastIndexOf('}') + 1);
        return "Authorization: Bearer " + JSON.readTree(json).get("access_token").asText() + "\r\n";
    }

    @Nested
    class RefusedByTomcat {

        @ParameterizedTest(name = "{0}")
        @CsvSource({
                "/api/v1/..%2Fusers",
                "/api/v1%2Fusers",
                "/api/v1/users%00",
                "/api/v1/%5Cusers",
                "/api/v1/us{ers",
                "/api/v1/us%zzers",
                "/../api/v1/users"})
        void aRejectedUrlIsA400Problem(String target) throws Exception {
            Answer answer = get(target);

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.problem()).containsEntry("status", 400).containsEntry("rule", "rejected-url")
                    .containsEntry("field", "url").containsKey("correlationId");
        }

        @Test
        void aMalformedRequestLineIsA400Problem() throws Exception {
            Answer answer = send("G(T /api/v1/users HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.problem()).containsEntry("rule", "rejected-request");
        }

        @Test
        void anUnknownHttpVersionIsA505Problem() throws Exception {
            Answer answer = send("GET /api/v1/users HTTP/9.9\r\nHost: localhost\r\nConnection: close\r\n\r\n");

            assertThat(answer.status()).isEqualTo(505);
            assertThat(answer.problem()).containsEntry("status", 505)
                    .containsEntry("rule", "http-version-not-supported");
        }

        @Test
        void headersOverTomcatsLimitAreA431Problem() throws Exception {
            String header = "X-Filler-%d: " + "a".repeat(7_000) + "\r\n";
            StringBuilder headers = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                headers.append(header.formatted(i));
            }

            Answer answer = get("/api/v1/users", headers.toString());

            assertThat(answer.status()).isEqualTo(431);
            assertThat(answer.problem()).containsEntry("rule", "max-header-size");
        }
    }

    @Nested
    class RefusedByTheFirewall {

        @ParameterizedTest(name = "{0}")
        @CsvSource({"/api/v1/users;jsessionid=abc", "/api/v1/%2e%2e/users", "/api/v1//users"})
        void aSuspiciousUrlIsA400Problem(String target) throws Exception {
            Answer answer = get(target);

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.problem()).containsEntry("rule", "rejected-url").containsEntry("field", "url")
                    .containsKey("correlationId");
        }
    }

    @Nested
    class RequestLimits {

        @Test
        void aHeaderOver8kBIsA431ProblemNamingIt() throws Exception {
            Answer answer = get("/api/v1/users", "X-Big: " + "a".repeat(10_000) + "\r\n");

            assertThat(answer.status()).isEqualTo(431);
            Map<String, Object> problem = answer.problem();
            assertThat(problem).containsEntry("rule", "max-header-size");
            assertThat((String) problem.get("field")).as("Tomcat gives header names in lower case")
                    .isEqualToIgnoringCase("X-Big");
        }

        @Test
        void a10kBIdempotencyKeyIsA431ProblemNamingIt() throws Exception {
            Answer answer = post("/api/v1/test/echo", "{}", "Idempotency-Key: " + "k".repeat(10_000) + "\r\n");

            assertThat(answer.status()).isEqualTo(431);
            Map<String, Object> problem = answer.problem();
            assertThat(problem).containsEntry("rule", "max-header-size");
            assertThat((String) problem.get("field")).isEqualToIgnoringCase("Idempotency-Key");
        }

        @Test
        void anIdempotencyKeyOver200CharactersIsA400ProblemNamingIt() throws Exception {
            Answer answer = post("/api/v1/test/echo", "{}", bearer(), "Idempotency-Key: " + "k".repeat(201) + "\r\n");

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.problem()).containsEntry("field", "Idempotency-Key").containsEntry("rule", "max-length");
        }

        @Test
        void aBodyOver1MBIsA413Problem() throws Exception {
            Answer answer = post("/api/v1/test/echo", "[" + "0,".repeat(750_000) + "0]");

            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.problem()).containsEntry("rule", "max-body-size");
        }
    }

    @Nested
    class ErrorPage {

        @Test
        void anErrorSentOutsideSpringMvcIsAProblemWithItsStatus() throws Exception {
            Answer answer = get("/api/v1/test/send-error", bearer());

            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.problem()).containsEntry("status", 503).containsKey("correlationId");
            assertThat(answer.body()).doesNotContain("backend unavailable");
        }

        @Test
        void theErrorPageAskedForDirectlyIsA404Problem() throws Exception {
            Answer answer = get("/error");

            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.problem()).containsEntry("rule", "not-found");
        }
    }

    @Nested
    class DatesOutOfRange {

        @ParameterizedTest(name = "{0}")
        @CsvSource({"-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "0000-12-31T23:59:59Z",
                "+10000-01-01T00:00:00Z"})
        void aQueryParameterIsA400ProblemNamingIt(String date) throws Exception {
            Answer answer = get("/api/v1/test/since?from=" + date.replace("+", "%2B"), bearer());

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.problem()).containsEntry("field", "from").containsEntry("rule", "date-range");
        }

        @Test
        void aLocalDateParameterIsA400ProblemNamingIt() throws Exception {
            Answer answer = get("/api/v1/test/since?from=2026-01-01T00:00:00Z&day=-999999999-01-01", bearer());

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.problem()).containsEntry("field", "day").containsEntry("rule", "date-range");
        }

        @Test
        void aParameterRecordFieldIsA400ProblemNamingIt() throws Exception {
            Answer answer = get("/api/v1/test/window?from=2026-01-01T00:00:00Z&to=%2B999999999-12-31T23:59:59Z",
                    bearer());

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.problem()).containsEntry("field", "to").containsEntry("rule", "date-range");
        }

        @Test
        void aDateInABodyIsA400ProblemNamingItsPath() throws Exception {
            Answer answer = post("/api/v1/test/bookings", "{\"name\":\"a\",\"slots\":[{\"start\":\"2026-01-01T10:00:00Z\"},"
                    + "{\"start\":\"-999999999-01-01T00:00:00Z\"}]}", bearer());

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.problem()).containsEntry("field", "slots[1].start").containsEntry("rule", "date-range");
        }

        @Test
        void datesWithinRangeAreAccepted() throws Exception {
            String auth = bearer();
            assertThat(get("/api/v1/test/since?from=0001-01-01T00:00:00Z&day=9999-12-31", auth).status()).isEqualTo(200);
            assertThat(get("/api/v1/test/window?from=2026-01-01T00:00:00Z", auth).status()).isEqualTo(200);
            assertThat(post("/api/v1/test/bookings", "{\"name\":\"a\",\"slots\":[{\"start\":\"9999-12-31T23:59:59Z\"}]}",
                    auth).status()).isEqualTo(200);
        }
    }

    @Nested
    class IdempotencyRecords {

        @Test
        void expireOnTheEmbeddedStore() throws Exception {
            String auth = bearer();
            assertThat(post("/api/v1/test/echo", "{}", auth, "Idempotency-Key: first\r\n").status()).isEqualTo(200);
            assertThat(keys()).contains("admin|first");

            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                post("/api/v1/test/echo", "{}", auth, "Idempotency-Key: later-" + System.nanoTime() + "\r\n");
                assertThat(keys()).doesNotContain("admin|first");
            });
        }

        private List<String> keys() {
            return mongo.getCollection("platform_idempotency_keys").distinct("_id", String.class)
                    .into(new java.util.ArrayList<>());
        }
    }
}
