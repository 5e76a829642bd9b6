package io.axle.command.vehicle;

import io.axle.command.RuleViolationException;

import java.util.HashMap;
import java.util.Map;

/** Claims kept in memory, for the fixture tests: the same refusals as the event-sourced claims. */
class VehicleClaimsStub implements VehicleClaims {

    final Map<String, String> vins = new HashMap<>();
    final Map<String, String> dongles = new HashMap<>();

    @Override
    public void claimVin(String vin, String vehicleId) {
        if (vins.containsKey(vin)) {
            throw RuleViolationException.conflict("vin", "must-be-unique", "VIN " + vin + " is registered");
        }
        vins.put(vin, vehicleId);
    }

    @Override
    public void claimDongle(String dongleId, String vehicleId) {
        String holder = dongles.get(dongleId);
        if (holder != null && !holder.equals(vehicleId)) {
            throw RuleViolationException.conflict("dongleId", "already-paired", "dongle " + dongleId + " is paired");
        }
        dongles.put(dongleId, vehicleId);
    }

    @Override
    public void releaseDongle(String dongleId, String vehicleId) {
        dongles.remove(dongleId, vehicleId);
    }
}
