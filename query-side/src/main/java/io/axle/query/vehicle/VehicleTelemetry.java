package io.axle.query.vehicle;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.axle.api.vehicle.FindVehicleTelemetryQuery;
import io.axle.api.vehicle.ObdFrame;
import io.axle.api.vehicle.VehicleMeasure;
import io.axle.api.vehicle.VehicleSeries;
import io.axle.api.vehicle.VehicleSeries.Point;
import io.axle.query.ReadModels;
import io.axle.query.sensor.MeasureFigures;
import jakarta.annotation.PostConstruct;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/**
 * The vehicles' telemetry read models, written from the frame topic and read as series: the raw frames
 * ({@value #FRAMES}, one document per frame, its id the frame id), one bucket document per vehicle and hour
 * ({@value #HOURS}) holding the figures (count, minimum, maximum, sum) of each measure for each of its minutes, from
 * which the hour's figures are merged when read, and the latest readings and {@code lastSeenAt} on the vehicle
 * documents.
 *
 * <p>Each write is idempotent by frame id: a frame stored twice is refused by the raw collection's key, and a minute's
 * figures are computed again from the raw frames of that minute rather than added to, so a frame delivered again, or
 * a poll consumed again after a crash, writes the same figures. The latest readings move forward only: a frame read
 * before the stored {@code lastSeenAt} changes nothing there, while it still counts in its buckets.
 */
@Component
public class VehicleTelemetry {

    static final String FRAMES = "vehicle_frames";
    static final String HOURS = "vehicle_hour_buckets";
    static final String RAW = "raw";
    static final String MINUTE = "1m";
    static final String HOUR = "1h";

    private static final int DUPLICATE_KEY = 11000;

    private final MongoTemplate mongo;
    private final Duration rawRetention;
    private final Duration bucketRetention;
    private final Clock clock;

    @Autowired
    public VehicleTelemetry(MongoTemplate mongo,
                            @Value("${axle.vehicles.read-models.raw-retention:7d}") Duration rawRetention,
                            @Value("${axle.vehicles.read-models.bucket-retention:400d}") Duration bucketRetention) {
        this(mongo, rawRetention, bucketRetention, Clock.systemUTC());
    }

    VehicleTelemetry(MongoTemplate mongo, Duration rawRetention, Duration bucketRetention, Clock clock) {
        this.mongo = mongo;
        this.rawRetention = rawRetention;
        this.bucketRetention = bucketRetention;
        this.clock = clock;
    }

    /** The series and retention indexes; the embedded server ignores non-unique and expiring ones. */
    @PostConstruct
    void createIndexes() {
        ReadModels.createIndex(mongo, FRAMES, new Index().on("vehicleId", Sort.Direction.ASC)
                .on("at", Sort.Direction.ASC).named("vehicleId_at"));
        ReadModels.createIndex(mongo, FRAMES, new Index().on("vehicleId", Sort.Direction.ASC)
                .on("minute", Sort.Direction.ASC).named("vehicleId_minute"));
        ReadModels.createIndex(mongo, FRAMES, new Index().on("receivedAt", Sort.Direction.ASC)
                .expire(rawRetention.toSeconds(), TimeUnit.SECONDS).named("receivedAt_retention"));
        ReadModels.createIndex(mongo, HOURS, new Index().on("vehicleId", Sort.Direction.ASC)
                .on("hour", Sort.Direction.ASC).named("vehicleId_hour"));
        ReadModels.createIndex(mongo, HOURS, new Index().on("hour", Sort.Direction.ASC)
                .expire(bucketRetention.toSeconds(), TimeUnit.SECONDS).named("hour_retention"));
    }

    /**
     * Stores one poll of frames: the raw frames, the figures of every minute they fall in, then the latest readings.
     *
     * @return the vehicles that got a frame not stored before, whose views changed
     */
    Set<String> store(List<ObdFrame> frames) {
        if (frames.isEmpty()) {
            return Set.of();
        }
        Set<String> changed = insertRaw(frames);
        writeMinutes(frames);
        writeLatest(frames);
        return changed;
    }

    private Set<String> insertRaw(List<ObdFrame> frames) {
        List<Document> documents = new ArrayList<>(frames.size());
        for (ObdFrame frame : frames) {
            documents.add(new Document("_id", frame.frameId())
                    .append("vehicleId", frame.vehicleId())
                    .append("source", frame.source())
                    .append("at", date(frame.at()))
                    .append("minute", date(minute(frame.at())))
                    .append("receivedAt", date(frame.receivedAt() == null ? frame.at() : frame.receivedAt()))
                    .append("values", new Document(values(frame)))
                    .append("troubleCodes", frame.troubleCodes()));
        }
        Set<Integer> refused = new HashSet<>();
        try {
            mongo.getCollection(FRAMES).insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            refused.addAll(duplicates(e));
        }
        Set<String> changed = new LinkedHashSet<>();
        for (int i = 0; i < frames.size(); i++) {
            if (!refused.contains(i)) {
                changed.add(frames.get(i).vehicleId());
            }
        }
        return changed;
    }

