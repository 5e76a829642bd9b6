package io.axle.query.vehicle;

import static io.axle.query.vehicle.VehicleEvents.AT;
import static io.axle.query.vehicle.VehicleEvents.frame;
import static io.axle.query.vehicle.VehicleEvents.registered;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.axle.api.vehicle.FindVehicleQuery;
import io.axle.api.vehicle.FindVehicleTelemetryQuery;
import io.axle.api.vehicle.ObdFrame;
import io.axle.api.vehicle.VehicleSeries.Point;
import io.axle.api.vehicle.VehicleView;
import io.axle.api.vehicle.VehicleView.LatestReadings;
import io.axle.api.vehicle.WatchVehicleQuery;
import io.axle.query.InMemoryMongo;
import io.axle.query.SubscriberProbe;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Polls of OBD-II frames through the vehicle telemetry read models, as the Kafka listener writes them, on the embedded
 * MongoDB server: buckets, latest readings, frames delivered again, frames out of order, series at each resolution.
 */
class VehicleFramesListenerTest {

    private InMemoryMongo mongo;
    private SimpleQueryUpdateEmitter emitter;
    private SimpleMeterRegistry meters;
    private VehicleProjection vehicles;
    private VehicleTelemetry telemetry;
    private VehicleFramesListener listener;

