package io.axle.platform.testapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The platform's security chain, problems and message metadata, booted for real (embedded H2, Mongo, Hazelcast). */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"axle.security.admin-password=test-admin-pw", "axle.hazelcast.port=5801",
                "axle.kafka.embedded.port=0"})
class PlatformSecurityTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("axle-platform-it");
        registry.add("axle.data-dir", dir::toString);
    }

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired
    TestRestTemplate http;

    @Autowired
    org.springframework.data.mongodb.core.MongoTemplate mongo;

    private String token(String username, String password) {
        ResponseEntity<Map<String, Object>> response = http.exchange("/api/v1/auth/token", HttpMethod.POST,
                json(Map.of("username", username, "password", password), null), JSON);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody()).containsEntry("token_type", "Bearer").containsKey("expires_in");
        return (String) response.getBody().get("access_token");
    }

    private static HttpEntity<Object> json(Object body, String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return new HttpEntity<>(body, headers);
    }

    @Test
    void healthIsPublicAndEverythingElseNeedsACaller() {
        assertThat(http.getForEntity("/actuator/health", String.class).getStatusCode().value()).isEqualTo(200);

        ResponseEntity<String> anonymous = http.getForEntity("/api/v1/users", String.class);
        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
        assertThat(anonymous.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(anonymous.getHeaders().getFirst("X-Correlation-Id")).isNotBlank();
    }

    @Test
    void wrongPasswordIs401Problem() {
        ResponseEntity<String> response = http.exchange("/api/v1/auth/token", HttpMethod.POST,
                json(Map.of("username", "admin", "password", "nope"), null), String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(401);
        assertThat(response.getBody()).contains("invalid-credentials");
    }

    @Test
    void adminManagesUsersAndOtherRolesAreForbidden() {
        String admin = token("admin", "test-admin-pw");
        ResponseEntity<String> created = http.exchange("/api/v1/users", HttpMethod.POST,
                json(Map.of("username", "analyst1", "password", "analyst-pw", "roles", List.of("ANALYST")), admin),
                String.class);
        assertThat(created.getStatusCode().value()).isEqualTo(201);

        String analyst = token("analyst1", "analyst-pw");
        ResponseEntity<String> forbidden = http.exchange("/api/v1/users", HttpMethod.GET, json(null, analyst),
                String.class);
        assertThat(forbidden.getStatusCode().value()).isEqualTo(403);
        assertThat(forbidden.getBody()).contains("\"rule\":\"forbidden\"");
    }

    @Test
    void apiKeyAuthenticatesAsApikeyNameAndTokenWorksAsQueryParameter() {
        String admin = token("admin", "test-admin-pw");
        ResponseEntity<Map<String, Object>> key = http.exchange("/api/v1/api-keys", HttpMethod.POST,
                json(Map.of("name", "erp", "role", "OPERATOR"), admin), JSON);
        assertThat(key.getStatusCode().value()).isEqualTo(201);

        HttpHeaders headers = new HttpHeaders();
        headers.set("X-API-Key", (String) key.getBody().get("key"));
        headers.set("X-Client-Id", "erp-connector");
        headers.set("X-Correlation-Id", "corr-test-1");
        ResponseEntity<Map<String, Object>> echo = http.exchange("/api/v1/test/echo", HttpMethod.POST,
                new HttpEntity<>(null, headers), JSON);

        assertThat(echo.getStatusCode().value()).isEqualTo(200);
        assertThat(echo.getHeaders().getFirst("X-Correlation-Id")).isEqualTo("corr-test-1");
        assertThat(echo.getBody()).containsEntry("user", "apikey:erp").containsEntry("client", "erp-connector")
                .containsEntry("correlationId", "corr-test-1");

        ResponseEntity<String> viaQuery = http.getForEntity("/api/v1/users?access_token=" + admin, String.class);
        assertThat(viaQuery.getStatusCode().value())
                .as("a token in the URL is accepted only by live-update streams")
                .isEqualTo(401);
    }

    @Test
    void theUiIsServedWithAContentSecurityPolicy() {
        ResponseEntity<String> page = http.getForEntity("/", String.class);

        assertThat(page.getHeaders().getFirst("Content-Security-Policy"))
                .contains("default-src 'self'").contains("script-src 'self';").contains("style-src 'self';")
                .contains("frame-src 'self' blob:").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
    }

    @Test
    void userNamesAreUniqueRegardlessOfCase() {
        String admin = token("admin", "test-admin-pw");
        ResponseEntity<String> shadow = http.exchange("/api/v1/users", HttpMethod.POST,
                json(Map.of("username", "ADMIN", "password", "shadow-pw-1", "roles", List.of("ADMIN")), admin),
                String.class);

        assertThat(shadow.getStatusCode().value()).isEqualTo(409);
        assertThat(shadow.getBody()).contains("\"field\":\"username\"").contains("already-exists");
    }

    @Test
    void theTokenOfADeletedUserIsRefused() {
        String admin = token("admin", "test-admin-pw");
        http.exchange("/api/v1/users", HttpMethod.POST,
                json(Map.of("username", "leaver", "password", "leaver-pw-1", "roles", List.of("ADMIN")), admin),
                String.class);
        String leaver = token("leaver", "leaver-pw-1");
        assertThat(http.exchange("/api/v1/users", HttpMethod.GET, json(null, leaver), String.class)
                .getStatusCode().value()).isEqualTo(200);

        assertThat(http.exchange("/api/v1/users/leaver", HttpMethod.DELETE, json(null, admin), String.class)
                .getStatusCode().value()).isEqualTo(204);

        assertThat(http.exchange("/api/v1/users", HttpMethod.GET, json(null, leaver), String.class)
                .getStatusCode().value()).isEqualTo(401);
    }

    @ParameterizedTest
    @CsvSource({
            "partner, customerId, customer-a, partner-key-unbound, names no customer",
            "device,  deviceId,   t-1,        device-key-unbound,  names no device"})
    void aPartnerOrDeviceKeyMustNameWhatItIsBoundToAndAnOlderUnboundOneIsRefused(
            String role, String field, String boundTo, String rule, String reason) throws Exception {
        String admin = token("admin", "test-admin-pw");
        ResponseEntity<String> unbound = http.exchange("/api/v1/api-keys", HttpMethod.POST,
                json(Map.of("name", role + "-x", "role", role), admin), String.class);
        assertThat(unbound.getStatusCode().value()).isEqualTo(400);
        assertThat(unbound.getBody()).contains("\"field\":\"" + field + "\"").contains("invalid-binding");

        ResponseEntity<Map<String, Object>> bound = http.exchange("/api/v1/api-keys", HttpMethod.POST,
                json(Map.of("name", role + "-a", "role", role, field, boundTo), admin), JSON);
        assertThat(bound.getStatusCode().value()).isEqualTo(201);
        assertThat(bound.getBody()).containsEntry(field, boundTo);

        ResponseEntity<String> refused = echoWithAnOlderKey(role.toUpperCase());
        assertThat(refused.getStatusCode().value()).isEqualTo(401);
        assertThat(refused.getBody()).contains(rule).contains(reason);
    }

    /** Stores a key of {@code role} as keys were stored before they were bound (no customer, no device) and uses it. */
    private ResponseEntity<String> echoWithAnOlderKey(String role) throws Exception {
        String olderKey = "axk_an-older-" + role.toLowerCase() + "-key-bound-to-nothing-" + UUID.randomUUID();
        mongo.insert(new org.bson.Document("_id", "older-" + UUID.randomUUID()).append("name", "older")
                .append("role", role)
                .append("hash", java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(olderKey.getBytes(java.nio.charset.StandardCharsets.UTF_8)))), "platform_api_keys");
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-API-Key", olderKey);
        return http.exchange("/api/v1/test/echo", HttpMethod.POST, new HttpEntity<>(null, headers), String.class);
    }

    @Test
    void failedSignInsOfOneUserAreThrottled() {
        String admin = token("admin", "test-admin-pw");
        http.exchange("/api/v1/users", HttpMethod.POST,
                json(Map.of("username", "guessed", "password", "guessed-pw-1", "roles", List.of("ANALYST")), admin),
                String.class);
        for (int i = 0; i < 5; i++) {
            assertThat(http.exchange("/api/v1/auth/token", HttpMethod.POST,
                    json(Map.of("username", "guessed", "password", "guess-" + i), null), String.class)
                    .getStatusCode().value()).isEqualTo(401);
        }

        ResponseEntity<String> throttled = http.exchange("/api/v1/auth/token", HttpMethod.POST,
                json(Map.of("username", "Guessed", "password", "guessed-pw-1"), null), String.class);

        assertThat(throttled.getStatusCode().value()).as("even the right password waits").isEqualTo(429);
        assertThat(throttled.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(Long.parseLong(throttled.getHeaders().getFirst("Retry-After"))).isBetween(1L, 60L);
        assertThat(throttled.getBody()).contains("too-many-failed-sign-ins");
        assertThat(token("admin", "test-admin-pw")).as("other users sign in as before").isNotBlank();
    }

    @Test
    void auditOfUnknownAggregateIs404Problem() {
        String admin = token("admin", "test-admin-pw");
        ResponseEntity<String> response = http.exchange("/api/v1/audit/Order/unknown", HttpMethod.GET,
                json(null, admin), String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(response.getBody()).contains("\"resource\":\"Order\"");
    }

    /** Creates a user through the API (as admin) and answers nothing: the test signs in as them next. */
    private void createUser(String admin, String username, String password, String... roles) {
        ResponseEntity<String> created = http.exchange("/api/v1/users", HttpMethod.POST,
                json(Map.of("username", username, "password", password, "roles", List.of(roles)), admin),
                String.class);
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
    }

    @Nested
    class ManagingUsersAndKeys {

        @Test
        @SuppressWarnings("unchecked")
        void changedRolesTakeEffectOnTheUsersNextToken() {
            String admin = token("admin", "test-admin-pw");
            createUser(admin, "promoted", "promoted-pw-1", "ANALYST");
            String before = token("promoted", "promoted-pw-1");

            ResponseEntity<Map<String, Object>> changed = http.exchange("/api/v1/users/promoted/roles",
                    HttpMethod.PUT, json(Map.of("roles", List.of("ADMIN", "operator")), admin), JSON);

            assertThat(changed.getStatusCode().value()).isEqualTo(200);
            assertThat((List<Object>) changed.getBody().get("roles")).containsExactlyInAnyOrder("ADMIN", "OPERATOR");
            assertThat(http.exchange("/api/v1/users", HttpMethod.GET, json(null, before), String.class)
                    .getStatusCode().value()).as("the token issued before keeps its roles").isEqualTo(403);
            assertThat(http.exchange("/api/v1/users", HttpMethod.GET,
                    json(null, token("promoted", "promoted-pw-1")), String.class)
                    .getStatusCode().value()).as("the next token carries the new roles").isEqualTo(200);
        }

        @ParameterizedTest
        @CsvSource({"PARTNER, partner-is-a-key", "WIZARD, unknown-role"})
        void rolesAUserCannotHaveAreRefusedOnTheRolesField(String role, String rule) {
            String admin = token("admin", "test-admin-pw");
            createUser(admin, "changed-" + role.toLowerCase(), "changed-pw-1", "ANALYST");

            ResponseEntity<String> refused = http.exchange("/api/v1/users/changed-" + role.toLowerCase() + "/roles",
                    HttpMethod.PUT, json(Map.of("roles", List.of(role)), admin), String.class);

            assertThat(refused.getStatusCode().value()).isEqualTo(400);
            assertThat(refused.getBody()).contains("\"field\":\"roles\"").contains(rule);
        }

        @Test
        void theRolesOfAnUnknownUserAre404() {
            ResponseEntity<String> missing = http.exchange("/api/v1/users/nobody-here/roles", HttpMethod.PUT,
                    json(Map.of("roles", List.of("ANALYST")), token("admin", "test-admin-pw")), String.class);

            assertThat(missing.getStatusCode().value()).isEqualTo(404);
        }

        @Test
        void anAdminCannotDeleteThemselfNorTakeTheirOwnAdminRole() {
            String admin = token("admin", "test-admin-pw");

            ResponseEntity<String> deleted = http.exchange("/api/v1/users/Admin", HttpMethod.DELETE,
                    json(null, admin), String.class);
            ResponseEntity<String> demoted = http.exchange("/api/v1/users/admin/roles", HttpMethod.PUT,
                    json(Map.of("roles", List.of("ANALYST")), admin), String.class);

            assertThat(deleted.getStatusCode().value()).isEqualTo(409);
            assertThat(deleted.getHeaders().getContentType().toString()).startsWith("application/problem+json");
            assertThat(deleted.getBody()).contains("cannot-delete-yourself");
            assertThat(demoted.getStatusCode().value()).isEqualTo(409);
            assertThat(demoted.getBody()).contains("cannot-demote-yourself");
            assertThat(token("admin", "test-admin-pw")).as("the admin is still there").isNotBlank();
        }

        @Test
        void aRevokedKeyIsRefusedAndStaysListedAsRevoked() {
            String admin = token("admin", "test-admin-pw");
            ResponseEntity<Map<String, Object>> key = http.exchange("/api/v1/api-keys", HttpMethod.POST,
                    json(Map.of("name", "to-revoke", "role", "OPERATOR"), admin), JSON);
            String id = (String) key.getBody().get("id");
            HttpHeaders withKey = new HttpHeaders();
            withKey.set("X-API-Key", (String) key.getBody().get("key"));
            assertThat(http.exchange("/api/v1/test/echo", HttpMethod.POST, new HttpEntity<>(null, withKey),
                    String.class).getStatusCode().value()).isEqualTo(200);

            ResponseEntity<Map<String, Object>> revoked = http.exchange("/api/v1/api-keys/" + id + "/revoke",
                    HttpMethod.POST, json(null, admin), JSON);

            assertThat(revoked.getStatusCode().value()).isEqualTo(200);
            assertThat(revoked.getBody().get("revokedAt")).isNotNull();
            assertThat(revoked.getBody().get("key")).as("the secret is never shown again").isNull();
            assertThat(http.exchange("/api/v1/test/echo", HttpMethod.POST, new HttpEntity<>(null, withKey),
                    String.class).getStatusCode().value()).isEqualTo(401);
            ResponseEntity<List<Map<String, Object>>> listed = http.exchange("/api/v1/api-keys", HttpMethod.GET,
                    json(null, admin), new ParameterizedTypeReference<>() {
                    });
            assertThat(listed.getBody()).filteredOn(k -> id.equals(k.get("id"))).singleElement()
                    .satisfies(k -> assertThat(k.get("revokedAt")).isNotNull());
            assertThat(http.exchange("/api/v1/api-keys/no-such-key/revoke", HttpMethod.POST, json(null, admin),
                    String.class).getStatusCode().value()).isEqualTo(404);
        }
    }

    @Nested
    class Preferences {

        @Test
        void aUsersLanguageIsRememberedAndAnsweredWithTheirNextToken() {
            String admin = token("admin", "test-admin-pw");
            createUser(admin, "francophone", "francophone-pw", "ANALYST");
            String user = token("francophone", "francophone-pw");
            assertThat(http.exchange("/api/v1/me/preferences", HttpMethod.GET, json(null, user), JSON).getBody())
                    .as("nothing chosen yet").doesNotContainEntry("language", "fr").doesNotContainEntry("language", "en");

            ResponseEntity<Map<String, Object>> saved = http.exchange("/api/v1/me/preferences", HttpMethod.PUT,
                    json(Map.of("language", "fr"), user), JSON);

            assertThat(saved.getStatusCode().value()).isEqualTo(200);
            assertThat(http.exchange("/api/v1/me/preferences", HttpMethod.GET, json(null, user), JSON).getBody())
                    .containsEntry("language", "fr");
            ResponseEntity<Map<String, Object>> signIn = http.exchange("/api/v1/auth/token", HttpMethod.POST,
                    json(Map.of("username", "francophone", "password", "francophone-pw"), null), JSON);
            assertThat(signIn.getBody()).containsEntry("language", "fr");
        }

        @ParameterizedTest
        @CsvSource({"de", "EN", "''"})
        void onlyEnglishAndFrenchAreAccepted(String language) {
            ResponseEntity<String> refused = http.exchange("/api/v1/me/preferences", HttpMethod.PUT,
                    json(Map.of("language", language), token("admin", "test-admin-pw")), String.class);

            assertThat(refused.getStatusCode().value()).isEqualTo(400);
            assertThat(refused.getHeaders().getContentType().toString()).startsWith("application/problem+json");
            assertThat(refused.getBody()).contains("\"field\":\"language\"");
        }

        @Test
        void anApiKeyHasNoPreferences() {
            ResponseEntity<Map<String, Object>> key = http.exchange("/api/v1/api-keys", HttpMethod.POST,
                    json(Map.of("name", "no-prefs", "role", "ANALYST"), token("admin", "test-admin-pw")), JSON);
            HttpHeaders headers = new HttpHeaders();
            headers.set("X-API-Key", (String) key.getBody().get("key"));

            ResponseEntity<String> refused = http.exchange("/api/v1/me/preferences", HttpMethod.GET,
                    new HttpEntity<>(null, headers), String.class);

            assertThat(refused.getStatusCode().value()).isEqualTo(403);
            assertThat(refused.getBody()).contains("users-only");
        }
    }
}
