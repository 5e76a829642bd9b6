package io.axle.command.vehicle;

import io.axle.api.vehicle.DonglePairedEvent;
import io.axle.api.vehicle.DongleUnpairedEvent;
import io.axle.api.vehicle.EcuFirmwareChangedEvent;
import io.axle.api.vehicle.EcuRecordedEvent;
import io.axle.api.vehicle.FlashFailureAlarmRaisedEvent;
import io.axle.api.vehicle.FlashReleasedEvent;
import io.axle.api.vehicle.FlashReservedEvent;
import io.axle.api.vehicle.PairDongleCommand;
import io.axle.api.vehicle.RecordEcuCommand;
import io.axle.api.vehicle.RegisterVehicleCommand;
import io.axle.api.vehicle.ReleaseFlashCommand;
import io.axle.api.vehicle.ReportThresholdCommand;
import io.axle.api.vehicle.ReportTroubleCodesCommand;
import io.axle.api.vehicle.ReserveFlashCommand;
import io.axle.api.vehicle.SetThresholdCommand;
import io.axle.api.vehicle.ThresholdClearedEvent;
import io.axle.api.vehicle.ThresholdCrossedEvent;
import io.axle.api.vehicle.TroubleCodeClearedEvent;
import io.axle.api.vehicle.TroubleCodeDetectedEvent;
import io.axle.api.vehicle.UnpairDongleCommand;
import io.axle.api.vehicle.VehicleRegisteredEvent;
import io.axle.api.vehicle.VehicleThresholdSetEvent;
import io.axle.vehicles.DecodedVin;
import io.axle.vehicles.Vins;
import io.axle.vehicles.obd.TroubleCodes;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.axle.command.RefusalMatchers.refusal;

class VehicleTest {

    private static final String ID = "v-1";
    /** A published test vector: check digit 4, North American (the digit is enforced). */
    private static final String VIN = "1G4AH59H45G118341";
    private static final DecodedVin DECODED = Vins.decode(VIN);
    private static final VehicleRegisteredEvent REGISTERED = new VehicleRegisteredEvent(ID, VIN, "AB-123-CD", "FR",
            "Buick", "LeSabre", 2005, DECODED.manufacturer(), DECODED.country(), DECODED.modelYear(), "c-1",
            DECODED.warnings(), "alice");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Map<String, Double> READINGS = Map.of("coolantC", 83.0, "rpm", 1726.0);

