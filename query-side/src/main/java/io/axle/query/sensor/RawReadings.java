package io.axle.query.sensor;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import io.axle.api.sensor.SensorReading;
import io.axle.query.ReadModels;
import jakarta.annotation.PostConstruct;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/**
 * The raw readings collection ({@value #COLLECTION}): one document per reading whose id is the reading id, so that a
 * reading delivered again is refused by the store itself and stored once. Each document keeps the topic partition and
 * offset it was first delivered from, which tells a redelivery of the reading (to be counted once) from the same
 * delivery consumed again (to be counted if the statistics missed it).
 */
@Component
public class RawReadings {

    static final String COLLECTION = "sensor_readings";
    static final String TIMESTAMP = "timestamp";
    /** The topic partition and offset of the delivery that stored the reading. */
    static final String PARTITION = "kafkaPartition";
    static final String OFFSET = "kafkaOffset";

    private static final int DUPLICATE_KEY = 11000;

    private final MongoTemplate mongo;

    public RawReadings(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The indexes the reading queries need on a real MongoDB; the embedded server ignores non-unique ones. */
    @PostConstruct
    void createIndexes() {
        ReadModels.createIndex(mongo, COLLECTION, new Index().on("runId", Sort.Direction.ASC)
                .on("sensorId", Sort.Direction.ASC).on(TIMESTAMP, Sort.Direction.ASC)
                .named("runId_sensorId_timestamp"));
        ReadModels.createIndex(mongo, COLLECTION, new Index().on("runId", Sort.Direction.ASC)
                .on(TIMESTAMP, Sort.Direction.ASC).named("runId_timestamp"));
    }

    /**
     * Stores the readings in one unordered bulk insert; readings stored before (same reading id) are skipped. A reading
     * is to be counted in the statistics only if this is its first delivery: either its insert was new, or the stored
     * document was written from this very place on the topic (the same delivery seen again, e.g. after a crash between
     * this write and the statistics). A second delivery of the reading at another offset (a device or gateway retry)
     * is not counted. Documents stored without their place on the topic are left to the statistics' offset guard.
     *
     * @return how many readings were new, and the readings to count, in the order given
     */
    Stored insert(List<ConsumedReading> readings) {
        if (readings.isEmpty()) {
            return new Stored(0, List.of());
        }
        List<Document> documents = new ArrayList<>(readings.size());
        for (ConsumedReading consumed : readings) {
            documents.add(toDocument(consumed));
        }
        try {
            mongo.getCollection(COLLECTION).insertMany(documents, new InsertManyOptions().ordered(false));
            return new Stored(documents.size(), readings);
        } catch (MongoBulkWriteException e) {
            Set<Integer> refused = new HashSet<>();
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCode() != DUPLICATE_KEY) {
                    throw e;
                }
                refused.add(error.getIndex());
            }
            return new Stored(documents.size() - refused.size(), firstDeliveries(readings, refused));
        }
    }

    /** The readings to count: those inserted now, and the refused ones whose stored document came from their place. */
    private List<ConsumedReading> firstDeliveries(List<ConsumedReading> readings, Set<Integer> refused) {
        Set<String> refusedIds = new HashSet<>();
        for (int index : refused) {
            refusedIds.add(readings.get(index).reading().readingId());
        }
        Map<String, Document> places = new HashMap<>();
        for (Document stored : mongo.getCollection(COLLECTION).find(Filters.in("_id", refusedIds))
                .projection(Projections.include(PARTITION, OFFSET))) {
            places.put(stored.getString("_id"), stored);
        }
        List<ConsumedReading> toCount = new ArrayList<>(readings.size());
        for (int i = 0; i < readings.size(); i++) {
            ConsumedReading consumed = readings.get(i);
            if (!refused.contains(i) || storedFrom(places.get(consumed.reading().readingId()), consumed)) {
                toCount.add(consumed);
            }
        }
        return toCount;
    }

    /** Whether the stored document was written from this place on the topic, or does not say where it came from. */
    private static boolean storedFrom(Document stored, ConsumedReading consumed) {
        if (stored == null) {
            return false;
        }
        Object partition = stored.get(PARTITION);
        Object offset = stored.get(OFFSET);
        if (!(partition instanceof Number p) || !(offset instanceof Number o)) {
            return true;
        }
        return p.intValue() == consumed.partition() && o.longValue() == consumed.offset();
    }

    /** The raw document of a reading, with the place on the topic of the delivery that stored it. */
    static Document toDocument(ConsumedReading consumed) {
        return toDocument(consumed.reading()).append(PARTITION, consumed.partition()).append(OFFSET, consumed.offset());
    }

    private static Document toDocument(SensorReading reading) {
        Document document = new Document("_id", reading.readingId())
                .append("runId", reading.runId())
                .append("sensorId", reading.sensorId())
                .append("source", reading.source())
                .append(TIMESTAMP, date(reading.timestamp()))
                .append("receivedAt", date(reading.receivedAt()))
                .append("temperature", reading.temperature());
        if (reading.humidity() != null) {
            document.append("humidity", reading.humidity());
        }
        if (reading.pressure() != null) {
            document.append("pressure", reading.pressure());
        }
        return document;
    }

    static SensorReading toReading(Document document) {
        return new SensorReading(document.getString("_id"), document.getString("runId"),
                document.getString("sensorId"), document.getString("source"), instant(document.getDate(TIMESTAMP)),
                instant(document.getDate("receivedAt")), ((Number) document.get("temperature")).doubleValue(),
                doubleOrNull(document.get("humidity")), doubleOrNull(document.get("pressure")));
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    /** The outcome of an insert: how many readings were stored for the first time, and which ones to count. */
    record Stored(int added, List<ConsumedReading> toCount) {
    }

    private static Double doubleOrNull(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }
}
