package io.axle.command.firmware;

import io.axle.api.firmware.FirmwareReleasedEvent;
import io.axle.api.firmware.FirmwareWithdrawnEvent;
import io.axle.api.firmware.ReleaseFirmwareCommand;
import io.axle.api.firmware.WithdrawFirmwareCommand;
import io.axle.command.RuleViolationException;
import io.axle.command.Rules;
import io.axle.command.UploadedFiles;
import io.axle.vehicles.firmware.FirmwareVersions;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A firmware image of the catalogue, identified by a generated id: RELEASED with its bytes' SHA-256 and size, what it
 * fits and what it may replace, then WITHDRAWN for good (no new flash may use it). Nothing of a release ever changes;
 * there is no command for it.
 *
 * <p>Releasing refuses a malformed ECU name (422 {@code ecu} {@code ecu-format}: 1 to 32 lower-case letters, digits or
 * hyphens, upper case is lowered), version ({@code version} {@code version-format}), hardware pattern
 * ({@code hardware[i]} {@code hardware-format}), range ({@code fromVersions} {@code version-range-format}), hash
 * ({@code sha256} {@code sha256-format}), size ({@code size} {@code positive}), release notes over
 * {@value #MAX_RELEASE_NOTES} characters ({@code releaseNotes} {@code max-length}), and a version of the ECU that is
 * released already (409 {@code version} {@code must-be-unique}, kept by {@link FirmwareVersionClaims}). Withdrawing
 * twice changes nothing. Times come from Axon's event clock.
 */
@Aggregate
public class Firmware {

    static final int MAX_RELEASE_NOTES = 10_000;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    @AggregateIdentifier
    private String firmwareId;
    private boolean withdrawn;

    protected Firmware() {
    }

    @CommandHandler
    Firmware(ReleaseFirmwareCommand command, FirmwareVersionClaims claims) {
        Rules.required(command.firmwareId(), "firmwareId");
        String ecu = Rules.ecu(command.ecu(), "ecu");
        String version = version(command.version());
        String sha256 = sha256(command.sha256());
        if (command.size() <= 0) {
            throw RuleViolationException.unprocessable("size", "positive", "size must be greater than 0");
        }
        List<String> hardware = hardware(command.hardware());
        String fromVersions = blankToNull(command.fromVersions());
        String rangeViolation = FirmwareVersions.rangeViolation(fromVersions);
        if (rangeViolation != null) {
            throw RuleViolationException.unprocessable("fromVersions", FirmwareVersions.RANGE_FORMAT, rangeViolation);
        }
        String releaseNotes = blankToNull(command.releaseNotes());
        maxLength(releaseNotes, MAX_RELEASE_NOTES, "releaseNotes");
        String fileName = blankToNull(command.fileName());
        maxLength(fileName, UploadedFiles.MAX_FILE_NAME, "fileName");
        claims.claimVersion(ecu, version, command.firmwareId());
        apply(new FirmwareReleasedEvent(command.firmwareId(), ecu, version, sha256, command.size(), fileName,
                hardware, fromVersions, releaseNotes, command.releasedBy(), now()));
    }

    @CommandHandler
    void handle(WithdrawFirmwareCommand command) {
        if (!withdrawn) {
            apply(new FirmwareWithdrawnEvent(firmwareId, blankToNull(command.reason()), command.withdrawnBy(), now()));
        }
    }

    private static String version(String value) {
        Rules.required(value, "version");
        String version = value.strip();
        if (!FirmwareVersions.isVersion(version)) {
            throw RuleViolationException.unprocessable("version", FirmwareVersions.VERSION_FORMAT, "'" + value
                    + "' is not a version: 1 to 40 letters, digits, '.', '-', '_' or '+', starting with a letter or"
                    + " digit");
        }
        return version;
    }

    private static String sha256(String value) {
        Rules.required(value, "sha256");
        String sha256 = value.strip().toLowerCase(Locale.ROOT);
        if (!SHA256.matcher(sha256).matches()) {
            throw RuleViolationException.unprocessable("sha256", "sha256-format",
                    "sha256 must be 64 hexadecimal digits");
        }
        return sha256;
    }

    /** The hardware patterns stripped, blanks dropped; empty means any hardware. */
    private static List<String> hardware(List<String> values) {
        List<String> patterns = new ArrayList<>();
        if (values == null) {
            return patterns;
        }
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value == null || value.isBlank()) {
                continue;
            }
            if (!FirmwareVersions.isHardwarePattern(value.strip())) {
                throw RuleViolationException.unprocessable("hardware[" + i + "]", "hardware-format", "'" + value
                        + "' is not a hardware part number, or a prefix followed by '*'");
            }
            patterns.add(value.strip());
        }
        return patterns;
    }

    private static void maxLength(String value, int max, String field) {
        if (value != null && value.length() > max) {
            throw RuleViolationException.unprocessable(field, "max-length",
                    field + " must be at most " + max + " characters, was " + value.length());
        }
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @EventSourcingHandler
    void on(FirmwareReleasedEvent event) {
        firmwareId = event.firmwareId();
    }

    @EventSourcingHandler
    void on(FirmwareWithdrawnEvent event) {
        withdrawn = true;
    }
}
