package io.axle.gateway.vehicle;

import java.util.Optional;

/** Which dongle speaks for which vehicle; the frame rules and the device sessions depend on this and nothing more. */
public interface DonglePairings {

    /** The vehicle's pairing, empty when no vehicle of that id is registered. */
    Optional<VehiclePairing> pairingOf(String vehicleId);

    /** The vehicle the dongle is paired with, as far as this gateway has learnt it (empty when it does not know). */
    Optional<String> vehicleOf(String dongleId);
}
