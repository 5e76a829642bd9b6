package io.axle.gateway.ingest;

/** The telemetry stream did not acknowledge a reading in time; the sender should try again. */
public class TelemetryUnavailableException extends RuntimeException {

    public TelemetryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
