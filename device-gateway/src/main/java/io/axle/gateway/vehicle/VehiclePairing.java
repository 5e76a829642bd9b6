package io.axle.gateway.vehicle;

import java.io.Serializable;

/** A registered vehicle and the dongle that speaks for it ({@code null} while none is paired). */
public record VehiclePairing(String vehicleId, String dongleId) implements Serializable {

    public boolean pairedWith(String dongle) {
        return dongleId != null && dongleId.equals(dongle);
    }
}