    /**
     * Computes again, from the raw frames, the figures of every vehicle and minute of the poll. Minutes older than the
     * raw retention are left as they are: their other frames may have expired, and figures computed without them
     * would lose them.
     */
    private void writeMinutes(List<ObdFrame> frames) {
        Instant retained = clock.instant().minus(rawRetention);
        Set<String> vehicles = new LinkedHashSet<>();
        Set<Date> minutes = new LinkedHashSet<>();
        Set<String> touched = new HashSet<>();
        for (ObdFrame frame : frames) {
            if (minute(frame.at()).isBefore(retained)) {
                continue;
            }
            vehicles.add(frame.vehicleId());
            minutes.add(date(minute(frame.at())));
            touched.add(frame.vehicleId() + "/" + minute(frame.at()));
        }
        if (touched.isEmpty()) {
            return;
        }
        Map<String, MinuteFigures> figures = new LinkedHashMap<>();
        Bson stored = Filters.and(Filters.in("vehicleId", vehicles), Filters.in("minute", minutes));
        for (Document frame : mongo.getCollection(FRAMES).find(stored)) {
            String vehicleId = frame.getString("vehicleId");
            Instant minute = frame.getDate("minute").toInstant();
            String key = vehicleId + "/" + minute;
            if (touched.contains(key)) {
                figures.computeIfAbsent(key, k -> new MinuteFigures(vehicleId, minute))
                        .add(frame.get("values", Document.class));
            }
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (MinuteFigures minute : figures.values()) {
            Instant hour = minute.minute.truncatedTo(ChronoUnit.HOURS);
            String slot = String.format("minutes.%02d", Duration.between(hour, minute.minute).toMinutes());
            writes.add(new UpdateOneModel<>(Filters.eq("_id", hourId(minute.vehicleId, hour)),
                    Updates.combine(Updates.set("vehicleId", minute.vehicleId), Updates.set("hour", date(hour)),
                            Updates.set(slot, minute.toDocument())),
                    new UpdateOptions().upsert(true)));
        }
        bulkWrite(mongo.getCollection(HOURS), writes, true);
    }

    /**
     * Moves each vehicle's latest readings forward: each measure takes its value from the newest frame of the poll
     * carrying it among those read after the stored {@code lastSeenAt}, and {@code lastSeenAt} the newest frame's time.
     * The write is conditional on {@code lastSeenAt} being still older, so a frame read earlier moves nothing back.
     */
    private void writeLatest(List<ObdFrame> frames) {
        Map<String, Date> seen = new HashMap<>();
        Set<String> vehicleIds = new LinkedHashSet<>();
        frames.forEach(frame -> vehicleIds.add(frame.vehicleId()));
        for (Document vehicle : mongo.getCollection(VehicleProjection.COLLECTION)
                .find(Filters.in("_id", vehicleIds)).projection(Projections.include("lastSeenAt"))) {
            Date lastSeenAt = vehicle.getDate("lastSeenAt");
            if (lastSeenAt != null) {
                seen.put(vehicle.getString("_id"), lastSeenAt);
            }
        }
        Map<String, Latest> latest = new LinkedHashMap<>();
        frames.stream().sorted(Comparator.comparing(ObdFrame::at).thenComparing(ObdFrame::frameId))
                .filter(frame -> !seen.containsKey(frame.vehicleId())
                        || frame.at().isAfter(seen.get(frame.vehicleId()).toInstant()))
                .forEach(frame -> latest.computeIfAbsent(frame.vehicleId(), id -> new Latest()).add(frame));
        List<WriteModel<Document>> writes = new ArrayList<>();
        latest.forEach((vehicleId, readings) -> {
            List<Bson> sets = new ArrayList<>();
            sets.add(Updates.set("lastSeenAt", date(readings.at)));
            sets.add(Updates.set("latest.at", date(readings.at)));
            readings.values.forEach((measure, value) -> sets.add(Updates.set("latest." + measure, value)));
            Bson olderOrNone = Filters.or(Filters.eq("lastSeenAt", null), Filters.lt("lastSeenAt", date(readings.at)));
            writes.add(new UpdateOneModel<>(Filters.and(Filters.eq("_id", vehicleId), olderOrNone),
                    Updates.combine(sets), new UpdateOptions().upsert(true)));
        });
        // an upsert refused for its key met a document seen later meanwhile: nothing to move
        bulkWrite(mongo.getCollection(VehicleProjection.COLLECTION), writes, false);
    }

    /**
     * Writes unordered; key conflicts are retried once when {@code retryConflicts} (two writers upserting the same
     * bucket) and ignored otherwise; any other error goes back to the consumer, which retries the poll.
     */
    private static void bulkWrite(MongoCollection<Document> collection, List<WriteModel<Document>> writes,
            boolean retryConflicts) {
        if (writes.isEmpty()) {
            return;
        }
        try {
            collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            Set<Integer> conflicts = duplicates(e);
            if (retryConflicts) {
                List<WriteModel<Document>> again = new ArrayList<>();
                conflicts.forEach(index -> again.add(writes.get(index)));
                collection.bulkWrite(again, new BulkWriteOptions().ordered(false));
            }
        }
    }

    /** The indexes of the writes refused for a duplicate key; any other error is thrown again. */
    private static Set<Integer> duplicates(MongoBulkWriteException e) {
        Set<Integer> refused = new HashSet<>();
        for (BulkWriteError error : e.getWriteErrors()) {
            if (error.getCode() != DUPLICATE_KEY) {
                throw e;
            }
            refused.add(error.getIndex());
        }
        return refused;
    }

    /**
     * One measure of a vehicle between {@code from} (inclusive) and {@code to} (exclusive): the raw values read, or
     * the minute or hour buckets overlapping the range, oldest first, buckets without a value of the measure left out.
     */
    @QueryHandler
    VehicleSeries handle(FindVehicleTelemetryQuery query) {
        List<Point> points = switch (query.resolution()) {
            case RAW -> raw(query);
            case MINUTE, HOUR -> buckets(query, query.resolution().equals(HOUR));
            default -> throw new IllegalArgumentException("Unknown resolution " + query.resolution());
        };
        return new VehicleSeries(query.vehicleId(), query.measure(), query.resolution(), points);
    }

    private List<Point> raw(FindVehicleTelemetryQuery query) {
        String field = "values." + query.measure();
        Bson range = Filters.and(Filters.eq("vehicleId", query.vehicleId()), Filters.gte("at", date(query.from())),
                Filters.lt("at", date(query.to())), Filters.exists(field));
        List<Point> points = new ArrayList<>();
        for (Document frame : mongo.getCollection(FRAMES).find(range).sort(Sorts.ascending("at", "_id"))) {
            Object value = frame.get("values", Document.class).get(query.measure());
            if (value instanceof Number number) {
                double v = number.doubleValue();
                points.add(new Point(frame.getDate("at").toInstant(), v, v, v, 1));
            }
        }
        return points;
    }

    private List<Point> buckets(FindVehicleTelemetryQuery query, boolean hourly) {
        Instant firstHour = query.from().truncatedTo(ChronoUnit.HOURS);
        Bson range = Filters.and(Filters.eq("vehicleId", query.vehicleId()), Filters.gte("hour", date(firstHour)),
                Filters.lt("hour", date(query.to())));
        Duration width = hourly ? Duration.ofHours(1) : Duration.ofMinutes(1);
        List<Point> points = new ArrayList<>();
        for (Document bucket : mongo.getCollection(HOURS).find(range).sort(Sorts.ascending("hour"))) {
            Instant hour = bucket.getDate("hour").toInstant();
            Document minutes = bucket.get("minutes", Document.class);
            Map<Instant, MeasureFigures> slots = new TreeMap<>();
            if (minutes != null) {
                minutes.forEach((slot, figures) -> {
                    Instant start = hourly ? hour : hour.plus(Duration.ofMinutes(Integer.parseInt(slot)));
                    MeasureFigures measure = MeasureFigures.from(((Document) figures).get(query.measure(),
                            Document.class));
                    slots.computeIfAbsent(start, s -> new MeasureFigures()).merge(measure);
                });
            }
            slots.forEach((start, figures) -> {
                if (figures.count() > 0 && start.isBefore(query.to()) && start.plus(width).isAfter(query.from())) {
                    var statistics = figures.toStatistics();
                    points.add(new Point(start, statistics.min(), statistics.max(), statistics.average(),
                            statistics.count()));
                }
            });
        }
        return points;
    }

    static String hourId(String vehicleId, Instant hour) {
        return vehicleId + "/" + hour;
    }

    private static Instant minute(Instant at) {
        return at.truncatedTo(ChronoUnit.MINUTES);
    }

    /** The frame's values of the known measures, in the order of {@link VehicleMeasure#KEYS}. */
    private static Map<String, Object> values(ObdFrame frame) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (frame.values() != null) {
            for (String measure : VehicleMeasure.KEYS) {
                Double value = frame.values().get(measure);
                if (value != null) {
                    values.put(measure, value);
                }
            }
        }
        return values;
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    /** A vehicle's newest values of the poll, frames added oldest first. */
    private static final class Latest {
        Instant at;
        final Map<String, Object> values = new LinkedHashMap<>();

        void add(ObdFrame frame) {
            at = frame.at();
            values.putAll(values(frame));
        }
    }

    /** The figures of each measure in one vehicle's minute. */
    private static final class MinuteFigures {
        final String vehicleId;
        final Instant minute;
        final Map<String, MeasureFigures> measures = new LinkedHashMap<>();

        MinuteFigures(String vehicleId, Instant minute) {
            this.vehicleId = vehicleId;
            this.minute = minute;
        }

        void add(Document values) {
            if (values == null) {
                return;
            }
            values.forEach((measure, value) -> {
                if (value instanceof Number number) {
                    measures.computeIfAbsent(measure, m -> new MeasureFigures()).add(number.doubleValue());
                }
            });
        }

        Document toDocument() {
            Document document = new Document();
            measures.forEach((measure, figures) -> document.append(measure, figures.toDocument()));
            return document;
        }
    }
}
