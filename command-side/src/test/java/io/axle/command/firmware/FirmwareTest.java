package io.axle.command.firmware;

import io.axle.api.firmware.FirmwareReleasedEvent;
import io.axle.api.firmware.FirmwareWithdrawnEvent;
import io.axle.api.firmware.ReleaseFirmwareCommand;
import io.axle.api.firmware.WithdrawFirmwareCommand;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static io.axle.command.RefusalMatchers.refusal;
import static org.assertj.core.api.Assertions.assertThat;

class FirmwareTest {

    private static final String ID = "fw-1";
    private static final String SHA = "ab".repeat(32);
    /** 63 hex digits: a hash one digit short. */
    private static final String SHA_TAIL = "b" + "abababababababababababababababababababababababababababababab" + "ab";
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final FirmwareReleasedEvent RELEASED = new FirmwareReleasedEvent(ID, "ecm", "1.4.2", SHA, 4096,
            "ecm-1.4.2.bin", List.of("ECM-2*"), "[1.0,1.4.2)", "Idle fix", "alice", AT);

    private final FirmwareVersionClaimsStub claims = new FirmwareVersionClaimsStub();
    private AggregateTestFixture<Firmware> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Firmware.class);
        fixture.registerInjectableResource(claims);
    }

    private static ReleaseFirmwareCommand release(String ecu, String version, String sha256, long size,
                                                  List<String> hardware, String fromVersions, String notes) {
        return new ReleaseFirmwareCommand(ID, ecu, version, sha256, size, "ecm-1.4.2.bin", hardware, fromVersions,
                notes, "alice");
    }

    private static ReleaseFirmwareCommand release(String ecu, String version) {
        return release(ecu, version, SHA, 4096, List.of("ECM-2*"), "[1.0,1.4.2)", "Idle fix");
    }

    @Nested
    class Releasing {

        @Test
        void releasesTheImageWithWhatItFitsAndClaimsItsVersion() {
            fixture.givenNoPriorActivity()
                    .when(release("ecm", "1.4.2"))
                    .expectEvents(new FirmwareReleasedEvent(ID, "ecm", "1.4.2", SHA, 4096, "ecm-1.4.2.bin",
                            List.of("ECM-2*"), "[1.0,1.4.2)", "Idle fix", "alice", fixture.currentTime()));
            assertThat(claims.versions).containsEntry(FirmwareVersionClaim.id("ecm", "1.4.2"), ID);
        }

        @Test
        void keepsTheEcuHashAndPatternsInTheirCanonicalSpellingAndLeavesBlanksOut() {
            fixture.givenNoPriorActivity()
                    .when(release(" ECM-Main ", " 2.0.0-rc1 ", SHA.toUpperCase(), 1, Arrays.asList(" TCU-1 ", " ",
                            null), " ", " "))
                    .expectEvents(new FirmwareReleasedEvent(ID, "ecm-main", "2.0.0-rc1", SHA, 1, "ecm-1.4.2.bin",
                            List.of("TCU-1"), null, null, "alice", fixture.currentTime()));
        }

        @Test
        void refusesAVersionOfTheEcuReleasedAlready() {
            claims.claimVersion("ecm", "1.4.2", "fw-0");

            fixture.givenNoPriorActivity()
                    .when(release("ecm", "1.4.2"))
                    .expectException(refusal(409, "version", "must-be-unique"))
                    .expectNoEvents();
        }

        @Test
        void theSameVersionOfAnotherEcuIsAnotherRelease() {
            claims.claimVersion("tcu", "1.4.2", "fw-0");

            fixture.givenNoPriorActivity()
                    .when(release("ecm", "1.4.2"))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void refusesAMissingEcu() {
            fixture.givenNoPriorActivity()
                    .when(release(" ", "1.4.2"))
                    .expectException(refusal(422, "ecu", "required"))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @ValueSource(strings = {"ecm main", "ecm_1", "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee", "écm"})
        void refusesAMalformedEcu(String ecu) {
            fixture.givenNoPriorActivity()
                    .when(release(ecu, "1.4.2"))
                    .expectException(refusal(422, "ecu", "ecu-format"))
                    .expectNoEvents();
        }

        @Test
        void refusesAMissingVersion() {
            fixture.givenNoPriorActivity()
                    .when(release("ecm", null))
                    .expectException(refusal(422, "version", "required"))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @ValueSource(strings = {".1", "1.0 beta", "v/2"})
        void refusesAMalformedVersion(String version) {
            fixture.givenNoPriorActivity()
                    .when(release("ecm", version))
                    .expectException(refusal(422, "version", "version-format"))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @ValueSource(strings = {"abc", "g" + SHA_TAIL, SHA_TAIL})
        void refusesAHashThatIsNot64HexDigits(String sha256) {
            fixture.givenNoPriorActivity()
                    .when(release("ecm", "1.4.2", sha256, 4096, null, null, null))
                    .expectException(refusal(422, "sha256", "sha256-format"))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @ValueSource(longs = {0, -1})
        void refusesASizeThatIsNotPositive(long size) {
            fixture.givenNoPriorActivity()
                    .when(release("ecm", "1.4.2", SHA, size, null, null, null))
                    .expectException(refusal(422, "size", "positive"))
                    .expectNoEvents();
        }

        @Test
        void refusesAMalformedHardwarePatternNamingItsPlace() {
            fixture.givenNoPriorActivity()
                    .when(release("ecm", "1.4.2", SHA, 4096, List.of("ECM-2*", "ECM*2"), null, null))
                    .expectException(refusal(422, "hardware[1]", "hardware-format"))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @ValueSource(strings = {"1.0", "[2.0,1.0)", "(,)", "[1.0,x y]"})
        void refusesAMalformedRange(String range) {
            fixture.givenNoPriorActivity()
                    .when(release("ecm", "1.4.2", SHA, 4096, null, range, null))
                    .expectException(refusal(422, "fromVersions", "version-range-format"))
                    .expectNoEvents();
        }

        @Test
        void acceptsReleaseNotesOfTenThousandCharacters() {
            fixture.givenNoPriorActivity()
                    .when(release("ecm", "1.4.2", SHA, 4096, null, null, "n".repeat(Firmware.MAX_RELEASE_NOTES)))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void refusesLongerReleaseNotes() {
            fixture.givenNoPriorActivity()
                    .when(release("ecm", "1.4.2", SHA, 4096, null, null, "n".repeat(Firmware.MAX_RELEASE_NOTES + 1)))
                    .expectException(refusal(422, "releaseNotes", "max-length"))
                    .expectNoEvents();
        }

        @Test
        void aRefusedReleaseClaimsNothing() {
            fixture.givenNoPriorActivity()
                    .when(release("ecm", "1.4.2", SHA, 0, null, null, null))
                    .expectException(refusal(422, "size", "positive"));
            assertThat(claims.versions).isEmpty();
        }
    }

    @Nested
    class Withdrawing {

        @Test
        void withdrawsAReleasedFirmware() {
            fixture.given(RELEASED)
                    .when(new WithdrawFirmwareCommand(ID, " Bricks ECM-21 ", "bob"))
                    .expectEvents(new FirmwareWithdrawnEvent(ID, "Bricks ECM-21", "bob", fixture.currentTime()));
        }

        @Test
        void anUnknownFirmwareCannotBeWithdrawn() {
            fixture.givenNoPriorActivity()
                    .when(new WithdrawFirmwareCommand(ID, null, "bob"))
                    .expectException(AggregateNotFoundException.class)
                    .expectNoEvents();
        }

        @Test
        void withdrawingTwiceChangesNothing() {
            fixture.given(RELEASED, new FirmwareWithdrawnEvent(ID, null, "bob", AT))
                    .when(new WithdrawFirmwareCommand(ID, "again", "carol"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }
}
