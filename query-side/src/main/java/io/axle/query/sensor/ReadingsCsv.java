package io.axle.query.sensor;

import io.axle.api.sensor.SensorReading;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes a run's readings as CSV (RFC 4180: a header row, CRLF line ends, fields quoted when they hold a comma, a
 * quote or a line break), oldest first, each row as it is read from the store, so that a long run never sits in memory.
 */
@Component
public class ReadingsCsv {

    static final List<String> HEADER = List.of("readingId", "runId", "sensorId", "timestamp", "receivedAt",
            "temperature", "humidity", "pressure", "source");
    private static final String CRLF = "\r\n";

    private final MongoTemplate mongo;

    public ReadingsCsv(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Writes the readings of the run, of one sensor if given, with a timestamp in [from, to) where those are given. */
    void write(String runId, String sensorId, Instant from, Instant to, Writer out) throws IOException {
        row(out, HEADER);
        try (Stream<Document> readings = mongo.stream(
                SensorReadModel.oldestFirst(SensorReadModel.readings(runId, sensorId, from, to)), Document.class,
                RawReadings.COLLECTION)) {
            readings.map(RawReadings::toReading).forEach(reading -> {
                try {
                    row(out, fields(reading));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.flush();
    }

    private static List<String> fields(SensorReading reading) {
        return List.of(text(reading.readingId()), text(reading.runId()), text(reading.sensorId()), text(reading.timestamp()),
                text(reading.receivedAt()), text(reading.temperature()), text(reading.humidity()),
                text(reading.pressure()), text(reading.source()));
    }

    private static void row(Writer out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(field(fields.get(i)));
        }
        out.write(CRLF);
    }

    /** One field as RFC 4180 writes it: quoted, with its quotes doubled, when it holds a comma, quote or line break. */
    static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
