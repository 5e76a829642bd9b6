package io.axle.gateway.ingest;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.axle.api.sensor.SensorReading;
import io.axle.platform.web.Problems;
import io.axle.platform.web.RequestMetadataFilter;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/sensors/data}: one reading over HTTP. Answers 201 only once Kafka acknowledged the reading; a broken
 * rule is a problem naming the field and rule (400, 422 unknown run, 409 ended run), an unavailable stream a 503.
 */
@RestController
@RequestMapping("/api/sensors/data")
class SensorDataController {

    static final String TRANSPORT = "http";
    /** Rule of the refusal of a reading for another device than the one a device key is bound to. */
    static final String OTHER_DEVICE = "other-device";

    private final ReadingIngestion ingestion;

    SensorDataController(ReadingIngestion ingestion) {
        this.ingestion = ingestion;
    }

    /** What the sender learns about its accepted reading. */
    record ReadingAccepted(String id, String runId, String sensorId, Instant timestamp) {
    }

    /**
     * Waits on the request thread for Kafka (bounded by {@code axle.telemetry.send-timeout}): the answer is the
     * stream's answer, and the caller's credentials need no carrying over to an async dispatch.
     */
    @PostMapping
    @PreAuthorize("hasAnyRole('DEVICE','ADMIN','OPERATOR','TECHNICIAN')")
    public ResponseEntity<Object> ingest(@RequestBody(required = false) byte[] body) {
        RequestMetadataFilter.RequestInfo request = RequestMetadataFilter.current();
        String user = RequestMetadataFilter.currentUser();
        ReadingIngestion.Origin origin = new ReadingIngestion.Origin(TRANSPORT, user,
                request == null ? null : request.client(), request == null ? null : request.correlationId(), false);
        String device = RefusalResponses.boundDevice();
        CompletableFuture<SensorReading> stored;
        try {
            stored = ingestion.ingest(body, device == null ? Map.of() : Map.of("sensorId", device), origin);
        } catch (ReadingRefusedException refused) {
            if (device != null && ReadingIngestion.TOPIC_MISMATCH.equals(refused.rule())) {
                return problem(Problems.refusal(HttpStatus.FORBIDDEN, "sensorId", OTHER_DEVICE, "This device key "
                        + "sends the readings of device " + device + " only."));
            }
            throw refused;
        }
        SensorReading reading;
        try {
            reading = stored.join();
        } catch (CompletionException | CancellationException failure) {
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            return RefusalResponses.unavailable("reading", cause);
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new ReadingAccepted(reading.readingId(), reading.runId(), reading.sensorId(),
                        reading.timestamp()));
    }

    @ExceptionHandler(ReadingRefusedException.class)
    ResponseEntity<Object> refused(ReadingRefusedException refused) {
        return RefusalResponses.refused(refused);
    }

    private static ResponseEntity<Object> problem(ProblemDetail problem) {
        return RefusalResponses.problem(problem);
    }
}
