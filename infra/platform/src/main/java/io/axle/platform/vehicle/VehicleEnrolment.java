package io.axle.platform.vehicle;

/**
 * Registers a vehicle and pairs a dongle to it the way {@code POST /api/v1/vehicles} and
 * {@code POST /api/v1/vehicles/{id}/dongle} do: through the Vehicle aggregate's commands, the dongle's device API key
 * issued first and revoked again when the pairing is refused. For code on another module that enrols vehicles (the
 * dongle simulator of the device gateway); refusals are thrown as the REST edge throws them.
 */
public interface VehicleEnrolment {

    /** Registers a vehicle under a new id and answers that id. */
    String register(Registration registration, String by);

    /** Pairs {@code dongleId} with the vehicle and answers the dongle's credentials (the secret shown only here). */
    DongleCredentials pair(String vehicleId, String dongleId, String by);

    /**
     * Records ECU {@code ecu} of the vehicle, of {@code hardware}, running {@code version} (what flashes check their
     * firmware against).
     */
    void recordEcu(String vehicleId, String ecu, String hardware, String version, String by);

    /** What registering a vehicle takes; all but {@code vin} and {@code plate} may be {@code null}. */
    record Registration(String vin, String plate, String plateCountry, String make, String model, Integer year,
                        String ownerCustomerId) {
    }

    /** A paired dongle's device API key: its id and its secret. */
    record DongleCredentials(String dongleId, String keyId, String apiKey) {
    }
}
