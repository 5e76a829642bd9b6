package io.axle.command.firmware;


import java.util.List;
import java.util.Optional;

/**
 * The firmware catalogue as the command side consults it before a flash: a firmware as its own events tell it now,
 * never as an eventually consistent read model shows it.
 */
public interface FirmwareCatalogue {

    /** The firmware of {@code firmwareId}, or empty when the catalogue has none. */
    Optional<Entry> find(String firmwareId);

    /**
     * A firmware as released, and whether it was withdrawn since. {@code hardware} is never null (empty: any
     * hardware); {@code fromVersions} is null for any installed version.
     */
    record Entry(String firmwareId, String ecu, String version, String sha256, long size, List<String> hardware,
                 String fromVersions, boolean withdrawn) {

        public Entry {
            hardware = hardware == null ? List.of() : List.copyOf(hardware);
        }

        Entry asWithdrawn() {
            return new Entry(firmwareId, ecu, version, sha256, size, hardware, fromVersions, true);
        }
    }
}
