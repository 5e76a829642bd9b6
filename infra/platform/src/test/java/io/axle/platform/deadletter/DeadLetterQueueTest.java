package io.axle.platform.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.axle.platform.deadletter.DeadLetterTestApplication.ThingHandler;
import io.axle.platform.deadletter.DeadLetterTestApplication.ThingHappened;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The dead-letter queue of a processing group on a real Axon configuration, its JPA queue on H2: a failing event is
 * dead-lettered and the later events of its aggregate queue behind it while other aggregates go on; administrators see
 * the letters with their cause; once the cause is fixed a retry, automatic or asked for, handles them in order.
 */
class DeadLetterQueueTest extends PlatformWithAxonTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ParameterizedTypeReference<List<Map<String, Object>>> GROUPS =
            new ParameterizedTypeReference<>() {
            };
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired
    TestRestTemplate http;
    @Autowired
    EventStore eventStore;
    @Autowired
    ThingHandler handler;
    @Autowired
    JdbcTemplate jdbc;

    private String admin;

    @BeforeEach
    void signIn() {
        admin = token("admin", "test-admin-pw");
    }

    @Test
    void aFailingAggregateWaitsInTheQueueWhileOthersGoOnAndTheAutomaticRetryHandlesItInOrder() {
        handler.broken.add("a-1");
        publish("a-1", 1);
        publish("b-1", 1);
        publish("a-1", 2);
        publish("b-1", 2);

        await().atMost(WAIT).until(() -> handler.handled.containsAll(List.of("b-1:1", "b-1:2")));
        List<Map<String, Object>> letters = await().atMost(WAIT).until(() -> letters("a-1"), found -> found.size() == 2);

        assertThat(handler.handled).noneMatch(handled -> handled.startsWith("a-1"));
        Map<String, Object> first = letters.get(0);
        assertThat(first).containsEntry("processingGroup", DeadLetterTestApplication.GROUP)
                .containsEntry("sequenceIdentifier", "a-1").containsEntry("messageType", "ThingHappened")
                .containsEntry("aggregateIdentifier", "a-1").containsKeys("enqueuedAt", "lastTouched", "retries");
        assertThat(first.get("cause")).isEqualTo(Map.of("type", IllegalStateException.class.getName(),
                "message", "cannot handle a-1"));
        assertThat(letters.get(1).get("cause")).as("queued behind the failed one, without failing itself").isNull();
        await().atMost(WAIT).untilAsserted(() -> assertThat(letters("a-1").get(0).get("retries"))
                .as("the automatic retry fails again while the cause remains").isNotEqualTo(0));
        assertThat(deadLettersGauge()).as("a-1's two letters, beside any other test's").isGreaterThanOrEqualTo(2.0);

        handler.broken.remove("a-1");

        await().atMost(WAIT).until(() -> letters("a-1").isEmpty());
        assertThat(handler.handled).containsSubsequence("a-1:1", "a-1:2");
        assertThat(handler.handled.stream().filter(handled -> handled.startsWith("a-1"))).containsExactly("a-1:1", "a-1:2");
    }

    @Test
    void whileAStoreIsAwayTheProcessorRetriesInPlaceWithoutDeadLetteringOrSkippingAndHealthSaysDegraded() {
        handler.storeUnavailable.set(true);
        publish("s-1", 1);
        publish("t-1", 1);

        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, Object> health = health();
            assertThat(health.get("status")).isEqualTo("DEGRADED");
            assertThat(processorHealth(health)).containsEntry("status", "ERROR")
                    .hasEntrySatisfying("error", error -> assertThat((String) error).contains("read store"));
        });
        assertThat(letters("s-1")).isEmpty();
        assertThat(letters("t-1")).isEmpty();
        assertThat(handler.handled).noneMatch(handled -> handled.startsWith("s-1") || handled.startsWith("t-1"));

        handler.storeUnavailable.set(false);

        await().atMost(WAIT).until(() -> handler.handled.containsAll(List.of("s-1:1", "t-1:1")));
        await().atMost(WAIT).untilAsserted(() -> assertThat(processorHealth(health())).containsEntry("status", "OK"));
        assertThat(letters("s-1")).isEmpty();
        assertThat(handler.handled.stream().filter(handled -> handled.startsWith("s-1"))).containsExactly("s-1:1");
    }

    @Test
    void anEventThatCannotBeReadBackIsADeadLetterAndTheProcessorGoesOn() {
        // A stored event whose payload no reader can parse (here: cut short), as a bug or a bad upcaster would leave.
        jdbc.update("INSERT INTO domain_event_entry (global_index, event_identifier, meta_data, payload, "
                        + "payload_revision, payload_type, time_stamp, aggregate_identifier, sequence_number, type) "
                        + "VALUES (NEXT VALUE FOR domain_event_entry_seq, ?, ?, ?, NULL, ?, ?, ?, 0, ?)",
                UUID.randomUUID().toString(), "{}".getBytes(StandardCharsets.UTF_8),
                "{\"thingId\":\"p-1\",\"step\":".getBytes(StandardCharsets.UTF_8), ThingHappened.class.getName(),
                Instant.now().toString(), "p-1", "Thing");
        publish("q-1", 1);

        await().atMost(WAIT).until(() -> handler.handled.contains("q-1:1"));
        List<Map<String, Object>> letters = await().atMost(WAIT).until(() -> letters("p-1"), found -> found.size() == 1);
        assertThat(letters.get(0)).containsEntry("messageType", "ThingHappened");
        assertThat(letters.get(0).get("cause")).isNotNull();
        assertThat(handler.handled).noneMatch(handled -> handled.startsWith("p-1"));
    }

    @Test
    void healthShowsDeadLettersAsDegradedWithTheirCount() {
        // Letters other tests leave behind (an unreadable event stays until fixed) are counted too.
        long before = ((Number) processorHealth(health()).get("deadLetters")).longValue();
        handler.broken.add("d-1");
        publish("d-1", 1);

        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, Object> health = health();
            assertThat(health.get("status")).isEqualTo("DEGRADED");
            assertThat(((Number) processorHealth(health).get("deadLetters")).longValue()).isEqualTo(before + 1);
        });

        handler.broken.remove("d-1");
        retry(DeadLetterTestApplication.GROUP, admin);
        await().atMost(WAIT).untilAsserted(() -> assertThat(((Number) processorHealth(health()).get("deadLetters"))
                .longValue()).isEqualTo(before));
    }

    @Test
    void anAdministratorRetriesNowAndLearnsWhatWasProcessedAndWhatRemains() {
        handler.broken.add("c-1");
        publish("c-1", 1);
        publish("c-1", 2);
        await().atMost(WAIT).until(() -> letters("c-1").size() == 2);

        Map<String, Object> stillBroken = retry(DeadLetterTestApplication.GROUP, admin).getBody();
        assertThat(stillBroken).containsEntry("processingGroup", DeadLetterTestApplication.GROUP)
                .containsEntry("sequencesProcessed", 0);
        assertThat(((Number) stillBroken.get("lettersRemaining")).longValue()).isGreaterThanOrEqualTo(2);
        assertThat(letters("c-1")).hasSize(2);

        handler.broken.remove("c-1");
        ResponseEntity<Map<String, Object>> fixed = retry(DeadLetterTestApplication.GROUP, admin);

        assertThat(fixed.getStatusCode().value()).isEqualTo(200);
        assertThat(letters("c-1")).isEmpty();
        assertThat(handler.handled.stream().filter(handled -> handled.startsWith("c-1"))).containsExactly("c-1:1", "c-1:2");
    }

    @Test
    void anUnknownGroupIsA404Problem() {
        ResponseEntity<Map<String, Object>> response = retry("no-such-group", admin);

        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(response.getBody()).containsEntry("resource", "processing group").containsEntry("id", "no-such-group");
    }

    @Test
    void onlyAdministratorsSeeOrRetryDeadLetters() {
        ResponseEntity<String> created = http.exchange("/api/v1/users", HttpMethod.POST,
                json(Map.of("username", "operator1", "password", "operator-pw", "roles", List.of("OPERATOR")), admin),
                String.class);
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        String operator = token("operator1", "operator-pw");

        ResponseEntity<String> list = http.exchange("/api/v1/admin/dead-letters", HttpMethod.GET, json(null, operator),
                String.class);
        ResponseEntity<Map<String, Object>> retry = retry(DeadLetterTestApplication.GROUP, operator);
        ResponseEntity<String> anonymous = http.getForEntity("/api/v1/admin/dead-letters", String.class);

        assertThat(list.getStatusCode().value()).isEqualTo(403);
        assertThat(list.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(retry.getStatusCode().value()).isEqualTo(403);
        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
    }

    private void publish(String thingId, int step) {
        eventStore.publish(new GenericDomainEventMessage<>("Thing", thingId, step - 1, new ThingHappened(thingId, step)));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> letters(String aggregateId) {
        ResponseEntity<List<Map<String, Object>>> response = http.exchange("/api/v1/admin/dead-letters",
                HttpMethod.GET, json(null, admin), GROUPS);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        Map<String, Object> group = response.getBody().stream()
                .filter(g -> DeadLetterTestApplication.GROUP.equals(g.get("processingGroup"))).findFirst().orElseThrow();
        return ((List<Map<String, Object>>) group.get("letters")).stream()
                .filter(letter -> aggregateId.equals(letter.get("aggregateIdentifier"))).toList();
    }

    private ResponseEntity<Map<String, Object>> retry(String group, String token) {
        return http.exchange("/api/v1/admin/dead-letters/" + group + "/retry", HttpMethod.POST, json(null, token), JSON);
    }

    private Map<String, Object> health() {
        return http.exchange("/actuator/health", HttpMethod.GET, json(null, admin), JSON).getBody();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> processorHealth(Map<String, Object> health) {
        Map<String, Object> components = (Map<String, Object>) health.get("components");
        Map<String, Object> processors = (Map<String, Object>) ((Map<String, Object>) components.get("eventProcessors"))
                .get("details");
        return (Map<String, Object>) ((Map<String, Object>) processors.get("processors"))
                .get(DeadLetterTestApplication.GROUP);
    }

    /** The value of {@code dead_letters{processing_group="dlq-test"}} on the Prometheus endpoint. */
    private double deadLettersGauge() {
        String line = "dead_letters{processing_group=\"" + DeadLetterTestApplication.GROUP + "\"} ";
        return prometheus().lines().filter(sample -> sample.startsWith(line)).findFirst()
                .map(sample -> Double.parseDouble(sample.substring(line.length()))).orElse(-1.0);
    }

    private String prometheus() {
        return http.exchange("/actuator/prometheus", HttpMethod.GET, json(null, admin), String.class).getBody();
    }

    private String token(String username, String password) {
        ResponseEntity<Map<String, Object>> response = http.exchange("/api/v1/auth/token", HttpMethod.POST,
                json(Map.of("username", username, "password", password), null), JSON);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
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
}
