package io.axle.gateway.ingest;

import io.axle.platform.security.ApiKeys;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.axle.api.sensor.SensorReading;
import io.axle.platform.web.Problems;
import io.axle.platform.web.RequestMetadataFilter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
        String device = boundDevice();
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
            return problem(Problems.refusal(HttpStatus.SERVICE_UNAVAILABLE, null, "telemetry-unavailable",
                    "The reading was not stored: " + cause.getMessage() + ". Send it again."));
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new ReadingAccepted(reading.readingId(), reading.runId(), reading.sensorId(),
                        reading.timestamp()));
    }

    /** The device the caller's API key is bound to, or null (a key of another role, or a person). */
    private static String boundDevice() {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        return caller != null && caller.getPrincipal() instanceof ApiKeys.ApiKey key ? key.deviceId() : null;
    }

    @ExceptionHandler(ReadingRefusedException.class)
    ResponseEntity<Object> refused(ReadingRefusedException refused) {
        ProblemDetail problem = Problems.refusal(HttpStatus.valueOf(refused.status()), refused.field(), refused.rule(),
                refused.getMessage());
        if (refused.violations().size() > 1) {
            List<Map<String, String>> errors = refused.violations().stream()
                    .map(v -> Map.of("field", v.field(), "rule", v.rule(), "message", v.message()))
                    .toList();
            problem.setProperty("errors", errors);
        }
        return problem(problem);
    }

    private static ResponseEntity<Object> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
