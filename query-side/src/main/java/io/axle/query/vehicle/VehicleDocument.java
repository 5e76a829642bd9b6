package io.axle.query.vehicle;

import io.axle.api.vehicle.VehicleView;
import io.axle.api.vehicle.VehicleView.ActiveAlarm;
import io.axle.api.vehicle.VehicleView.ActiveTroubleCode;
import io.axle.api.vehicle.VehicleView.ClearedTroubleCode;
import io.axle.api.vehicle.VehicleView.Ecu;
import io.axle.api.vehicle.VehicleView.FlashAlarm;
import io.axle.api.vehicle.VehicleView.LatestReadings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.data.annotation.Id;

/**
 * A vehicle as stored in the {@value VehicleProjection#COLLECTION} collection. The registry, dongle, trouble code
 * (active and cleared), alarm, limit, ECU and flash fields come from the vehicle's events ({@code sequence} is the aggregate
 * sequence number of the last one applied, null before the registration was projected); {@code latest} and {@code lastSeenAt} come from the frame
 * topic, and may be written before the registration (the document then has no {@code registeredAt} and is not listed).
 * {@code plateErased} is true once the owner's personal data was erased.
 */
record VehicleDocument(
        @Id String vehicleId,
        String vin,
        String plate,
        String plateCountry,
        String make,
        String model,
        Integer year,
        String manufacturer,
        String country,
        Integer modelYear,
        String ownerCustomerId,
        List<String> warnings,
        Instant registeredAt,
        String dongleId,
        List<ActiveTroubleCode> troubleCodes,
        List<ClearedTroubleCode> clearedTroubleCodes,
        List<ActiveAlarm> alarms,
        Map<String, Double> thresholds,
        Boolean plateErased,
        List<Ecu> ecus,
        String flashJobId,
        FlashAlarm flashAlarm,
        Instant lastSeenAt,
        LatestReadings latest,
        Long sequence) {

    /** The fields the vehicle's events write, which a replay clears and writes again; the frames' fields stay. */
    static final List<String> EVENT_FIELDS = List.of("vin", "plate", "plateCountry", "make", "model", "year",
            "manufacturer", "country", "modelYear", "ownerCustomerId", "warnings", "registeredAt", "dongleId",
            "troubleCodes", "clearedTroubleCodes", "alarms", "thresholds", "plateErased", "ecus", "flashJobId", "flashAlarm",
            "sequence");

    /** The last event applied, -1 before the registration was projected. */
    long sequenceOrNone() {
        return sequence == null ? -1 : sequence;
    }

    boolean registered() {
        return registeredAt != null;
    }

    VehicleView toView(boolean online) {
        return new VehicleView(vehicleId, vin, plate, plateCountry, make, model, year, manufacturer, country,
                modelYear, ownerCustomerId, dongleId, online, lastSeenAt, latest, listOf(troubleCodes),
                listOf(clearedTroubleCodes), listOf(alarms), listOf(warnings), registeredAt, listOf(ecus), flashJobId,
                flashAlarm);
    }

    /** {@code values}, or an empty list for a field a document does not hold. */
    static <T> List<T> listOf(List<T> values) {
        return values == null ? List.of() : values;
    }
}
