package io.axle.query.vehicle;

import static io.axle.query.vehicle.VehicleEvents.AT;
import static io.axle.query.vehicle.VehicleEvents.VIN;
import static io.axle.query.vehicle.VehicleEvents.frame;
import static io.axle.query.vehicle.VehicleEvents.registered;
import static org.assertj.core.api.Assertions.assertThat;

import io.axle.api.common.ListCriteria;
import io.axle.api.common.PageResult;
import io.axle.api.customer.CustomerErasedEvent;
import io.axle.api.vehicle.DonglePairedEvent;
import io.axle.api.vehicle.DongleUnpairedEvent;
import io.axle.api.vehicle.EcuFirmwareChangedEvent;
import io.axle.api.vehicle.EcuRecordedEvent;
import io.axle.api.vehicle.ExportVehiclesQuery;
import io.axle.api.vehicle.FindVehicleQuery;
import io.axle.api.vehicle.FlashFailureAlarmRaisedEvent;
import io.axle.api.vehicle.FlashReleasedEvent;
import io.axle.api.vehicle.FlashReservedEvent;
import io.axle.api.vehicle.ListVehiclesQuery;
import io.axle.api.vehicle.ThresholdClearedEvent;
import io.axle.api.vehicle.ThresholdCrossedEvent;
import io.axle.api.vehicle.TroubleCodeClearedEvent;
import io.axle.api.vehicle.TroubleCodeDetectedEvent;
import io.axle.api.vehicle.VehicleRegisteredEvent;
import io.axle.api.vehicle.VehicleThresholdSetEvent;
import io.axle.api.vehicle.VehicleView;
import io.axle.api.vehicle.VehicleView.ActiveAlarm;
import io.axle.api.vehicle.VehicleView.ActiveTroubleCode;
import io.axle.api.vehicle.VehicleView.ClearedTroubleCode;
import io.axle.api.vehicle.VehicleView.Ecu;
import io.axle.api.vehicle.VehicleView.FlashAlarm;
import io.axle.api.vehicle.VehicleView.LatestReadings;
import io.axle.api.vehicle.WatchVehicleQuery;
import io.axle.query.InMemoryMongo;
import io.axle.query.SubscriberProbe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The vehicle projection's handlers called directly on the embedded MongoDB server: every event, twice, late. */
class VehicleProjectionTest {

    private InMemoryMongo mongo;
    private SimpleQueryUpdateEmitter emitter;
    private final Map<String, String> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger compactions = new AtomicInteger();
    private VehicleProjection projection;
    private VehicleTelemetry telemetry;

