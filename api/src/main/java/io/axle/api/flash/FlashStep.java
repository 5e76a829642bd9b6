package io.axle.api.flash;

import java.util.Optional;

/**
 * The steps of an ECU flash as a flash tool speaks them (UDS, ISO 14229), in order, and {@link #RESTORE}: the re-flash
 * of the backup that rolls a failed flash back. From {@link #ERASE} on the ECU's image is being replaced: a failure
 * from there needs the backup restored.
 */
public enum FlashStep {
    /** 0x10 03 extended session, 0x85 DTC setting off, 0x28 communication off, then 0x10 02 programming session. */
    DIAGNOSTIC_SESSION,
    /** 0x27 security access, seed then key. */
    SECURITY_ACCESS,
    /** Reads the installed version (0x22 F195) and image; the dongle keeps the image and answers its checksum. */
    BACKUP,
    /** 0x31 01 FF00 erase memory: sent at most once per flash. */
    ERASE,
    /** 0x34 RequestDownload then 0x36 TransferData blocks; the dongle reports progress in percent. */
    TRANSFER,
    /** 0x37 RequestTransferExit. */
    TRANSFER_EXIT,
    /** 0x31 01 0202 check memory: the dongle answers the checksum read back, which must equal the firmware's. */
    VERIFY,
    /** 0x11 01 hard reset, DTC setting and communication restored: the flash is complete. */
    RESET,
    /** Re-flashes the backup (erase, transfer, verify against the backup's checksum, reset): the rollback. */
    RESTORE;

    /** The step after this one on the way forward; empty after {@link #RESET} and for {@link #RESTORE}. */
    public Optional<FlashStep> next() {
        return this == RESET || this == RESTORE ? Optional.empty() : Optional.of(values()[ordinal() + 1]);
    }

    /** Whether the ECU's image may already be changed once this step was sent. */
    public boolean writes() {
        return ordinal() >= ERASE.ordinal();
    }
}
