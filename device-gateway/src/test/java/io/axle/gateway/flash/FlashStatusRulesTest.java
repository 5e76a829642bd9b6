package io.axle.gateway.flash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.axle.api.flash.FlashOutcome;
import io.axle.api.flash.FlashStep;
import io.axle.api.flash.RecordFlashStatusCommand;
import io.axle.gateway.ingest.ReadingRefusedException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What a dongle's flash answer must be, and the command it becomes. */
class FlashStatusRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final String SHA = "a".repeat(64);
    private final FlashStatusRules rules = new FlashStatusRules(new ObjectMapper(), Clock.fixed(NOW, ZoneOffset.UTC));

    private RecordFlashStatusCommand parse(String json) {
        return rules.parse("dongle-1", json.getBytes(StandardCharsets.UTF_8));
    }

    private void refused(String json, String field, String rule) {
        assertThatThrownBy(() -> parse(json)).isInstanceOfSatisfying(ReadingRefusedException.class, refused -> {
            assertThat(refused.field()).isEqualTo(field);
            assertThat(refused.rule()).isEqualTo(rule);
        });
    }

    @Nested
    class Accepted {

        @Test
        void aBackupAnswerBecomesTheCommandOfItsDongle() {
            RecordFlashStatusCommand command = parse("""
                    {"flashJobId":"job-1","step":"BACKUP","attempt":1,"outcome":"ok","checksum":"%s",
                     "version":"1.0.0","at":"2026-12-07T09:59:58Z"}""".formatted(SHA.toUpperCase()));
            assertThat(command).isEqualTo(new RecordFlashStatusCommand("job-1", "dongle-1", FlashStep.BACKUP, 1,
                    FlashOutcome.OK, null, SHA, "1.0.0", null, Instant.parse("2026-12-07T09:59:58Z")));
        }

        @Test
        void stepsAndOutcomesInAnyCaseProgressAndTheTimeReceivedWhenAtIsAbsent() {
            RecordFlashStatusCommand command = parse("""
                    {"flashJobId":"job-1","step":"transfer_exit","attempt":2,"outcome":"PROGRESS","progressPct":42.5}""");
            assertThat(command).isEqualTo(new RecordFlashStatusCommand("job-1", "dongle-1", FlashStep.TRANSFER_EXIT, 2,
                    FlashOutcome.PROGRESS, 42, null, null, null, NOW));
            assertThat(parse("""
                    {"flashJobId":"j","step":"transfer","attempt":0,"outcome":"failed","reason":"no ECU"}""")
                    .reason()).isEqualTo("no ECU");
        }
    }

    @Nested
    class Refused {

        @Test
        void notJsonOrNotAnObject() {
            refused("{flashJobId", null, "malformed-json");
            refused("[1,2]", null, "malformed-json");
        }

        @Test
        void unknownFields() {
            refused("""
                    {"flashJobId":"j","step":"BACKUP","attempt":1,"outcome":"ok","colour":"red"}""", "colour",
                    "unknown-field");
        }

        @Test
        void missingOrBlankRequiredFields() {
            refused("""
                    {"step":"BACKUP","attempt":1,"outcome":"ok"}""", "flashJobId", "required");
            refused("""
                    {"flashJobId":" ","step":"BACKUP","attempt":1,"outcome":"ok"}""", "flashJobId", "required");
            refused("""
                    {"flashJobId":"j","step":"BACKUP","outcome":"ok"}""", "attempt", "required");
            refused("""
                    {"flashJobId":"j","attempt":1,"outcome":"ok"}""", "step", "required");
            refused("""
                    {"flashJobId":"j","step":"BACKUP","attempt":1}""", "outcome", "required");
        }

        @Test
        void unknownStepsAndOutcomes() {
            refused("""
                    {"flashJobId":"j","step":"PRAY","attempt":1,"outcome":"ok"}""", "step", "unknown-step");
            refused("""
                    {"flashJobId":"j","step":"BACKUP","attempt":1,"outcome":"maybe"}""", "outcome", "unknown-outcome");
        }

        @Test
        void attemptsThatAreNotWholeNumbersOrNegative() {
            refused("""
                    {"flashJobId":"j","step":"BACKUP","attempt":"1","outcome":"ok"}""", "attempt", "invalid-type");
            refused("""
                    {"flashJobId":"j","step":"BACKUP","attempt":1.5,"outcome":"ok"}""", "attempt", "invalid-type");
            refused("""
                    {"flashJobId":"j","step":"BACKUP","attempt":-1,"outcome":"ok"}""", "attempt", "range");
        }

        @Test
        void progressMissingWithProgressOrOutOfRange() {
            refused("""
                    {"flashJobId":"j","step":"TRANSFER","attempt":1,"outcome":"progress"}""", "progressPct",
                    "required");
            refused("""
                    {"flashJobId":"j","step":"TRANSFER","attempt":1,"outcome":"progress","progressPct":101}""",
                    "progressPct", "range");
            refused("""
                    {"flashJobId":"j","step":"TRANSFER","attempt":1,"outcome":"progress","progressPct":"half"}""",
                    "progressPct", "invalid-type");
        }

        @Test
        void checksumsThatAreNoSha256() {
            refused("""
                    {"flashJobId":"j","step":"VERIFY","attempt":1,"outcome":"ok","checksum":"abc"}""", "checksum",
                    "pattern");
            refused("""
                    {"flashJobId":"j","step":"VERIFY","attempt":1,"outcome":"ok","checksum":7}""", "checksum",
                    "invalid-type");
        }

        @Test
        void timesThatAreNoInstantOrAhead() {
            refused("""
                    {"flashJobId":"j","step":"RESET","attempt":1,"outcome":"ok","at":"yesterday"}""", "at",
                    "iso-8601");
            refused("""
                    {"flashJobId":"j","step":"RESET","attempt":1,"outcome":"ok","at":"2026-12-07T10:05:01Z"}""", "at",
                    "not-in-future");
        }

        @Test
        void overlongTexts() {
            refused("""
                    {"flashJobId":"j","step":"RESET","attempt":1,"outcome":"failed","reason":"%s"}"""
                    .formatted("x".repeat(501)), "reason", "range");
        }
    }

    @Test
    void statusTopicsNameTheirDongle() {
        assertThat(FlashStatusTopic.parse("axle/dongles/d-7/flash/status")).contains(new FlashStatusTopic("d-7"));
        assertThat(FlashStatusTopic.parse("axle/dongles/d-7/flash/commands")).isEmpty();
        assertThat(FlashStatusTopic.parse("axle/dongles//flash/status")).isEmpty();
        assertThat(FlashStatusTopic.parse("axle/dongles/a/b/flash/status")).isEmpty();
        assertThat(FlashStatusTopic.parse("axle/vehicles/v/obd")).isEmpty();
        assertThat(new FlashStatusTopic("d-7")).hasToString("axle/dongles/d-7/flash/status");
    }
}
