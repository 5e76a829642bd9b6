package io.axle.gateway.vehicle;

import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.axle.api.vehicle.ObdFrame;
import io.axle.gateway.ingest.ReadingRefusedException;
import io.axle.gateway.ingest.RefusalResponses;
import io.axle.platform.web.RequestMetadataFilter;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/vehicles/{vehicleId}/telemetry}: one OBD-II frame over HTTP, from the vehicle's paired dongle
 * (its device key) or a person with a sending role. Answers 202 with the frame id only once Kafka acknowledged the
 * frame; a broken rule is a problem naming the field and rule (400 shape and hex, 422 unsupported, impossible or
 * unknown vehicle, 403 a dongle sending for another vehicle), an unavailable stream a 503.
 */
@RestController
class VehicleTelemetryController {

    static final String TRANSPORT = "http";

    private final FrameIngestion ingestion;

    VehicleTelemetryController(FrameIngestion ingestion) {
        this.ingestion = ingestion;
    }

    /** What the sender learns about its accepted frame: the id the read models know it by. */
    record FrameAccepted(String frameId, String vehicleId, Instant at) {
    }

    /** Waits on the request thread for Kafka (bounded by {@code axle.telemetry.send-timeout}), as readings do. */
    @PostMapping("/api/v1/vehicles/{vehicleId}/telemetry")
    @PreAuthorize("hasAnyRole('DEVICE','ADMIN','OPERATOR','TECHNICIAN')")
    public ResponseEntity<Object> ingest(@PathVariable String vehicleId,
                                         @RequestBody(required = false) byte[] body) {
        RequestMetadataFilter.RequestInfo request = RequestMetadataFilter.current();
        FrameIngestion.Sender sender = new FrameIngestion.Sender(TRANSPORT, RequestMetadataFilter.currentUser(),
                request == null ? null : request.client(), request == null ? null : request.correlationId(),
                RefusalResponses.boundDevice());
        CompletableFuture<ObdFrame> stored = ingestion.ingest(body, vehicleId, sender);
        ObdFrame frame;
        try {
            frame = stored.join();
        } catch (CompletionException | CancellationException failure) {
            return RefusalResponses.unavailable("frame", failure.getCause() != null ? failure.getCause() : failure);
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(new FrameAccepted(frame.frameId(), frame.vehicleId(), frame.at()));
    }

    @ExceptionHandler(ReadingRefusedException.class)
    ResponseEntity<Object> refused(ReadingRefusedException refused) {
        return RefusalResponses.refused(refused);
    }
}
