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
 * ({@value #FRAMES}, one document per frame, its id the frame id), one document per vehicle and minute
 * ({@value #MINUTES}, id {@code vehicleId/minute}) holding the values of each of its frames keyed by frame id, one
 * bucket document per vehicle and hour ({@value #HOURS}) holding the figures (count, minimum, maximum, sum) of each
 * measure for each of its minutes, from which the hour's figures are merged when read, and the latest readings and
 * {@code lastSeenAt} on the vehicle documents.
 *
 * <p>Each write is idempotent by frame id: a frame stored twice is refused by the raw collection's key and sets the
 * same field of its minute document again, and a minute's figures are computed again from its minute document rather
 * than added to, so a frame delivered again, or a poll consumed again after a crash, writes the same figures. The
 * latest readings move forward only: a frame read before the stored {@code lastSeenAt} changes nothing there, while it
 * still counts in its buckets.
 *
 * <p>A poll's cost does not grow with what is stored: every read and write on its path selects documents by
 * {@code _id} alone ({@code _id} equal or {@code $in}), or by {@code _id} and {@code lastSeenAt} equal for the
 * vehicles' conditional write, matched by a unique index on both, because the embedded MongoDB wire server uses only
 * unique indexes, and only for a query on exactly their keys; a real MongoDB answers the same queries from the same
 * indexes. The raw series ({@code raw} resolution) is read by vehicle and time: a real MongoDB answers it from the
 * {@code vehicleId_at} index, the embedded server by reading every raw frame stored.
 */
@Component
public class VehicleTelemetry {

    static final String FRAMES = "vehicle_frames";
    static final String MINUTES = "vehicle_minutes";
    static final String HOURS = "vehicle_hour_buckets";
    static final String RAW = "raw";
    static final String MINUTE = "1m";
    static final String HOUR = "1h";

    private static final String FRAME_VALUES = "frames.";
    private static final int DUPLICATE_KEY = 11000;
    /** How many times a poll's latest readings are written before the poll is handed back to be retried. */
    private static final int LATEST_ATTEMPTS = 5;

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

    /**
     * The series and retention indexes, and the unique index on the vehicles' {@code _id} and {@code lastSeenAt} that
     * lets the embedded server find the conditional write of the latest readings by key; it ignores the non-unique
     * and expiring ones. The minute documents expire with the raw frames, an hour after them so that a minute is
     * never read back half expired while a frame may still be added to it.
     */
    @PostConstruct
    void createIndexes() {
        ReadModels.createIndex(mongo, FRAMES, new Index().on("vehicleId", Sort.Direction.ASC)
                .on("at", Sort.Direction.ASC).named("vehicleId_at"));
        ReadModels.createIndex(mongo, FRAMES, new Index().on("receivedAt", Sort.Direction.ASC)
                .expire(rawRetention.toSeconds(), TimeUnit.SECONDS).named("receivedAt_retention"));
        ReadModels.createIndex(mongo, MINUTES, new Index().on("minute", Sort.Direction.ASC)
                .expire(rawRetention.plusHours(1).toSeconds(), TimeUnit.SECONDS).named("minute_retention"));
        ReadModels.createIndex(mongo, HOURS, new Index().on("vehicleId", Sort.Direction.ASC)
                .on("hour", Sort.Direction.ASC).named("vehicleId_hour"));
        ReadModels.createIndex(mongo, HOURS, new Index().on("hour", Sort.Direction.ASC)
                .expire(bucketRetention.toSeconds(), TimeUnit.SECONDS).named("hour_retention"));
        ReadModels.createIndex(mongo, VehicleProjection.COLLECTION, new Index().on("_id", Sort.Direction.ASC)
                .on("lastSeenAt", Sort.Direction.ASC).unique().named("id_lastSeenAt"));
    }

    /**
     * Stores one poll of frames: the raw frames, their values in their minutes, the figures of every minute they fall
     * in, then the latest readings.
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
     * Adds each frame's values to its vehicle and minute's document, under the frame's key, then computes again, from
     * those documents, the figures of every vehicle and minute of the poll and writes them to their hour buckets.
     * Minutes older than the raw retention are left as they are: their minute documents may have expired, and figures
     * computed without their frames would lose them.
     */
    private void writeMinutes(List<ObdFrame> frames) {
        Instant retained = clock.instant().minus(rawRetention);
        Map<String, Document> byMinute = new LinkedHashMap<>();
        Map<String, ObdFrame> firsts = new LinkedHashMap<>();
        for (ObdFrame frame : frames) {
            if (minute(frame.at()).isBefore(retained)) {
                continue;
            }
            String id = minuteId(frame.vehicleId(), minute(frame.at()));
            firsts.putIfAbsent(id, frame);
            byMinute.computeIfAbsent(id, k -> new Document()).append(FRAME_VALUES + frameKey(frame.frameId()),
                    new Document(values(frame)));
        }
        if (byMinute.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> additions = new ArrayList<>();
        byMinute.forEach((id, frameValues) -> {
            ObdFrame frame = firsts.get(id);
            Document set = new Document("vehicleId", frame.vehicleId()).append("minute", date(minute(frame.at())));
            set.putAll(frameValues);
            additions.add(new UpdateOneModel<>(Filters.eq("_id", id), new Document("$set", set),
                    new UpdateOptions().upsert(true)));
        });
        bulkWrite(mongo.getCollection(MINUTES), additions, true);

        List<WriteModel<Document>> writes = new ArrayList<>();
        for (Document stored : mongo.getCollection(MINUTES).find(Filters.in("_id", byMinute.keySet()))) {
            String vehicleId = stored.getString("vehicleId");
            Instant minute = stored.getDate("minute").toInstant();
            MinuteFigures figures = new MinuteFigures();
            Document storedFrames = stored.get("frames", Document.class);
            if (storedFrames != null) {
                storedFrames.values().forEach(frameValues -> figures.add((Document) frameValues));
            }
            Instant hour = minute.truncatedTo(ChronoUnit.HOURS);
            String slot = String.format("minutes.%02d", Duration.between(hour, minute).toMinutes());
            writes.add(new UpdateOneModel<>(Filters.eq("_id", hourId(vehicleId, hour)),
                    Updates.combine(Updates.set("vehicleId", vehicleId), Updates.set("hour", date(hour)),
                            Updates.set(slot, figures.toDocument())),
                    new UpdateOptions().upsert(true)));
        }
        bulkWrite(mongo.getCollection(HOURS), writes, true);
    }

    /**
     * Moves each vehicle's latest readings forward: each measure takes its value from the newest frame of the poll
     * carrying it among those read after the stored {@code lastSeenAt}, and {@code lastSeenAt} the newest frame's time.
     * The write is conditional on {@code lastSeenAt} being still the one read (a compare and set on the vehicle's key
     * and {@code lastSeenAt}, which the unique index {@code id_lastSeenAt} finds), so a frame read earlier moves
     * nothing back. A vehicle whose stored {@code lastSeenAt} is still older than its newest frame afterwards (another
     * writer moved it in between) is written again from what is stored then.
     */
    private void writeLatest(List<ObdFrame> frames) {
        List<ObdFrame> pending = frames;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > LATEST_ATTEMPTS) {
                throw new IllegalStateException("Latest readings of " + pending.size() + " frames not written after "
                        + LATEST_ATTEMPTS + " attempts: their vehicles' lastSeenAt kept changing");
            }
            Map<String, Date> seen = lastSeen(pending);
            Map<String, Latest> latest = new LinkedHashMap<>();
            pending.stream().sorted(Comparator.comparing(ObdFrame::at).thenComparing(ObdFrame::frameId))
                    .filter(frame -> !seen.containsKey(frame.vehicleId())
                            || frame.at().isAfter(seen.get(frame.vehicleId()).toInstant()))
                    .forEach(frame -> latest.computeIfAbsent(frame.vehicleId(), id -> new Latest()).add(frame));
            List<WriteModel<Document>> writes = new ArrayList<>();
            latest.forEach((vehicleId, readings) -> {
                List<Bson> sets = new ArrayList<>();
                sets.add(Updates.set("lastSeenAt", date(readings.at)));
                sets.add(Updates.set("latest.at", date(readings.at)));
                readings.values.forEach((measure, value) -> sets.add(Updates.set("latest." + measure, value)));
                // exactly the keys of the unique index id_lastSeenAt, so that the embedded server looks it up
                Document unchanged = new Document("_id", vehicleId).append("lastSeenAt", seen.get(vehicleId));
                writes.add(new UpdateOneModel<>(unchanged, Updates.combine(sets), new UpdateOptions().upsert(true)));
            });
            // an upsert refused for its key met a document whose lastSeenAt changed meanwhile: checked below
            bulkWrite(mongo.getCollection(VehicleProjection.COLLECTION), writes, false);
            Map<String, Date> written = lastSeen(pending);
            pending = pending.stream().filter(frame -> {
                Latest readings = latest.get(frame.vehicleId());
                Date stored = written.get(frame.vehicleId());
                return readings != null && (stored == null || stored.before(date(readings.at)));
            }).toList();
        }
    }

    /** The stored {@code lastSeenAt} of the frames' vehicles that have one, read by {@code _id}. */
    private Map<String, Date> lastSeen(List<ObdFrame> frames) {
        Set<String> vehicleIds = new LinkedHashSet<>();
        frames.forEach(frame -> vehicleIds.add(frame.vehicleId()));
        Map<String, Date> seen = new HashMap<>();
        for (Document vehicle : mongo.getCollection(VehicleProjection.COLLECTION)
                .find(Filters.in("_id", vehicleIds)).projection(Projections.include("lastSeenAt"))) {
            Date lastSeenAt = vehicle.getDate("lastSeenAt");
            if (lastSeenAt != null) {
                seen.put(vehicle.getString("_id"), lastSeenAt);
            }
        }
        return seen;
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

    static String minuteId(String vehicleId, Instant minute) {
        return vehicleId + "/" + minute;
    }

    /**
     * The field of a frame in its minute document's {@code frames}: the frame id with {@code %}, {@code .} and
     * {@code $} written as their percent codes (a field name may hold neither of the last two) behind an {@code f}, so
     * that distinct frame ids stay distinct fields and none is empty or starts with {@code $}.
     */
    static String frameKey(String frameId) {
        return "f" + frameId.replace("%", "%25").replace(".", "%2E").replace("$", "%24");
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
        final Map<String, MeasureFigures> measures = new LinkedHashMap<>();

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
