package io.axle.api.vehicle;

import java.time.Instant;
import java.util.List;

/**
 * A vehicle as {@code GET /api/v1/vehicles/{id}} answers it. {@code latest} is null before the first frame;
 * {@code troubleCodes} and {@code alarms} are the active ones; {@code clearedTroubleCodes} the trouble-code history
 * (codes the vehicle no longer reports, newest clearance first, the latest 50; the audit trail keeps them
 * all), so that every
 * reader of the vehicle sees what was wrong and when it stopped; {@code warnings} what registration accepted but
 * flagged. {@code ecus} are the vehicle's ECUs with their installed version; {@code flashJobId} the flash holding the
 * vehicle (null when none); {@code flashAlarm} a flash whose restore failed (null when none), until that ECU is recorded
 * again or a flash of it completes.
 */
public record VehicleView(String vehicleId, String vin, String plate, String plateCountry, String make, String model,
                          Integer year, String manufacturer, String country, Integer modelYear,
                          String ownerCustomerId, String dongleId, boolean online, Instant lastSeenAt,
                          LatestReadings latest, List<ActiveTroubleCode> troubleCodes,
                          List<ClearedTroubleCode> clearedTroubleCodes, List<ActiveAlarm> alarms,
                          List<String> warnings, Instant registeredAt, List<Ecu> ecus, String flashJobId,
                          FlashAlarm flashAlarm) {

    /** The latest value of each measure (null for one never read) and when the frame that carried them was read. */
    public record LatestReadings(Double rpm, Double speedKmh, Double coolantC, Double intakeAirC, Double throttlePct,
                                 Double fuelPct, Double batteryV, Double odometerKm, Instant at) {
    }

    /** A trouble code the vehicle reports now. */
    public record ActiveTroubleCode(String code, String description, Instant detectedAt) {
    }

    /** A trouble code the vehicle reported from {@code detectedAt} and no longer reported at {@code clearedAt}. */
    public record ClearedTroubleCode(String code, String description, Instant detectedAt, Instant clearedAt) {
    }

    /** A raised threshold alarm: {@code value} is the reading that raised it. */
    public record ActiveAlarm(String rule, String measure, double value, double limit, Instant since) {
    }

    /** An ECU of the vehicle: its hardware part number and the version it runs since {@code updatedAt}. */
    public record Ecu(String ecu, String hardware, String version, Instant updatedAt) {
    }

    /** Critical: flash job {@code flashJobId} could not restore {@code ecu}'s backup; it needs a technician. */
    public record FlashAlarm(String flashJobId, String ecu, String reason, Instant raisedAt) {
    }
}
