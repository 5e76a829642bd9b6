package io.axle.command.firmware;

import io.axle.command.RuleViolationException;

import java.util.HashMap;
import java.util.Map;

/** Version claims kept in memory, for the fixture tests: the same refusal as the event-sourced claims. */
class FirmwareVersionClaimsStub implements FirmwareVersionClaims {

    final Map<String, String> versions = new HashMap<>();

    @Override
    public void claimVersion(String ecu, String version, String firmwareId) {
        if (versions.putIfAbsent(FirmwareVersionClaim.id(ecu, version), firmwareId) != null) {
            throw RuleViolationException.conflict("version", "must-be-unique", ecu + " " + version + " is released");
        }
    }
}
