package io.axle.command.vehicle;

import io.axle.api.vehicle.DonglePairedEvent;
import io.axle.api.vehicle.DongleUnpairedEvent;
import io.axle.api.vehicle.PairDongleCommand;
import io.axle.api.vehicle.RegisterVehicleCommand;
import io.axle.api.vehicle.ReportThresholdCommand;
import io.axle.api.vehicle.ReportTroubleCodesCommand;
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
}
