package io.axle.query.sensor;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import io.axle.api.sensor.SensorReading;
import io.axle.query.ReadModels;
import jakarta.annotation.PostConstruct;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/**
 * Adds consumed readings to the per-run and per-sensor statistics ({@value #STATISTICS}) and to the per-sensor minute
 * buckets ({@value #BUCKETS}), exactly once under at-least-once delivery.
 *
 * <p>Every document remembers the highest topic offset it applied per partition; since the readings of a run travel on
 * one partition in order, a reading at or below that offset was counted already. Each batch costs one read and one
 * unordered bulk write per collection; every write is conditional on the document's version being the one read, so
 * two consumers holding the same partition during a rebalance cannot count a reading twice: the loser reads again and
 * applies only what is still missing.
 */
@Component
public class RunStatisticsWriter {

    static final String STATISTICS = "sensor_statistics";
    static final String BUCKETS = "sensor_minute_buckets";
    /** How often a batch is re-read after losing a race before the failure goes back to the consumer (and is retried). */
    static final int MAX_ATTEMPTS = 50;

    private static final int DUPLICATE_KEY = 11000;
    private static final String WHOLE_RUN = "*";
    private static final Logger log = LoggerFactory.getLogger(RunStatisticsWriter.class);

    private final MongoTemplate mongo;

    public RunStatisticsWriter(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The indexes the statistics queries need on a real MongoDB; the embedded server ignores non-unique ones. */
    @PostConstruct
    void createIndexes() {
        ReadModels.createIndex(mongo, STATISTICS, new Index().on(Tally.RUN_ID, Sort.Direction.ASC)
                .on(Tally.SENSOR_ID, Sort.Direction.ASC).named("runId_sensorId"));
        ReadModels.createIndex(mongo, BUCKETS, new Index().on(Tally.RUN_ID, Sort.Direction.ASC)
                .on(Tally.MINUTE, Sort.Direction.ASC).on(Tally.SENSOR_ID, Sort.Direction.ASC)
                .named("runId_minute_sensorId"));
    }

    /**
     * Counts the readings not counted yet; readings of one partition must come in offset order.
     *
     * @return per run of the batch, the whole-run figures after the write and the readings this call found uncounted
     */
    Map<String, RunProgress> apply(List<ConsumedReading> readings) {
        Map<String, Group> buckets = new LinkedHashMap<>();
        Map<String, Group> statistics = new LinkedHashMap<>();
        for (ConsumedReading consumed : readings) {
            SensorReading reading = consumed.reading();
            Instant minute = reading.timestamp().truncatedTo(ChronoUnit.MINUTES);
            group(buckets, bucketId(reading.runId(), reading.sensorId(), minute),
                    id -> Tally.empty(id, reading.runId(), reading.sensorId(), minute)).readings.add(consumed);
            group(statistics, statisticsId(reading.runId(), null),
                    id -> Tally.empty(id, reading.runId(), null, null)).readings.add(consumed);
            group(statistics, statisticsId(reading.runId(), reading.sensorId()),
                    id -> Tally.empty(id, reading.runId(), reading.sensorId(), null)).readings.add(consumed);
        }
        write(BUCKETS, buckets);
        Map<String, Applied> written = write(STATISTICS, statistics);
        Map<String, RunProgress> runs = new LinkedHashMap<>();
        for (Applied applied : written.values()) {
            if (applied.tally.sensorId() == null) {
                String runId = applied.tally.runId();
                runs.put(runId, new RunProgress(runId, applied.tally, applied.counted));
            }
        }
        return runs;
    }

    /** The statistics document id of a run ({@code sensorId} null) or of one of its sensors. */
    static String statisticsId(String runId, String sensorId) {
        return runId + "/" + (sensorId == null ? WHOLE_RUN : sensorId);
    }

    static String bucketId(String runId, String sensorId, Instant minute) {
        return runId + "/" + sensorId + "/" + minute;
    }

    /**
     * Adds each group's readings to its document with one read and one conditional bulk write, reading again after a
     * lost race. The readings reported as counted are those new at the first read: during a rebalance two consumers
     * may both report a reading (a live update shown twice), but the figures count it once.
     */
    private Map<String, Applied> write(String collectionName, Map<String, Group> groups) {
        MongoCollection<Document> collection = mongo.getCollection(collectionName);
        Map<String, List<SensorReading>> countedAtFirstRead = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Map<String, Document> stored = new HashMap<>();
            for (Document document : collection.find(Filters.in(Tally.ID, groups.keySet()))) {
                stored.put(document.getString(Tally.ID), document);
            }
            Map<String, Applied> applied = new LinkedHashMap<>();
            List<WriteModel<Document>> writes = new ArrayList<>();
            for (Map.Entry<String, Group> entry : groups.entrySet()) {
                Document current = stored.get(entry.getKey());
                Tally tally = current == null ? entry.getValue().empty.get() : Tally.from(current);
                long readVersion = tally.version();
                List<SensorReading> counted = new ArrayList<>();
                for (ConsumedReading consumed : entry.getValue().readings) {
                    if (tally.add(consumed)) {
                        counted.add(consumed.reading());
                    }
                }
                if (!counted.isEmpty()) {
                    tally.nextVersion();
                    writes.add(new ReplaceOneModel<>(
                            Filters.and(Filters.eq(Tally.ID, tally.id()), Filters.eq(Tally.VERSION, readVersion)),
                            tally.toDocument(), new ReplaceOptions().upsert(true)));
                }
                applied.put(entry.getKey(), new Applied(tally, counted));
            }
            if (countedAtFirstRead == null) {
                countedAtFirstRead = new HashMap<>();
                for (Map.Entry<String, Applied> entry : applied.entrySet()) {
                    countedAtFirstRead.put(entry.getKey(), entry.getValue().counted);
                }
            }
            if (writes.isEmpty() || allApplied(collection, writes)) {
                Map<String, Applied> result = new LinkedHashMap<>();
                for (Map.Entry<String, Applied> entry : applied.entrySet()) {
                    result.put(entry.getKey(),
                            new Applied(entry.getValue().tally, countedAtFirstRead.get(entry.getKey())));
                }
                return result;
            }
            log.debug("Another consumer wrote {} meanwhile; reading again (attempt {})", collectionName, attempt);
        }
        throw new IllegalStateException("Could not write " + collectionName + " after " + MAX_ATTEMPTS
                + " attempts: other consumers kept writing the same documents");
    }

    /** Whether every conditional write found its document at the version read; a lost race is not an error. */
    private static boolean allApplied(MongoCollection<Document> collection, List<WriteModel<Document>> writes) {
        BulkWriteResult result;
        try {
            result = collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCode() != DUPLICATE_KEY) {
                    throw e;
                }
            }
            return false;
        }
        return result.getMatchedCount() + result.getUpserts().size() == writes.size();
    }

    private static Group group(Map<String, Group> groups, String id, Function<String, Tally> empty) {
        return groups.computeIfAbsent(id, key -> new Group(() -> empty.apply(key)));
    }

    /** The figures of a whole run after a batch, and the readings of the batch that were new to them. */
    record RunProgress(String runId, Tally run, List<SensorReading> counted) {
    }

    private record Applied(Tally tally, List<SensorReading> counted) {
    }

    private static final class Group {
        final Supplier<Tally> empty;
        final List<ConsumedReading> readings = new ArrayList<>();

        Group(Supplier<Tally> empty) {
            this.empty = empty;
        }
    }
}
