package io.axle.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;

/**
 * Reads the JSON records of a topic the read models consume. A record that is not readable (no value, bad JSON, a
 * required field missing) cannot become readable by retrying: it is logged with its place on the topic, counted and
 * skipped, so that it never holds up the records behind it.
 */
public final class TopicRecords {

    private TopicRecords() {
    }

    /**
     * The record's value read by {@code reader}, or null (logged by {@code log} as an unreadable {@code what}, and
     * counted in {@code unreadable}) when it cannot be read or {@code missingField} names what it lacks.
     */
    public static <T> T read(ConsumerRecord<String, String> record, ObjectReader reader,
            Function<? super T, String> missingField, Counter unreadable, Logger log, String what) {
        String problem;
        if (record.value() == null) {
            problem = "no value";
        } else {
            try {
                T value = reader.readValue(record.value());
                problem = value == null ? "null " + what : missingField.apply(value);
                if (problem == null) {
                    return value;
                }
            } catch (JsonProcessingException e) {
                problem = e.getOriginalMessage();
            } catch (IOException e) {
                problem = e.getMessage();
            }
        }
        unreadable.increment();
        log.warn("Skipping unreadable {} at {}-{} offset {}: {}", what, record.topic(), record.partition(),
                record.offset(), problem);
        return null;
    }
}