    @BeforeEach
    void start() {
        mongo = InMemoryMongo.start();
        emitter = SimpleQueryUpdateEmitter.builder().build();
        projection = new VehicleProjection(mongo.template(), emitter, new OnlineVehicles(sessions),
                compactions::incrementAndGet);
        projection.createIndexes();
        telemetry = new VehicleTelemetry(mongo.template(), Duration.ofDays(7), Duration.ofDays(400),
                Clock.fixed(AT.plus(Duration.ofDays(1)), ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    private VehicleView find(String vehicleId) {
        return projection.handle(new FindVehicleQuery(vehicleId));
    }

    @Nested
    class Registration {

        @Test
        void aRegisteredVehicleShowsWhatItsVinTells() {
            projection.on(registered("v-1"), 0, AT);

            assertThat(find("v-1")).isEqualTo(new VehicleView("v-1", VIN, "AB-123-CD", "FR", "Renault", "Model",
                    2019, "Motor Coach Industries", "US", 2019, "c-1", null, false, null, null, List.of(), List.of(),
                    List.of(), List.of("check-digit"), AT, List.of(), null, null));
        }

        @Test
        void registeringTwiceChangesNothing() {
            projection.on(registered("v-1"), 0, AT);
            projection.on(registered("v-1", VIN, "ZZ-999-ZZ", "Other", "c-1"), 0, AT.plusSeconds(5));

            assertThat(find("v-1").plate()).isEqualTo("AB-123-CD");
            assertThat(find("v-1").registeredAt()).isEqualTo(AT);
        }

        @Test
        void anUnknownVehicleIsNull() {
            assertThat(find("v-x")).isNull();
        }

        @Test
        void framesBeforeTheRegistrationAreKeptAndTheVehicleIsUnknownUntilRegistered() {
            telemetry.store(List.of(frame("f-1", "v-1", 0, Map.of("rpm", 900.0))));
            assertThat(find("v-1")).isNull();
            assertThat(projection.page(new ListVehiclesQuery(ListCriteria.NONE, null, null, 0, 20)).content())
                    .isEmpty();

            projection.on(registered("v-1"), 0, AT);

            VehicleView vehicle = find("v-1");
            assertThat(vehicle.vin()).isEqualTo(VIN);
            assertThat(vehicle.lastSeenAt()).isEqualTo(AT);
            assertThat(vehicle.latest()).isEqualTo(new LatestReadings(900.0, null, null, null, null, null, null, null,
                    AT));
        }
    }

    @Nested
    class Dongles {

        @Test
        void aPairedDongleHoldingASessionMakesTheVehicleOnline() {
            projection.on(registered("v-1"), 0, AT);
            projection.on(new DonglePairedEvent("v-1", "d-1", "k-1", "admin", AT), 1);
            assertThat(find("v-1").dongleId()).isEqualTo("d-1");
            assertThat(find("v-1").online()).isFalse();

            sessions.put("v-1", "since");

            assertThat(find("v-1").online()).isTrue();
        }

        @Test
        void unpairingForgetsTheDongleAndALateOlderPairingChangesNothing() {
            projection.on(registered("v-1"), 0, AT);
            projection.on(new DonglePairedEvent("v-1", "d-1", "k-1", "admin", AT), 1);
            projection.on(new DongleUnpairedEvent("v-1", "d-1", "k-1", "admin", AT), 2);
            projection.on(new DonglePairedEvent("v-1", "d-1", "k-1", "admin", AT), 1);

            assertThat(find("v-1").dongleId()).isNull();
        }
    }

    @Nested
    class TroubleCodesAndAlarms {

        @Test
        void aDetectedCodeIsActiveUntilCleared() {
            projection.on(registered("v-1"), 0, AT);
            projection.on(new TroubleCodeDetectedEvent("v-1", "P0133", "O2 sensor slow", Map.of("rpm", 900.0), "f-1",
                    AT), 1);
            projection.on(new TroubleCodeDetectedEvent("v-1", "U0158", null, Map.of(), "f-1", AT), 2);
            projection.on(new TroubleCodeDetectedEvent("v-1", "P0133", "O2 sensor slow", Map.of(), "f-1", AT), 1);

            assertThat(find("v-1").troubleCodes()).containsExactly(
                    new ActiveTroubleCode("P0133", "O2 sensor slow", AT), new ActiveTroubleCode("U0158", null, AT));

            projection.on(new TroubleCodeClearedEvent("v-1", "P0133", AT, "f-2", AT.plusSeconds(10)), 3);
            projection.on(new TroubleCodeClearedEvent("v-1", "P0133", AT, "f-2", AT.plusSeconds(10)), 3);

            assertThat(find("v-1").troubleCodes()).containsExactly(new ActiveTroubleCode("U0158", null, AT));
        }

        @Test
        void aClearedCodeHeadsTheHistoryWithItsDescriptionAndTimesOnceEvenWhenDeliveredTwice() {
            projection.on(registered("v-1"), 0, AT);
            projection.on(new TroubleCodeDetectedEvent("v-1", "P0133", "O2 sensor slow", Map.of(), "f-1", AT), 1);
            projection.on(new TroubleCodeDetectedEvent("v-1", "U0158", null, Map.of(), "f-1", AT), 2);
            projection.on(new TroubleCodeClearedEvent("v-1", "P0133", AT, "f-2", AT.plusSeconds(10)), 3);
            projection.on(new TroubleCodeClearedEvent("v-1", "P0133", AT, "f-2", AT.plusSeconds(10)), 3);
            projection.on(new TroubleCodeDetectedEvent("v-1", "P0133", "O2 sensor slow", Map.of(), "f-3",
                    AT.plusSeconds(20)), 4);
            projection.on(new TroubleCodeClearedEvent("v-1", "U0158", AT, "f-4", AT.plusSeconds(30)), 5);

            VehicleView vehicle = find("v-1");
            assertThat(vehicle.clearedTroubleCodes()).containsExactly(
                    new ClearedTroubleCode("U0158", null, AT, AT.plusSeconds(30)),
                    new ClearedTroubleCode("P0133", "O2 sensor slow", AT, AT.plusSeconds(10)));
            assertThat(vehicle.troubleCodes()).as("detected again: active beside its cleared past")
                    .containsExactly(new ActiveTroubleCode("P0133", "O2 sensor slow", AT.plusSeconds(20)));
        }

        @Test
        void theHistoryKeepsTheLatestClearedCodesOnly() {
            projection.on(registered("v-1"), 0, AT);
            long sequence = 1;
            int times = VehicleProjection.CLEARED_CODES_KEPT + 5;
            for (int i = 0; i < times; i++) {
                Instant at = AT.plusSeconds(i * 10L);
                projection.on(new TroubleCodeDetectedEvent("v-1", "P0133", null, Map.of(), "f-" + i, at), sequence++);
                projection.on(new TroubleCodeClearedEvent("v-1", "P0133", at, "f-c" + i, at.plusSeconds(5)),
                        sequence++);
            }

            List<ClearedTroubleCode> history = find("v-1").clearedTroubleCodes();
            assertThat(history).hasSize(VehicleProjection.CLEARED_CODES_KEPT);
            assertThat(history.get(0).clearedAt()).isEqualTo(AT.plusSeconds((times - 1) * 10L + 5));
            assertThat(history.get(history.size() - 1).detectedAt()).isEqualTo(AT.plusSeconds(5 * 10L));
        }

        @Test
        void aCrossedThresholdIsAnAlarmUntilCleared() {
            projection.on(registered("v-1"), 0, AT);
            projection.on(new ThresholdCrossedEvent("v-1", "coolant-high", "coolantC", 112.0, 110.0, "f-1", AT), 1);
            projection.on(new ThresholdCrossedEvent("v-1", "battery-low", "batteryV", 11.5, 11.8, "f-1", AT), 2);

            assertThat(find("v-1").alarms()).containsExactly(
                    new ActiveAlarm("coolant-high", "coolantC", 112.0, 110.0, AT),
                    new ActiveAlarm("battery-low", "batteryV", 11.5, 11.8, AT));

            projection.on(new ThresholdClearedEvent("v-1", "coolant-high", "coolantC", 104.0, AT, "f-2",
                    AT.plusSeconds(60)), 3);
            projection.on(new ThresholdCrossedEvent("v-1", "coolant-high", "coolantC", 112.0, 110.0, "f-1", AT), 1);

            assertThat(find("v-1").alarms()).containsExactly(new ActiveAlarm("battery-low", "batteryV", 11.5, 11.8,
                    AT));
        }

        @Test
        void aVehiclesOwnLimitIsKeptUntilTheFleetLimitIsTakenBack() {
            projection.on(registered("v-1"), 0, AT);
            projection.on(new VehicleThresholdSetEvent("v-1", "rpm-redline", 5000.0, "admin", AT), 1);
            assertThat(document("v-1").thresholds()).containsExactly(Map.entry("rpm-redline", 5000.0));

            projection.on(new VehicleThresholdSetEvent("v-1", "rpm-redline", null, "admin", AT), 2);

            assertThat(document("v-1").thresholds()).isEmpty();
            assertThat(document("v-1").sequence()).isEqualTo(2L);
        }
    }

    @Nested
    class Erasure {

        @Test
        void theOwnersErasureEmptiesThePlatesOfTheirVehiclesOnly() {
            projection.on(registered("v-1", VIN, "AB-123-CD", "Renault", "c-1"), 0, AT);
            projection.on(registered("v-2", "WVWZZZ1JZXW000001", "EF-456-GH", "VW", "c-2"), 0, AT);

            projection.on(new CustomerErasedEvent("c-1"));
            projection.on(new CustomerErasedEvent("c-1"));

            assertThat(find("v-1").plate()).isNull();
            assertThat(document("v-1").plateErased()).isTrue();
            assertThat(find("v-1").vin()).isEqualTo(VIN);
            assertThat(find("v-2").plate()).isEqualTo("EF-456-GH");
            assertThat(compactions).hasValue(2);
            assertThat(projection.page(new ListVehiclesQuery(ListCriteria.searching("AB-123"), null, null, 0, 20))
                    .content()).isEmpty();
        }

        @Test
        void aReplayAfterTheErasureReadsThePlateAsNull() {
            VehicleRegisteredEvent erased = registered("v-1", VIN, null, "Renault", "c-1");
            projection.on(erased, 0, AT);
            projection.on(new CustomerErasedEvent("c-1"));

            assertThat(find("v-1").plate()).isNull();
            assertThat(document("v-1").plateErased()).isTrue();
        }
    }

    @Nested
    class EcusAndFlashes {

        private static final Instant LATER = AT.plusSeconds(60);

        @BeforeEach
        void registerWithTwoEcus() {
            projection.on(registered("v-1"), 0, AT);
            projection.on(new EcuRecordedEvent("v-1", "ECM", "ECM-2000", "1.0.0", "admin", AT), 1);
            projection.on(new EcuRecordedEvent("v-1", "TCU", "TCU-7", "3.1", "admin", AT), 2);
        }

        @Test
        void recordedEcusAreListedInTheOrderRecordedAndARecordAgainReplacesItsEntryOnce() {
            projection.on(new EcuRecordedEvent("v-1", "ECM", "ECM-2001", "1.0.1", "tech", LATER), 3);
            projection.on(new EcuRecordedEvent("v-1", "ECM", "ECM-2001", "1.0.1", "tech", LATER), 3);
            projection.on(new EcuRecordedEvent("v-1", "ECM", "ECM-9", "0.1", "tech", LATER), 1);

            assertThat(find("v-1").ecus()).containsExactly(new Ecu("ECM", "ECM-2001", "1.0.1", LATER),
                    new Ecu("TCU", "TCU-7", "3.1", AT));
        }

        @Test
        void aReservationShowsTheRunningFlashUntilThatJobReleasesIt() {
            projection.on(reserved("fj-1"), 3);
            assertThat(find("v-1").flashJobId()).isEqualTo("fj-1");

            projection.on(new FlashReleasedEvent("v-1", "fj-0", "COMPLETED", LATER), 4);
            assertThat(find("v-1").flashJobId()).as("another job's release").isEqualTo("fj-1");

            projection.on(new FlashReleasedEvent("v-1", "fj-1", "ROLLED_BACK", LATER), 5);
            projection.on(new FlashReleasedEvent("v-1", "fj-1", "ROLLED_BACK", LATER), 5);
            projection.on(reserved("fj-1"), 3);
            assertThat(find("v-1").flashJobId()).isNull();
        }

        @Test
        void aChangedFirmwareKeepsTheHardwareAndTheVersionBecomesTheNewOne() {
            projection.on(reserved("fj-1"), 3);
            projection.on(new EcuFirmwareChangedEvent("v-1", "ECM", "1.0.0", "1.1.0", "fw-1", "fj-1", LATER), 4);
            projection.on(new EcuFirmwareChangedEvent("v-1", "ECM", "1.0.0", "1.1.0", "fw-1", "fj-1", LATER), 4);

            assertThat(find("v-1").ecus()).containsExactly(new Ecu("ECM", "ECM-2000", "1.1.0", LATER),
                    new Ecu("TCU", "TCU-7", "3.1", AT));
        }

        @Test
        void aFlashAlarmStaysUntilThatEcuIsRecordedAgain() {
            projection.on(new FlashFailureAlarmRaisedEvent("v-1", "fj-1", "ECM", "restore failed", LATER), 3);
            FlashAlarm alarm = new FlashAlarm("fj-1", "ECM", "restore failed", LATER);
            assertThat(find("v-1").flashAlarm()).isEqualTo(alarm);

            projection.on(new EcuRecordedEvent("v-1", "TCU", "TCU-7", "3.2", "tech", LATER), 4);
            assertThat(find("v-1").flashAlarm()).as("another ECU recorded").isEqualTo(alarm);

            projection.on(new EcuRecordedEvent("v-1", "ECM", "ECM-2000", "1.0.0", "tech", LATER), 5);
            assertThat(find("v-1").flashAlarm()).isNull();
        }

        @Test
        void aFlashAlarmEndsWhenAFlashOfThatEcuCompletes() {
            projection.on(new FlashFailureAlarmRaisedEvent("v-1", "fj-1", "ECM", "restore failed", LATER), 3);
            projection.on(new EcuFirmwareChangedEvent("v-1", "ECM", "1.0.0", "1.1.0", "fw-1", "fj-2", LATER), 4);
            projection.on(new FlashFailureAlarmRaisedEvent("v-1", "fj-1", "ECM", "restore failed", LATER), 3);

            assertThat(find("v-1").flashAlarm()).isNull();
        }

        @Test
        void aResetClearsTheEcusAndTheFlash() {
            projection.on(reserved("fj-1"), 3);
            projection.on(new FlashFailureAlarmRaisedEvent("v-1", "fj-1", "ECM", "restore failed", LATER), 4);

            projection.reset();
            projection.on(registered("v-1"), 0, AT);

            VehicleView vehicle = find("v-1");
            assertThat(vehicle.ecus()).isEmpty();
            assertThat(vehicle.flashJobId()).isNull();
            assertThat(vehicle.flashAlarm()).isNull();
        }

        private static FlashReservedEvent reserved(String flashJobId) {
            return new FlashReservedEvent("v-1", flashJobId, "ECM", "fw-1", "1.0.0", "1.1.0", "operator", LATER);
        }
    }

    @Nested
    class Replay {

        @Test
        void aResetClearsWhatTheEventsWroteAndKeepsTheLatestReadings() {
            projection.on(registered("v-1"), 0, AT);
            projection.on(new DonglePairedEvent("v-1", "d-1", "k-1", "admin", AT), 1);
            projection.on(new TroubleCodeDetectedEvent("v-1", "P0133", null, Map.of(), "f-1", AT), 2);
            projection.on(new TroubleCodeClearedEvent("v-1", "P0133", AT, "f-2", AT.plusSeconds(5)), 3);
            telemetry.store(List.of(frame("f-1", "v-1", 5, Map.of("speedKmh", 50.0))));

            projection.reset();

            assertThat(find("v-1")).isNull();
            projection.on(registered("v-1"), 0, AT);
            projection.on(new DonglePairedEvent("v-1", "d-1", "k-1", "admin", AT), 1);
            VehicleView vehicle = find("v-1");
            assertThat(vehicle.dongleId()).isEqualTo("d-1");
            assertThat(vehicle.clearedTroubleCodes()).as("written again by the replay, not kept twice").isEmpty();
            assertThat(vehicle.latest().speedKmh()).isEqualTo(50.0);
            assertThat(vehicle.lastSeenAt()).isEqualTo(AT.plusSeconds(5));
        }
    }

    @Nested
    class List_ {

        @BeforeEach
        void registerThree() {
            projection.on(registered("v-1", "VF1AAAAAA00000001", "AB-123-CD", "Renault", "c-1"), 0, AT);
            projection.on(registered("v-2", "WVWZZZ1JZXW000001", "EF-456-GH", "VW", "c-2"), 0, AT.plusSeconds(1));
            projection.on(registered("v-3", "VF1BBBBBB00000002", "IJ-789-KL", "renault", null), 0,
                    AT.plusSeconds(2));
            projection.on(new DonglePairedEvent("v-2", "d-2", "k-2", "admin", AT), 1);
            projection.on(new DonglePairedEvent("v-3", "d-3", "k-3", "admin", AT), 1);
            sessions.put("v-2", "since");
        }

        private List<String> ids(ListCriteria criteria, Boolean online, String make) {
            PageResult<VehicleView> page = projection.page(new ListVehiclesQuery(criteria, online, make, 0, 20));
            return page.content().stream().map(VehicleView::vehicleId).toList();
        }

        @Test
        void searchMatchesVinOrPlateIgnoringCase() {
            assertThat(ids(ListCriteria.searching("vf1"), null, null)).containsExactly("v-1", "v-3");
            assertThat(ids(ListCriteria.searching("ef-456"), null, null)).containsExactly("v-2");
        }

        @Test
        void onlineAndMakeFilter() {
            assertThat(ids(ListCriteria.NONE, true, null)).containsExactly("v-2");
            assertThat(ids(ListCriteria.NONE, false, null)).containsExactly("v-1", "v-3");
            assertThat(ids(ListCriteria.NONE, null, "RENAULT")).containsExactly("v-1", "v-3");
            assertThat(ids(ListCriteria.NONE, true, "Renault")).isEmpty();
        }

        @Test
        void theExportStreamsWhatTheListMatchesInItsOrder() {
            List<VehicleView> rows = projection.handle(new ExportVehiclesQuery(new ListVehiclesQuery(
                    ListCriteria.searching("vf1"), null, null, 0, 1), 10)).collectList().block();

            assertThat(rows).extracting(VehicleView::vehicleId).containsExactly("v-1", "v-3");
        }

        @Test
        void pagesSortAndCount() {
            PageResult<VehicleView> page = projection.page(new ListVehiclesQuery(
                    new ListCriteria(null, null, null, "registeredAt", true), null, null, 0, 2));

            assertThat(page.content()).extracting(VehicleView::vehicleId).containsExactly("v-3", "v-2");
            assertThat(page.content().get(1).online()).isTrue();
            assertThat(page.totalElements()).isEqualTo(3);
        }
    }

    @Nested
    class Watch {

        @Test
        void watchersGetTheNewViewAfterEachChangeAndNothingForARepeat() {
            projection.on(registered("v-1"), 0, AT);
            assertThat(projection.handle(new WatchVehicleQuery("v-1")).vin()).isEqualTo(VIN);
            SubscriberProbe<VehicleView> watching =
                    SubscriberProbe.subscribe(emitter, new WatchVehicleQuery("v-1"), VehicleView.class);
            SubscriberProbe<VehicleView> other =
                    SubscriberProbe.subscribe(emitter, new WatchVehicleQuery("v-2"), VehicleView.class);

            projection.on(new DonglePairedEvent("v-1", "d-1", "k-1", "admin", AT), 1);
            projection.on(new DonglePairedEvent("v-1", "d-1", "k-1", "admin", AT), 1);
            projection.on(new CustomerErasedEvent("c-1"));

            assertThat(watching.updates()).extracting(VehicleView::dongleId).containsExactly("d-1", "d-1");
            assertThat(watching.updates()).extracting(VehicleView::plate).containsExactly("AB-123-CD", null);
            assertThat(other.updates()).isEmpty();
        }

        @Test
        void aDongleConnectingShowsTheWatchedVehicleOnline() {
            projection.on(registered("v-1"), 0, AT);
            projection.on(new DonglePairedEvent("v-1", "d-1", "k-1", "admin", AT), 1);
            SubscriberProbe<VehicleView> watching =
                    SubscriberProbe.subscribe(emitter, new WatchVehicleQuery("v-1"), VehicleView.class);

            sessions.put("v-1", "since");
            projection.sessionChanged("v-1");
            sessions.remove("v-1");
            projection.sessionChanged("v-1");
            projection.sessionChanged("v-2");

            assertThat(watching.updates()).extracting(VehicleView::online).containsExactly(true, false);
        }
    }

    private VehicleDocument document(String vehicleId) {
        return mongo.template().findById(vehicleId, VehicleDocument.class, VehicleProjection.COLLECTION);
    }

}
