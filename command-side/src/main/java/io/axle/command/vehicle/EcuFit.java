package io.axle.command.vehicle;

import java.util.List;
import java.util.Optional;

import io.axle.api.common.Refusal;
import io.axle.vehicles.firmware.FirmwareVersions;

/**
 * Whether a firmware may be flashed onto an ECU as it is installed, with the refusal a flash's reservation answers
 * when it may not: the Vehicle aggregate decides with it, and the flash preconditions show it (from the read model)
 * before a start. In order: the firmware's hardware patterns must fit the ECU's part number (422 {@code firmwareId}
 * {@code incompatible-hardware}), its range of versions it replaces must hold the installed one ({@code
 * incompatible-version}), it must not be the installed version (409 {@code already-installed}) nor older than it
 * unless a downgrade is allowed (422 {@code downgrade}).
 */
public final class EcuFit {

    private EcuFit() {
    }

    /**
     * The refusal of flashing firmware {@code firmwareId} ({@code toVersion}, fitting {@code hardware}, replacing
     * {@code fromVersions}) onto ECU {@code ecu} of part number {@code installedHardware} running
     * {@code installedVersion}; empty when it fits.
     */
    public static Optional<Refusal> refusal(String firmwareId, String toVersion, List<String> hardware,
                                            String fromVersions, String ecu, String installedHardware,
                                            String installedVersion, boolean allowDowngrade) {
        if (!FirmwareVersions.fits(hardware, installedHardware)) {
            return Optional.of(new Refusal(422, "firmwareId", "incompatible-hardware", "firmware " + firmwareId
                    + " fits " + hardware + ", not " + installedHardware));
        }
        if (!FirmwareVersions.inRange(installedVersion, fromVersions)) {
            return Optional.of(new Refusal(422, "firmwareId", "incompatible-version", "firmware " + firmwareId
                    + " replaces versions " + fromVersions + ", not " + installedVersion));
        }
        int order = FirmwareVersions.compare(toVersion, installedVersion);
        if (order == 0) {
            return Optional.of(new Refusal(409, "firmwareId", "already-installed", "ECU '" + ecu + "' runs "
                    + installedVersion + " already"));
        }
        if (order < 0 && !allowDowngrade) {
            return Optional.of(new Refusal(422, "firmwareId", "downgrade", toVersion + " is older than "
                    + installedVersion + "; only an admin may allow a downgrade"));
        }
        return Optional.empty();
    }
}