    @BeforeEach
    void start() {
        mongo = InMemoryMongo.start();
        emitter = SimpleQueryUpdateEmitter.builder().build();
        meters = new SimpleMeterRegistry();
        vehicles = new VehicleProjection(mongo.template(), emitter, new OnlineVehicles(Map.of()), () -> { });
        telemetry = new VehicleTelemetry(mongo.template(), Duration.ofDays(7), Duration.ofDays(400),
                Clock.fixed(AT.plus(Duration.ofDays(1)), ZoneOffset.UTC));
        telemetry.createIndexes();
        listener = new VehicleFramesListener(new ObjectMapper().registerModule(new JavaTimeModule()), telemetry,
                vehicles, emitter, meters, Clock.fixed(AT.plusSeconds(1), ZoneOffset.UTC));
        vehicles.on(registered("v-1"), 0, AT);
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    private List<Point> series(String measure, String resolution, Instant from, Instant to) {
        return telemetry.handle(new FindVehicleTelemetryQuery("v-1", measure, from, to, resolution)).points();
    }

    private List<Point> minutes(String measure) {
        return series(measure, "1m", AT.minusSeconds(3600), AT.plusSeconds(7200));
    }

    private Document minuteFrames(String vehicleId, Instant minute) {
        Document stored = mongo.template().getCollection(VehicleTelemetry.MINUTES)
                .find(new Document("_id", VehicleTelemetry.minuteId(vehicleId, minute))).first();
        assertThat(stored).as("minute document of %s at %s", vehicleId, minute).isNotNull();
        return stored.get("frames", Document.class);
    }

    private VehicleView vehicle() {
        return vehicles.handle(new FindVehicleQuery("v-1"));
    }

    @Nested
    class Buckets {

        @Test
        void eachMinuteHoldsTheMinimumMaximumAverageAndCountOfEachMeasure() {
            listener.store(List.of(
                    frame("f-1", "v-1", 0, Map.of("rpm", 800.0, "speedKmh", 0.0)),
                    frame("f-2", "v-1", 20, Map.of("rpm", 2000.0, "speedKmh", 30.0)),
                    frame("f-3", "v-1", 40, Map.of("rpm", 1400.0)),
                    frame("f-4", "v-1", 70, Map.of("rpm", 3000.0))));

            assertThat(minutes("rpm")).containsExactly(
                    new Point(AT, 800.0, 2000.0, 1400.0, 3),
                    new Point(AT.plusSeconds(60), 3000.0, 3000.0, 3000.0, 1));
            assertThat(minutes("speedKmh")).containsExactly(new Point(AT, 0.0, 30.0, 15.0, 2));
            assertThat(minutes("coolantC")).isEmpty();
        }

        @Test
        void anHourMergesItsMinutes() {
            listener.store(List.of(
                    frame("f-1", "v-1", 0, Map.of("coolantC", 20.0)),
                    frame("f-2", "v-1", 600, Map.of("coolantC", 60.0)),
                    frame("f-3", "v-1", 3599, Map.of("coolantC", 91.0)),
                    frame("f-4", "v-1", 3 * 3600, Map.of("coolantC", 90.0))));

            assertThat(series("coolantC", "1h", AT, AT.plusSeconds(4 * 3600))).containsExactly(
                    new Point(AT, 20.0, 91.0, 57.0, 3),
                    new Point(AT.plusSeconds(3 * 3600), 90.0, 90.0, 90.0, 1));
        }

        @Test
        void rawPointsAreTheValuesReadInTheRangeOldestFirst() {
            listener.store(List.of(
                    frame("f-2", "v-1", 20, Map.of("batteryV", 12.4)),
                    frame("f-1", "v-1", 0, Map.of("batteryV", 12.6)),
                    frame("f-3", "v-1", 40, Map.of("rpm", 900.0)),
                    frame("f-4", "v-1", 60, Map.of("batteryV", 12.1))));

            assertThat(series("batteryV", "raw", AT, AT.plusSeconds(60))).containsExactly(
                    new Point(AT, 12.6, 12.6, 12.6, 1),
                    new Point(AT.plusSeconds(20), 12.4, 12.4, 12.4, 1));
        }

        @Test
        void bucketsOverlappingTheRangeAreAnswered() {
            listener.store(List.of(
                    frame("f-1", "v-1", 30, Map.of("rpm", 1000.0)),
                    frame("f-2", "v-1", 90, Map.of("rpm", 2000.0)),
                    frame("f-3", "v-1", 150, Map.of("rpm", 3000.0))));

            assertThat(series("rpm", "1m", AT.plusSeconds(100), AT.plusSeconds(120)))
                    .extracting(Point::at).containsExactly(AT.plusSeconds(60));
        }
    }

    @Nested
    class Idempotency {

        @Test
        void aFrameDeliveredAgainInALaterPollChangesNothing() {
            ObdFrame first = frame("f-1", "v-1", 0, Map.of("rpm", 800.0));
            ObdFrame second = frame("f-2", "v-1", 10, Map.of("rpm", 1200.0));
            listener.store(List.of(first, second));
            List<Document> hoursBefore = mongo.template().findAll(Document.class, VehicleTelemetry.HOURS);
            List<Document> minutesBefore = mongo.template().findAll(Document.class, VehicleTelemetry.MINUTES);
            VehicleView before = vehicle();
            SubscriberProbe<VehicleView> watching =
                    SubscriberProbe.subscribe(emitter, new WatchVehicleQuery("v-1"), VehicleView.class);

            listener.store(List.of(second, first));

            assertThat(minutes("rpm")).containsExactly(new Point(AT, 800.0, 1200.0, 1000.0, 2));
            assertThat(mongo.template().findAll(Document.class, VehicleTelemetry.HOURS)).isEqualTo(hoursBefore);
            assertThat(mongo.template().findAll(Document.class, VehicleTelemetry.MINUTES)).isEqualTo(minutesBefore);
            assertThat(mongo.template().count(new Query(), VehicleTelemetry.FRAMES)).isEqualTo(2);
            assertThat(vehicle()).isEqualTo(before);
            assertThat(watching.updates()).isEmpty();
        }

        @Test
        void aFrameOlderThanTheRawRetentionLeavesItsMinuteAsItWas() {
            listener.store(List.of(frame("f-1", "v-1", 0, Map.of("rpm", 800.0))));
            VehicleTelemetry later = new VehicleTelemetry(mongo.template(), Duration.ofDays(7), Duration.ofDays(400),
                    Clock.fixed(AT.plus(Duration.ofDays(8)), ZoneOffset.UTC));
            mongo.template().remove(new Query(), VehicleTelemetry.FRAMES);
            mongo.template().remove(new Query(), VehicleTelemetry.MINUTES);

            later.store(List.of(frame("f-2", "v-1", 30, Map.of("rpm", 5000.0))));

            assertThat(minutes("rpm")).containsExactly(new Point(AT, 800.0, 800.0, 800.0, 1));
        }

        @Test
        void aFrameArrivingLaterForAnOlderMinuteUpdatesThatMinuteOnly() {
            listener.store(List.of(frame("f-1", "v-1", 0, Map.of("rpm", 800.0)),
                    frame("f-2", "v-1", 300, Map.of("rpm", 3000.0))));
            Point laterMinute = minutes("rpm").get(1);

            listener.store(List.of(frame("f-3", "v-1", 30, Map.of("rpm", 1200.0))));

            assertThat(minutes("rpm")).hasSize(2).startsWith(new Point(AT, 800.0, 1200.0, 1000.0, 2));
            assertThat(minutes("rpm").get(1)).isEqualTo(laterMinute);
        }

        @Test
        void frameIdsWithDotsAndDollarsStayDistinctFrames() {
            List<String> frameIds = List.of("f.1", "f%2E1", "$f");
            List<ObdFrame> poll = new ArrayList<>();
            for (int i = 0; i < frameIds.size(); i++) {
                poll.add(frame(frameIds.get(i), "v-1", 10L * i, Map.of("rpm", 800.0 + 200 * i)));
            }

            listener.store(poll);

            assertThat(minutes("rpm")).containsExactly(new Point(AT, 800.0, 1200.0, 1000.0, 3));
            assertThat(minuteFrames("v-1", AT))
                    .containsOnlyKeys(frameIds.stream().map(VehicleTelemetry::frameKey).toArray(String[]::new));
        }

        @Test
        void theSameFrameTwiceInOnePollCountsOnce() {
            ObdFrame frame = frame("f-1", "v-1", 0, Map.of("rpm", 800.0));

            listener.store(List.of(frame, frame));

            assertThat(minutes("rpm")).containsExactly(new Point(AT, 800.0, 800.0, 800.0, 1));
        }

        @Test
        void aPollConsumedAgainAfterItsFramesWereStoredCompletesTheBuckets() {
            ObdFrame frame = frame("f-1", "v-1", 0, Map.of("rpm", 800.0));
            telemetry.store(List.of(frame));
            mongo.template().remove(new Query(), VehicleTelemetry.HOURS);

            listener.store(List.of(frame));

            assertThat(minutes("rpm")).containsExactly(new Point(AT, 800.0, 800.0, 800.0, 1));
        }
    }

    @Nested
    class Latest {

        @Test
        void theNewestFrameGivesTheLatestReadingsAndLastSeen() {
            listener.store(List.of(
                    frame("f-1", "v-1", 0, Map.of("rpm", 800.0, "fuelPct", 50.0)),
                    frame("f-2", "v-1", 10, Map.of("rpm", 1200.0, "speedKmh", 20.0))));

            assertThat(vehicle().latest()).isEqualTo(new LatestReadings(1200.0, 20.0, null, null, null, 50.0, null,
                    null, AT.plusSeconds(10)));
            assertThat(vehicle().lastSeenAt()).isEqualTo(AT.plusSeconds(10));
        }

        @Test
        void anOlderFrameArrivingLateCountsInItsBucketButMovesNothingBack() {
            listener.store(List.of(frame("f-2", "v-1", 30, Map.of("rpm", 2000.0))));

            listener.store(List.of(frame("f-1", "v-1", 10, Map.of("rpm", 1000.0, "coolantC", 80.0))));

            assertThat(vehicle().latest()).isEqualTo(new LatestReadings(2000.0, null, null, null, null, null, null,
                    null, AT.plusSeconds(30)));
            assertThat(vehicle().lastSeenAt()).isEqualTo(AT.plusSeconds(30));
            assertThat(minutes("rpm")).containsExactly(new Point(AT, 1000.0, 2000.0, 1500.0, 2));
        }

        @Test
        void watchersGetTheViewAfterANewFrame() {
            SubscriberProbe<VehicleView> watching =
                    SubscriberProbe.subscribe(emitter, new WatchVehicleQuery("v-1"), VehicleView.class);

            listener.store(List.of(frame("f-1", "v-1", 0, Map.of("rpm", 800.0)),
                    frame("f-9", "v-9", 0, Map.of("rpm", 800.0))));

            assertThat(watching.updates()).extracting(view -> view.latest().rpm()).containsExactly(800.0);
        }
    }

    /**
     * Many frames stored, then a poll: its minutes are computed from their own minute documents, which hold exactly
     * their frames, and its figures match those computed over every frame sent.
     */
    @Nested
    class Scale {

        private static final int VEHICLES = 2_000;
        private static final int FRAMES_EACH = 10;

        @Test
        void aPollAfterManyFramesWritesItsMinutesFromTheirOwnFrames() {
            Map<String, List<ObdFrame>> sent = new HashMap<>();
            for (int round = 0; round < FRAMES_EACH; round += 2) {
                List<ObdFrame> poll = new ArrayList<>();
                for (int v = 0; v < VEHICLES; v++) {
                    for (int i = round; i < round + 2; i++) {
                        poll.add(scaleFrame(v, i));
                    }
                }
                store(poll, sent);
            }
            assertThat(mongo.template().count(new Query(), VehicleTelemetry.FRAMES))
                    .isEqualTo((long) VEHICLES * FRAMES_EACH);

            store(List.of(scaleFrame(7, FRAMES_EACH), scaleFrame(7, 0), scaleFrame(1999, FRAMES_EACH + 1)), sent);

            Map<String, Set<String>> expectedKeys = new HashMap<>();
            sent.forEach((minuteId, frames) -> frames.forEach(frame -> expectedKeys
                    .computeIfAbsent(minuteId, k -> new HashSet<>()).add(VehicleTelemetry.frameKey(frame.frameId()))));
            Map<String, Set<String>> storedKeys = new HashMap<>();
            mongo.template().getCollection(VehicleTelemetry.MINUTES).find().forEach(minute -> storedKeys
                    .put(minute.getString("_id"), minute.get("frames", Document.class).keySet()));
            assertThat(storedKeys).isEqualTo(expectedKeys);
            for (String vehicleId : List.of("v-7", "v-1999", "v-1000")) {
                List<Point> expected = new ArrayList<>();
                sent.values().stream().filter(frames -> frames.get(0).vehicleId().equals(vehicleId))
                        .map(Scale::bruteForce)
                        .sorted(Comparator.comparing(Point::at))
                        .forEach(expected::add);
                assertThat(telemetry.handle(new FindVehicleTelemetryQuery(vehicleId, "rpm", AT,
                        AT.plusSeconds(3600), "1m")).points()).as(vehicleId).isEqualTo(expected);
            }
            assertThat(mongo.template().getCollection(VehicleProjection.COLLECTION)
                    .find(new Document("_id", "v-7")).first().getDate("lastSeenAt").toInstant())
                    .isEqualTo(scaleFrame(7, FRAMES_EACH).at());
        }

        private void store(List<ObdFrame> poll, Map<String, List<ObdFrame>> sent) {
            listener.store(poll);
            poll.forEach(frame -> {
                List<ObdFrame> frames = sent.computeIfAbsent(
                        frame.vehicleId() + "/" + frame.at().truncatedTo(ChronoUnit.MINUTES), k -> new ArrayList<>());
                if (frames.stream().noneMatch(f -> f.frameId().equals(frame.frameId()))) {
                    frames.add(frame);
                }
            });
        }

        /** Frame {@code i} of vehicle {@code v}: every 25 s, spread over the minutes. */
        private static ObdFrame scaleFrame(int v, int i) {
            return frame("f-" + v + "-" + i, "v-" + v, 25L * i + v % 7, Map.of("rpm", 700.0 + (v * 31 + i * 17) % 4000));
        }

        private static Point bruteForce(List<ObdFrame> frames) {
            double min = frames.stream().mapToDouble(frame -> frame.values().get("rpm")).min().orElseThrow();
            double max = frames.stream().mapToDouble(frame -> frame.values().get("rpm")).max().orElseThrow();
            double sum = frames.stream().mapToDouble(frame -> frame.values().get("rpm")).sum();
            return new Point(frames.get(0).at().truncatedTo(ChronoUnit.MINUTES), min, max, sum / frames.size(),
                    frames.size());
        }
    }

    @Nested
    class Records {

        @Test
        void readableRecordsAreStoredAndOthersCountedAndSkipped() {
            String json = "{\"frameId\":\"f-1\",\"vehicleId\":\"v-1\",\"source\":\"apikey:d\","
                    + "\"at\":\"2026-03-01T09:00:00Z\",\"receivedAt\":\"2026-03-01T09:00:00.200Z\","
                    + "\"values\":{\"rpm\":900.0},\"troubleCodes\":[\"P0133\"]}";

            listener.consume(List.of(
                    new ConsumerRecord<>("axle.vehicle-frames", 0, 0, "v-1", json),
                    new ConsumerRecord<>("axle.vehicle-frames", 0, 1, "v-1", "{not json"),
                    new ConsumerRecord<>("axle.vehicle-frames", 0, 2, "v-1", "{\"vehicleId\":\"v-1\"}")));

            assertThat(vehicle().latest().rpm()).isEqualTo(900.0);
            assertThat(meters.counter("vehicle_frames_unreadable").count()).isEqualTo(2);
            assertThat(meters.timer("vehicle_frames_stored_lag").count()).isEqualTo(1);
            assertThat(meters.timer("vehicle_frames_stored_lag").max(TimeUnit.MILLISECONDS)).isEqualTo(800.0);
        }
    }
}
