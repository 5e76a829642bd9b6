package io.axle.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axle.gateway.registry.RunState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The reading rules as a table: each row a reading and the field, rule and status it must be refused with. */
class ReadingRulesTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> lookedUp = new ArrayList<>();
    private final ReadingRules rules = new ReadingRules(runId -> {
        lookedUp.add(runId);
        return switch (runId) {
            case "run-1" -> RunState.RUNNING;
            case "run-ended" -> RunState.ENDED;
            default -> RunState.UNKNOWN;
        };
    }, Clock.fixed(NOW, ZoneOffset.UTC));

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void acceptsAMinimalReadingAndDatesItWhenReceived() throws Exception {
        CheckedReading reading = rules.check(json("{\"runId\":\"run-1\",\"sensorId\":\"s-1\",\"temperature\":21.5}"));

        assertThat(reading.runId()).isEqualTo("run-1");
        assertThat(reading.sensorId()).isEqualTo("s-1");
        assertThat(reading.temperature()).isEqualTo(21.5);
        assertThat(reading.humidity()).isNull();
        assertThat(reading.pressure()).isNull();
        assertThat(reading.timestamp()).isEqualTo(NOW);
        assertThat(reading.timestampGiven()).isFalse();
        assertThat(reading.receivedAt()).isEqualTo(NOW);
    }

    @Test
    void acceptsEveryFieldAtItsBoundsAndAnOffsetTimestamp() throws Exception {
        CheckedReading reading = rules.check(json("""
                {"runId":"run-1","sensorId":"A.b_c:d-9","temperature":-100,"humidity":100,"pressure":300,
                 "timestamp":"2025-06-01T14:04:59+02:00"}"""));

        assertThat(reading.temperature()).isEqualTo(-100);
        assertThat(reading.humidity()).isEqualTo(100.0);
        assertThat(reading.pressure()).isEqualTo(300.0);
        assertThat(reading.timestamp()).isEqualTo(Instant.parse("2025-06-01T12:04:59Z"));
        assertThat(reading.timestampGiven()).isTrue();
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            {"sensorId":"s","temperature":20}                                            | runId       | required
            {"runId":"  ","sensorId":"s","temperature":20}                               | runId       | required
            {"runId":7,"sensorId":"s","temperature":20}                                  | runId       | invalid-type
            {"runId":"run-1","temperature":20}                                           | sensorId    | required
            {"runId":"run-1","sensorId":"has space","temperature":20}                    | sensorId    | pattern
            {"runId":"run-1","sensorId":"s/1","temperature":20}                          | sensorId    | pattern
            {"runId":"run-1","sensorId":"s-12345678901234567890123456789012345678901234567890123456789012345","temperature":20} | sensorId | pattern
            {"runId":"run-1","sensorId":"s"}                                             | temperature | required
            {"runId":"run-1","sensorId":"s","temperature":null}                          | temperature | required
            {"runId":"run-1","sensorId":"s","temperature":"20"}                          | temperature | invalid-type
            {"runId":"run-1","sensorId":"s","temperature":-100.01}                       | temperature | range
            {"runId":"run-1","sensorId":"s","temperature":200.5}                         | temperature | range
            {"runId":"run-1","sensorId":"s","temperature":20,"humidity":-0.1}            | humidity    | range
            {"runId":"run-1","sensorId":"s","temperature":20,"humidity":100.1}           | humidity    | range
            {"runId":"run-1","sensorId":"s","temperature":20,"pressure":299.9}           | pressure    | range
            {"runId":"run-1","sensorId":"s","temperature":20,"pressure":1100.1}          | pressure    | range
            {"runId":"run-1","sensorId":"s","temperature":1e1000000}                     | temperature | range
            {"runId":"run-1","sensorId":"s","temperature":20,"humidity":-1e1000000}      | humidity    | range
            {"runId":"run-1","sensorId":"s","temperature":20,"pressure":1e400}           | pressure    | range
            {"runId":"run-1","sensorId":"s","temperature":20,"timestamp":"yesterday"}    | timestamp   | iso-8601
            {"runId":"run-1","sensorId":"s","temperature":20,"timestamp":"2025-06-01T12:00:00"} | timestamp | iso-8601
            {"runId":"run-1","sensorId":"s","temperature":20,"timestamp":"2025-06-01T12:05:01Z"} | timestamp | not-in-future
            {"runId":"run-1","sensorId":"s","temperature":20,"timestamp":"-999999999-01-01T00:00:00Z"} | timestamp | date-range
            {"runId":"run-1","sensorId":"s","temperature":20,"timestamp":"0000-12-31T23:59:59Z"} | timestamp | date-range
            """)
    void refusesABadlyShapedReadingWith400(String reading, String field, String rule) throws Exception {
        ReadingRefusedException refused = catchThrowableOfType(ReadingRefusedException.class,
                () -> rules.check(json(reading)));

        assertThat(refused).as("refusal of %s", reading).isNotNull();
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.field()).isEqualTo(field);
        assertThat(refused.rule()).isEqualTo(rule);
        assertThat(lookedUp).as("a badly shaped reading costs no run lookup").isEmpty();
    }

    @Test
    void reportsEveryBrokenRuleInFieldOrder() throws Exception {
        ReadingRefusedException refused = catchThrowableOfType(ReadingRefusedException.class, () -> rules.check(
                json("{\"runId\":\"run-1\",\"sensorId\":\"bad id\",\"temperature\":999,\"humidity\":-1}")));

        assertThat(refused.violations()).extracting(Violation::field, Violation::rule).containsExactly(
                org.assertj.core.groups.Tuple.tuple("sensorId", "pattern"),
                org.assertj.core.groups.Tuple.tuple("temperature", "range"),
                org.assertj.core.groups.Tuple.tuple("humidity", "range"));
        assertThat(refused.getMessage()).startsWith("3 fields are invalid; first sensorId:");
    }

    @Test
    void anUnknownRunIs422() throws Exception {
        ReadingRefusedException refused = catchThrowableOfType(ReadingRefusedException.class,
                () -> rules.check(json("{\"runId\":\"nope\",\"sensorId\":\"s\",\"temperature\":20}")));

        assertThat(refused.refusal()).isEqualTo(new io.axle.api.common.Refusal(422, "runId", "run-unknown",
                "runId: run nope does not exist"));
    }

    @Test
    void anEndedRunIs409() throws Exception {
        ReadingRefusedException refused = catchThrowableOfType(ReadingRefusedException.class,
                () -> rules.check(json("{\"runId\":\"run-ended\",\"sensorId\":\"s\",\"temperature\":20}")));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.field()).isEqualTo("runId");
        assertThat(refused.rule()).isEqualTo("run-not-running");
    }

    @Test
    void aRunIdThatCannotNameARunIsUnknownWithoutALookup() throws Exception {
        ReadingRefusedException refused = catchThrowableOfType(ReadingRefusedException.class,
                () -> rules.check(json("{\"runId\":\"../etc/passwd\",\"sensorId\":\"s\",\"temperature\":20}")));

        assertThat(refused.rule()).isEqualTo("run-unknown");
        assertThat(lookedUp).isEmpty();
    }

    @Test
    void somethingOtherThanAnObjectIsMalformed() {
        for (String payload : List.of("[1,2]", "42", "\"text\"")) {
            assertThatThrownBy(() -> rules.check(json(payload)))
                    .as(payload)
                    .isInstanceOfSatisfying(ReadingRefusedException.class, refused -> {
                        assertThat(refused.status()).isEqualTo(400);
                        assertThat(refused.rule()).isEqualTo("malformed-json");
                    });
        }
        assertThatThrownBy(() -> rules.check(null)).isInstanceOf(ReadingRefusedException.class);
    }

    @Test
    void unknownFieldsAreIgnored() throws Exception {
        CheckedReading reading = rules.check(json(
                "{\"runId\":\"run-1\",\"sensorId\":\"s\",\"temperature\":20,\"battery\":3.3}"));

        assertThat(reading.temperature()).isEqualTo(20);
    }
}