    private final Map<String, VehicleOwners.OwnerStatus> customers = new HashMap<>(Map.of(
            "c-1", VehicleOwners.OwnerStatus.KNOWN, "c-gone", VehicleOwners.OwnerStatus.ERASED));
    private final VehicleClaimsStub claims = new VehicleClaimsStub();
    private AggregateTestFixture<Vehicle> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Vehicle.class);
        fixture.registerInjectableResource((VehicleOwners) id -> customers.getOrDefault(id,
                VehicleOwners.OwnerStatus.UNKNOWN));
        fixture.registerInjectableResource(claims);
        fixture.registerInjectableResource(new VehicleAlarmRules(Map.of(
                "coolant-high", new VehicleAlarmRules.Alarm("coolantC", 110.0, null, 5.0),
                "battery-low", new VehicleAlarmRules.Alarm("batteryV", null, 11.8, 0.3))));
    }

    private static RegisterVehicleCommand register(String vin, String plate, String country, Integer year,
                                                   String owner) {
        return new RegisterVehicleCommand(ID, vin, plate, country, "Buick", "LeSabre", year, owner, "alice");
    }

    private static String description(String code) {
        return TroubleCodes.describe(code, Locale.ENGLISH).orElse(null);
    }

    @Nested
    class Registering {

        @Test
        void registersTheDecodedVinAndTheCanonicalPlate() {
            fixture.givenNoPriorActivity()
                    .when(register(" 1g4ah59h45g118341 ", "AB 123 CD", "FR", 2005, "c-1"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(REGISTERED);
        }

        @Test
        void aVehicleWithoutOwnerOrYearIsRegistered() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterVehicleCommand(ID, VIN, "TEMP 42", null, null, null, null, null, "bob"))
                    .expectEvents(new VehicleRegisteredEvent(ID, VIN, "TEMP 42", null, null, null, null,
                            DECODED.manufacturer(), DECODED.country(), DECODED.modelYear(), null,
                            DECODED.warnings(), "bob"));
        }

        @Test
        void aCheckDigitMismatchOutsideNorthAmericaIsAWarningKept() {
            String european = "WVWZZZ1JZXW000001";
            DecodedVin decoded = Vins.decode(european);
            org.assertj.core.api.Assertions.assertThat(decoded.warnings()).contains("check-digit");
            fixture.givenNoPriorActivity()
                    .when(register(european, "AB-123-CD", "FR", null, null))
                    .expectEvents(new VehicleRegisteredEvent(ID, european, "AB-123-CD", "FR", "Buick", "LeSabre",
                            null, decoded.manufacturer(), decoded.country(), decoded.modelYear(), null,
                            decoded.warnings(), "alice"));
        }

        @ParameterizedTest(name = "{0} → 422 vin {1}")
        @CsvSource({
                "1G4AH59H45G11834, vin-length",
                "1G4AH59H45G1183411, vin-length",
                "1G4AH59H45G11834O, vin-characters",
                "1G4AH59H55G118341, vin-check-digit"})
        void refusesABadVinWithTheDecodersRule(String vin, String rule) {
            fixture.givenNoPriorActivity()
                    .when(register(vin, "AB-123-CD", "FR", null, null))
                    .expectException(refusal(422, "vin", rule))
                    .expectNoEvents();
        }

        @Test
        void refusesAPlateNotInItsCountrysFormat() {
            fixture.givenNoPriorActivity()
                    .when(register(VIN, "ABC-12", "FR", null, null))
                    .expectException(refusal(422, "plate", "plate-format"));
        }

        @Test
        void refusesAFreeTextPlateWithOtherCharacters() {
            fixture.givenNoPriorActivity()
                    .when(register(VIN, "AB/12", null, null, null))
                    .expectException(refusal(422, "plate", "plate-format"));
        }

        @Test
        void aPlateIsRequired() {
            fixture.givenNoPriorActivity()
                    .when(register(VIN, " ", null, null, null))
                    .expectException(refusal(422, "plate", "required"));
        }

        @Test
        void refusesAnUnknownPlateCountry() {
            fixture.givenNoPriorActivity()
                    .when(register(VIN, "AB-123-CD", "XX", null, null))
                    .expectException(refusal(422, "plateCountry", "iso-3166"));
        }

        @ParameterizedTest(name = "year {0}")
        @CsvSource({"1885", "3000"})
        void refusesAYearBeforeTheFirstCarOrAfterNextYear(int year) {
            fixture.givenNoPriorActivity()
                    .when(register(VIN, "AB-123-CD", "FR", year, null))
                    .expectException(refusal(422, "year", "range"));
        }

        @Test
        void acceptsNextYear() {
            int next = fixture.currentTime().atZone(ZoneOffset.UTC).getYear() + 1;
            fixture.givenNoPriorActivity()
                    .when(register(VIN, "AB-123-CD", "FR", next, null))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void refusesAnOwnerWhoIsNotACustomer() {
            fixture.givenNoPriorActivity()
                    .when(register(VIN, "AB-123-CD", "FR", null, "c-404"))
                    .expectException(refusal(422, "ownerCustomerId", "unknown-customer"));
        }

        @Test
        void refusesAnErasedOwner() {
            fixture.givenNoPriorActivity()
                    .when(register(VIN, "AB-123-CD", "FR", null, "c-gone"))
                    .expectException(refusal(409, "ownerCustomerId", "erased"));
        }

        @Test
        void refusesAnOwnerIdThatCannotNameADataSubject() {
            fixture.givenNoPriorActivity()
                    .when(register(VIN, "AB-123-CD", "FR", null, "c:1"))
                    .expectException(refusal(422, "ownerCustomerId", "subject-id"));
        }

        @Test
        void refusesAVinAnotherVehicleHas() {
            claims.vins.put(VIN, "v-0");
            fixture.givenNoPriorActivity()
                    .when(register(VIN, "AB-123-CD", "FR", null, null))
                    .expectException(refusal(409, "vin", "must-be-unique"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Pairing {

        @Test
        void pairsADongleWithItsKey() {
            fixture.given(REGISTERED)
                    .when(new PairDongleCommand(ID, "dongle-7", "key-1", "alice"))
                    .expectEvents(new DonglePairedEvent(ID, "dongle-7", "key-1", "alice", fixture.currentTime()));
        }

        @Test
        void refusesASecondDongle() {
            fixture.given(REGISTERED, new DonglePairedEvent(ID, "dongle-7", "key-1", "alice", T0))
                    .when(new PairDongleCommand(ID, "dongle-8", "key-2", "alice"))
                    .expectException(refusal(409, "dongleId", "vehicle-has-dongle"));
        }

        @Test
        void refusesADonglePairedWithAnotherVehicle() {
            claims.dongles.put("dongle-7", "v-2");
            fixture.given(REGISTERED)
                    .when(new PairDongleCommand(ID, "dongle-7", "key-1", "alice"))
                    .expectException(refusal(409, "dongleId", "already-paired"))
                    .expectNoEvents();
        }

        @Test
        void refusesAPairingWithoutDongle() {
            fixture.given(REGISTERED)
                    .when(new PairDongleCommand(ID, " ", "key-1", "alice"))
                    .expectException(refusal(422, "dongleId", "required"));
        }
    }

    @Nested
    class Unpairing {

        @Test
        void unpairsAndAnswersTheKeyToRevokeAndFreesTheDongle() {
            claims.dongles.put("dongle-7", ID);
            fixture.given(REGISTERED, new DonglePairedEvent(ID, "dongle-7", "key-1", "alice", T0))
                    .when(new UnpairDongleCommand(ID, "bob"))
                    .expectResultMessagePayload("key-1")
                    .expectEvents(new DongleUnpairedEvent(ID, "dongle-7", "key-1", "bob", fixture.currentTime()));
            org.assertj.core.api.Assertions.assertThat(claims.dongles).doesNotContainKey("dongle-7");
        }

        @Test
        void refusesAVehicleWithoutDongle() {
            fixture.given(REGISTERED)
                    .when(new UnpairDongleCommand(ID, "bob"))
                    .expectException(refusal(409, "dongleId", "no-dongle"));
        }

        @Test
        void aDongleUnpairedMayBePairedAgain() {
            fixture.given(REGISTERED, new DonglePairedEvent(ID, "dongle-7", "key-1", "alice", T0),
                            new DongleUnpairedEvent(ID, "dongle-7", "key-1", "bob", T0))
                    .when(new PairDongleCommand(ID, "dongle-7", "key-2", "alice"))
                    .expectEvents(new DonglePairedEvent(ID, "dongle-7", "key-2", "alice", fixture.currentTime()));
        }
    }

    @Nested
    class ReportingTroubleCodes {

        @Test
        void codesThatAppearAreDetectedWithTheirDescriptionAndReadings() {
            fixture.given(REGISTERED)
                    .when(new ReportTroubleCodesCommand(ID, "f-1", List.of("P0133", "u0158"), READINGS, T0))
                    .expectEvents(new TroubleCodeDetectedEvent(ID, "P0133", description("P0133"), READINGS, "f-1", T0),
                            new TroubleCodeDetectedEvent(ID, "U0158", description("U0158"), READINGS, "f-1", T0));
        }

        @Test
        void codesThatGoAreClearedAndTheOthersStay() {
            Instant later = T0.plusSeconds(60);
            fixture.given(REGISTERED,
                            new TroubleCodeDetectedEvent(ID, "P0133", "x", READINGS, "f-1", T0),
                            new TroubleCodeDetectedEvent(ID, "U0158", "y", READINGS, "f-1", T0))
                    .when(new ReportTroubleCodesCommand(ID, "f-2", List.of("U0158"), READINGS, later))
                    .expectEvents(new TroubleCodeClearedEvent(ID, "P0133", T0, "f-2", later));
        }

        @Test
        void theSameSetChangesNothing() {
            fixture.given(REGISTERED, new TroubleCodeDetectedEvent(ID, "P0133", "x", READINGS, "f-1", T0))
                    .when(new ReportTroubleCodesCommand(ID, "f-2", List.of("P0133"), READINGS, T0.plusSeconds(10)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aRedeliveredFrameChangesNothing() {
            Instant later = T0.plusSeconds(60);
            fixture.given(REGISTERED, new TroubleCodeDetectedEvent(ID, "P0133", "x", READINGS, "f-1", T0),
                            new TroubleCodeClearedEvent(ID, "P0133", T0, "f-2", later))
                    .when(new ReportTroubleCodesCommand(ID, "f-1", List.of("P0133"), READINGS, T0))
                    .expectNoEvents();
        }

        @Test
        void aFrameReadBeforeTheLastChangeChangesNothing() {
            Instant later = T0.plusSeconds(60);
            fixture.given(REGISTERED, new TroubleCodeDetectedEvent(ID, "P0133", "x", READINGS, "f-2", later))
                    .when(new ReportTroubleCodesCommand(ID, "f-1", List.of(), READINGS, T0))
                    .expectNoEvents();
        }

        @Test
        void refusesSomethingThatIsNoTroubleCode() {
            fixture.given(REGISTERED)
                    .when(new ReportTroubleCodesCommand(ID, "f-1", List.of("X0133"), READINGS, T0))
                    .expectException(refusal(422, "codes", "trouble-code"));
        }
    }

    @Nested
    class ReportingThresholds {

        @Test
        void aCrossingRaisesTheAlarm() {
            fixture.given(REGISTERED)
                    .when(new ReportThresholdCommand(ID, "coolant-high", "coolantC", true, 112.0, 110.0, "f-1", T0))
                    .expectEvents(new ThresholdCrossedEvent(ID, "coolant-high", "coolantC", 112.0, 110.0, "f-1", T0));
        }

        @Test
        void aRaisedAlarmIsClearedWithTheTimeItWasRaised() {
            Instant later = T0.plusSeconds(30);
            fixture.given(REGISTERED,
                            new ThresholdCrossedEvent(ID, "coolant-high", "coolantC", 112.0, 110.0, "f-1", T0))
                    .when(new ReportThresholdCommand(ID, "coolant-high", "coolantC", false, 104.0, 110.0, "f-2",
                            later))
                    .expectEvents(new ThresholdClearedEvent(ID, "coolant-high", "coolantC", 104.0, T0, "f-2", later));
        }

        @Test
        void reportsThatChangeNothingRecordNothing() {
            fixture.given(REGISTERED,
                            new ThresholdCrossedEvent(ID, "coolant-high", "coolantC", 112.0, 110.0, "f-1", T0))
                    .when(new ReportThresholdCommand(ID, "coolant-high", "coolantC", true, 115.0, 110.0, "f-2",
                            T0.plusSeconds(5)))
                    .expectNoEvents();
            fixture.given(REGISTERED)
                    .when(new ReportThresholdCommand(ID, "coolant-high", "coolantC", false, 90.0, 110.0, "f-1", T0))
                    .expectNoEvents();
        }

        @Test
        void aReportReadBeforeTheLastChangeChangesNothing() {
            fixture.given(REGISTERED,
                            new ThresholdCrossedEvent(ID, "coolant-high", "coolantC", 112.0, 110.0, "f-2", T0))
                    .when(new ReportThresholdCommand(ID, "coolant-high", "coolantC", false, 90.0, 110.0, "f-1",
                            T0.minusSeconds(10)))
                    .expectNoEvents();
        }
    }

    @Nested
    class SettingThresholds {

        @Test
        void setsTheVehiclesOwnLimitAndTakesTheFleetsBack() {
            fixture.given(REGISTERED)
                    .when(new SetThresholdCommand(ID, "coolant-high", 105.0, "alice"))
                    .expectEvents(new VehicleThresholdSetEvent(ID, "coolant-high", 105.0, "alice",
                            fixture.currentTime()));
            fixture.given(REGISTERED, new VehicleThresholdSetEvent(ID, "coolant-high", 105.0, "alice", T0))
                    .when(new SetThresholdCommand(ID, "coolant-high", null, "alice"))
                    .expectEvents(new VehicleThresholdSetEvent(ID, "coolant-high", null, "alice",
                            fixture.currentTime()));
        }

        @Test
        void theSameLimitAgainChangesNothing() {
            fixture.given(REGISTERED, new VehicleThresholdSetEvent(ID, "coolant-high", 105.0, "alice", T0))
                    .when(new SetThresholdCommand(ID, "coolant-high", 105.0, "bob"))
                    .expectNoEvents();
        }

        @Test
        void refusesARuleNotConfigured() {
            fixture.given(REGISTERED)
                    .when(new SetThresholdCommand(ID, "oil-low", 2.0, "alice"))
                    .expectException(refusal(422, "rule", "known-rule"));
        }

        @ParameterizedTest(name = "limit {0}")
        @CsvSource({"-101", "10000001", "NaN", "Infinity"})
        void refusesALimitOutOfBounds(double limit) {
            fixture.given(REGISTERED)
                    .when(new SetThresholdCommand(ID, "coolant-high", limit, "alice"))
                    .expectException(refusal(422, "limit", "range"));
        }
    }

    private static final EcuRecordedEvent ENGINE = new EcuRecordedEvent(ID, "engine", "ECM-2041", "1.4.0", "alice",
            T0);
    private static final FlashReservedEvent RESERVED = new FlashReservedEvent(ID, "job-1", "engine", "fw-15", "1.4.0",
            "1.5.0", "alice", T0);

    private static ReserveFlashCommand reserve(String job, String toVersion, List<String> hardware, String range,
                                               boolean allowDowngrade) {
        return new ReserveFlashCommand(ID, job, "engine", "fw-15", toVersion, hardware, range, allowDowngrade,
                "alice");
    }

    @Nested
    class RecordingEcus {

        @Test
        void recordsAnEcuStrippedAndItsNameLowerCased() {
            fixture.given(REGISTERED)
                    .when(new RecordEcuCommand(ID, " Engine ", " ECM-2041 ", " 1.4.0 ", "alice"))
                    .expectEvents(new EcuRecordedEvent(ID, "engine", "ECM-2041", "1.4.0", "alice",
                            fixture.currentTime()));
        }

        @Test
        void recordingWhatIsKnownChangesNothing() {
            fixture.given(REGISTERED, ENGINE)
                    .when(new RecordEcuCommand(ID, "engine", "ECM-2041", "1.4.0", "bob"))
                    .expectNoEvents();
        }

        @Test
        void aNewVersionOutsideAFlashIsRecorded() {
            fixture.given(REGISTERED, ENGINE)
                    .when(new RecordEcuCommand(ID, "engine", "ECM-2041", "1.4.1", "bob"))
                    .expectEvents(new EcuRecordedEvent(ID, "engine", "ECM-2041", "1.4.1", "bob",
                            fixture.currentTime()));
        }

        @Test
        void recordingAnEcuWithAFlashAlarmAgainIsRecorded() {
            fixture.given(REGISTERED, ENGINE, RESERVED,
                            new FlashFailureAlarmRaisedEvent(ID, "job-1", "engine", "restore failed", T0),
                            new FlashReleasedEvent(ID, "job-1", "FAILED", T0))
                    .when(new RecordEcuCommand(ID, "engine", "ECM-2041", "1.4.0", "bob"))
                    .expectEvents(new EcuRecordedEvent(ID, "engine", "ECM-2041", "1.4.0", "bob",
                            fixture.currentTime()));
        }

        @ParameterizedTest(name = "ecu \"{0}\"")
        @CsvSource({"engine_1", "a-very-long-ecu-name-of-33-chars-x", "'engine.2'", "'en gine'"})
        void refusesAMalformedEcuName(String ecu) {
            fixture.given(REGISTERED)
                    .when(new RecordEcuCommand(ID, ecu, "ECM-2041", "1.4.0", "alice"))
                    .expectException(refusal(422, "ecu", "ecu-format"));
        }

        @Test
        void refusesAMissingEcu() {
            fixture.given(REGISTERED)
                    .when(new RecordEcuCommand(ID, " ", "ECM-2041", "1.4.0", "alice"))
                    .expectException(refusal(422, "ecu", "required"));
        }

        @ParameterizedTest(name = "hardware \"{0}\"")
        @CsvSource({"ECM-2*", "'ECM 2041'", "-ECM"})
        void refusesAMalformedHardwarePartNumber(String hardware) {
            fixture.given(REGISTERED)
                    .when(new RecordEcuCommand(ID, "engine", hardware, "1.4.0", "alice"))
                    .expectException(refusal(422, "hardware", "hardware-format"));
        }

        @Test
        void refusesAMalformedVersion() {
            fixture.given(REGISTERED)
                    .when(new RecordEcuCommand(ID, "engine", "ECM-2041", "1.4.0/beta", "alice"))
                    .expectException(refusal(422, "version", "version-format"));
        }

        @Test
        void refusesWhileAFlashHoldsTheVehicle() {
            fixture.given(REGISTERED, ENGINE, RESERVED)
                    .when(new RecordEcuCommand(ID, "gearbox", "TCM-1", "2.0", "alice"))
                    .expectException(refusal(409, "ecu", "flash-running"));
        }
    }

    @Nested
    class ReservingFlashes {

        @Test
        void reservesWithTheInstalledVersionAndAnswersIt() {
            fixture.given(REGISTERED, ENGINE)
                    .when(reserve("job-1", "1.5.0", List.of("ECM-20*"), "[1.0,2.0)", false))
                    .expectEvents(new FlashReservedEvent(ID, "job-1", "engine", "fw-15", "1.4.0", "1.5.0", "alice",
                            fixture.currentTime()))
                    .expectResultMessagePayload("1.4.0");
        }

        @Test
        void anyHardwareAndAnyVersionFitWhenTheFirmwareNamesNone() {
            fixture.given(REGISTERED, ENGINE)
                    .when(reserve("job-1", "1.5.0", List.of(), null, false))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new FlashReservedEvent(ID, "job-1", "engine", "fw-15", "1.4.0", "1.5.0", "alice",
                            fixture.currentTime()));
        }

        @Test
        void reservingAgainForTheSameJobChangesNothing() {
            fixture.given(REGISTERED, ENGINE, RESERVED)
                    .when(reserve("job-1", "1.5.0", null, null, false))
                    .expectNoEvents()
                    .expectResultMessagePayload("1.4.0");
        }

        @Test
        void refusesWhileAnotherJobHoldsTheVehicle() {
            fixture.given(REGISTERED, ENGINE, RESERVED)
                    .when(reserve("job-2", "1.5.0", null, null, false))
                    .expectException(refusal(409, "vehicleId", "flash-running"));
        }

        @Test
        void reservesAgainOnceTheLastJobWasReleased() {
            fixture.given(REGISTERED, ENGINE, RESERVED, new FlashReleasedEvent(ID, "job-1", "ROLLED_BACK", T0))
                    .when(reserve("job-2", "1.5.0", null, null, false))
                    .expectEvents(new FlashReservedEvent(ID, "job-2", "engine", "fw-15", "1.4.0", "1.5.0", "alice",
                            fixture.currentTime()));
        }

        @Test
        void refusesAnEcuTheVehicleDoesNotHave() {
            fixture.given(REGISTERED)
                    .when(reserve("job-1", "1.5.0", null, null, false))
                    .expectException(refusal(422, "ecu", "unknown-ecu"));
        }

        @Test
        void refusesFirmwareForOtherHardware() {
            fixture.given(REGISTERED, ENGINE)
                    .when(reserve("job-1", "1.5.0", List.of("ECM-30*", "ECM-2040"), null, false))
                    .expectException(refusal(422, "firmwareId", "incompatible-hardware"));
        }

        @Test
        void refusesFirmwareThatDoesNotReplaceTheInstalledVersion() {
            fixture.given(REGISTERED, ENGINE)
                    .when(reserve("job-1", "1.5.0", null, "[1.4.1,2.0)", false))
                    .expectException(refusal(422, "firmwareId", "incompatible-version"));
        }

        @Test
        void refusesTheVersionInstalled() {
            fixture.given(REGISTERED, ENGINE)
                    .when(reserve("job-1", "1.4.0", null, null, false))
                    .expectException(refusal(409, "firmwareId", "already-installed"));
        }

        @Test
        void refusesADowngradeUnlessAllowed() {
            fixture.given(REGISTERED, ENGINE)
                    .when(reserve("job-1", "1.3.9", null, null, false))
                    .expectException(refusal(422, "firmwareId", "downgrade"));
            fixture.given(REGISTERED, ENGINE)
                    .when(reserve("job-1", "1.3.9", null, null, true))
                    .expectEvents(new FlashReservedEvent(ID, "job-1", "engine", "fw-15", "1.4.0", "1.3.9", "alice",
                            fixture.currentTime()));
        }

        @Test
        void aVersionInstalledByAFlashIsTheOneCheckedNext() {
            fixture.given(REGISTERED, ENGINE, RESERVED,
                            new EcuFirmwareChangedEvent(ID, "engine", "1.4.0", "1.5.0", "fw-15", "job-1", T0),
                            new FlashReleasedEvent(ID, "job-1", "COMPLETED", T0))
                    .when(reserve("job-2", "1.5.0", null, null, false))
                    .expectException(refusal(409, "firmwareId", "already-installed"));
        }
    }

    @Nested
    class ReleasingFlashes {

        @Test
        void aCompletedFlashChangesTheVersionThenReleases() {
            fixture.given(REGISTERED, ENGINE, RESERVED)
                    .when(new ReleaseFlashCommand(ID, "job-1", "1.5.0", "COMPLETED", null))
                    .expectEvents(new EcuFirmwareChangedEvent(ID, "engine", "1.4.0", "1.5.0", "fw-15", "job-1",
                                    fixture.currentTime()),
                            new FlashReleasedEvent(ID, "job-1", "COMPLETED", fixture.currentTime()));
        }

        @Test
        void aRolledBackFlashLeavesTheVersion() {
            fixture.given(REGISTERED, ENGINE, RESERVED)
                    .when(new ReleaseFlashCommand(ID, "job-1", null, "ROLLED_BACK", "verify failed"))
                    .expectEvents(new FlashReleasedEvent(ID, "job-1", "ROLLED_BACK", fixture.currentTime()));
        }

        @Test
        void aFailedFlashRaisesTheCriticalAlarm() {
            fixture.given(REGISTERED, ENGINE, RESERVED)
                    .when(new ReleaseFlashCommand(ID, "job-1", null, "FAILED", "restore failed"))
                    .expectEvents(new FlashFailureAlarmRaisedEvent(ID, "job-1", "engine", "restore failed",
                                    fixture.currentTime()),
                            new FlashReleasedEvent(ID, "job-1", "FAILED", fixture.currentTime()));
        }

        @Test
        void aLaterCompletedFlashClearsTheAlarm() {
            fixture.given(REGISTERED, ENGINE, RESERVED,
                            new FlashFailureAlarmRaisedEvent(ID, "job-1", "engine", "restore failed", T0),
                            new FlashReleasedEvent(ID, "job-1", "FAILED", T0),
                            new FlashReservedEvent(ID, "job-2", "engine", "fw-15", "1.4.0", "1.5.0", "alice", T0),
                            new EcuFirmwareChangedEvent(ID, "engine", "1.4.0", "1.5.0", "fw-15", "job-2", T0),
                            new FlashReleasedEvent(ID, "job-2", "COMPLETED", T0))
                    .when(new RecordEcuCommand(ID, "engine", "ECM-2041", "1.5.0", "bob"))
                    .expectNoEvents();
        }

        @Test
        void aJobThatDoesNotHoldTheVehicleChangesNothing() {
            fixture.given(REGISTERED, ENGINE, RESERVED)
                    .when(new ReleaseFlashCommand(ID, "job-2", "1.5.0", "COMPLETED", null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
            fixture.given(REGISTERED, ENGINE, RESERVED, new FlashReleasedEvent(ID, "job-1", "COMPLETED", T0))
                    .when(new ReleaseFlashCommand(ID, "job-1", "1.5.0", "COMPLETED", null))
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "outcome {0}")
        @CsvSource({"RUNNING", "done"})
        void refusesAnOutcomeThatIsNoEnd(String outcome) {
            fixture.given(REGISTERED, ENGINE, RESERVED)
                    .when(new ReleaseFlashCommand(ID, "job-1", null, outcome, null))
                    .expectException(refusal(422, "outcome", "flash-outcome"));
        }
    }
}
