package io.axle.query.sensor;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.InsertManyOptions;
import io.axle.api.sensor.SensorReading;
import io.axle.query.ReadModels;
import jakarta.annotation.PostConstruct;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/**
 * The raw readings collection ({@value #COLLECTION}): one document per reading whose id is the reading id, so that a
 * reading delivered again is refused by the store itself and stored once.
 */
@Component
public class RawReadings {

    static final String COLLECTION = "sensor_readings";
    static final String TIMESTAMP = "timestamp";

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
     * Stores the readings in one unordered bulk insert; readings stored before (same reading id) are skipped.
     *
     * @return how many readings were new
     */
    int insert(List<SensorReading> readings) {
        if (readings.isEmpty()) {
            return 0;
        }
        List<Document> documents = new ArrayList<>(readings.size());
        for (SensorReading reading : readings) {
            documents.add(toDocument(reading));
        }
        try {
            mongo.getCollection(COLLECTION).insertMany(documents, new InsertManyOptions().ordered(false));
            return documents.size();
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCode() != DUPLICATE_KEY) {
                    throw e;
                }
            }
            return documents.size() - e.getWriteErrors().size();
        }
    }

    static Document toDocument(SensorReading reading) {
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

    private static Double doubleOrNull(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }
}
