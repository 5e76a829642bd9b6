package io.axle.command.vehicle;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.axle.api.flash.FlashJobStatus;
import io.axle.api.vehicle.DonglePairedEvent;
import io.axle.api.vehicle.DongleUnpairedEvent;
import io.axle.api.vehicle.EcuFirmwareChangedEvent;
import io.axle.api.vehicle.EcuRecordedEvent;
import io.axle.api.vehicle.FlashFailureAlarmRaisedEvent;
import io.axle.api.vehicle.FlashReleasedEvent;
import io.axle.api.vehicle.FlashReservedEvent;
import io.axle.api.vehicle.PairDongleCommand;
import io.axle.api.vehicle.RecordEcuCommand;
import io.axle.api.vehicle.RegisterVehicleCommand;
import io.axle.api.vehicle.ReleaseFlashCommand;
import io.axle.api.vehicle.ReportThresholdCommand;
import io.axle.api.vehicle.ReportTroubleCodesCommand;
import io.axle.api.vehicle.ReserveFlashCommand;
import io.axle.api.vehicle.SetThresholdCommand;
import io.axle.api.vehicle.ThresholdClearedEvent;
import io.axle.api.vehicle.ThresholdCrossedEvent;
import io.axle.api.vehicle.TroubleCodeClearedEvent;
import io.axle.api.vehicle.TroubleCodeDetectedEvent;
import io.axle.api.vehicle.UnpairDongleCommand;
import io.axle.api.vehicle.VehicleRegisteredEvent;
import io.axle.api.vehicle.VehicleThresholdSetEvent;
import io.axle.command.AggregateStorageConfiguration;
import io.axle.command.RuleViolationException;
import io.axle.command.Rules;
import io.axle.vehicles.DecodedVin;
import io.axle.vehicles.Plates;
import io.axle.vehicles.VinException;
import io.axle.vehicles.Vins;
import io.axle.vehicles.firmware.FirmwareVersions;
import io.axle.vehicles.obd.TroubleCodes;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A registered vehicle: its VIN (unique, decoded when registered), its plate (the owner's personal data), at most one
 * paired OBD-II dongle, the trouble codes it reports now and its raised threshold alarms.
 *
 * <p>Registration refuses a malformed VIN (422 {@code vin} with the decoder's rule), a plate not in its country's
 * format (422 {@code plate} {@code plate-format}), a year outside 1886 to next year (422 {@code year} {@code range}),
 * an owner who is not a customer (422 {@code ownerCustomerId} {@code unknown-customer}) or was erased (409
 * {@code erased}), and a VIN another vehicle has (409 {@code vin} {@code must-be-unique}). Pairing refuses a vehicle
 * that has a dongle (409 {@code dongleId} {@code vehicle-has-dongle}) and a dongle another vehicle holds (409
 * {@code dongleId} {@code already-paired}); unpairing a vehicle without one is 409 {@code dongleId} {@code no-dongle}.
 *
 * <p>Reports from the vehicle-facts watcher become events only when they change something; a report older than the
 * last change it made (a frame delivered again, or late) changes nothing. Times of reports are the dongle's reading
 * times; other times come from Axon's event clock.
 *
 * <p>ECUs and flashes. The vehicle knows its ECUs (name, hardware part number, installed version). At most one flash
 * job holds the vehicle at a time: reserving is refused while another holds it (409 {@code vehicleId}
 * {@code flash-running}), for an ECU it does not have (422 {@code ecu} {@code unknown-ecu}), for firmware whose hardware
 * patterns or installed-version range do not fit the ECU (422 {@code firmwareId} {@code incompatible-hardware},
 * {@code incompatible-version}), for the version installed (409 {@code firmwareId} {@code already-installed}) and for an
 * older one unless downgrading is allowed (422 {@code firmwareId} {@code downgrade}). Recording an ECU is refused while
 * a flash holds the vehicle (409 {@code ecu} {@code flash-running}): during a flash only the job changes the version,
 * when it is released having installed one. A release with outcome {@code FAILED} raises the ECU's critical flash
 * alarm, which stays until the ECU is recorded again or a later flash installs a version on it. Reserving again for
 * the holding job, and releasing for a job that does not hold the vehicle, change nothing, so the flash process may
 * repeat either.
 */
@Aggregate(snapshotTriggerDefinition = AggregateStorageConfiguration.LONG_LIVED_SNAPSHOTS)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Vehicle {

    /** The first year of a motor car (Benz's patent); a later year than next year is a mistake. */
    static final int FIRST_YEAR = 1886;
    private static final Pattern TROUBLE_CODE = Pattern.compile("[PCBU][0-9A-F]{4}");

    @AggregateIdentifier
    private String vehicleId;
    private String dongleId;
    private String keyId;
    /** Active trouble codes and when each was detected. */
    private Map<String, Instant> troubleCodes = new TreeMap<>();
    private String lastCodesFrameId;
    private Instant lastCodesAt;
    /** Raised alarms and since when. */
    private Map<String, Instant> alarms = new TreeMap<>();
    /** Per rule, the reading time of the last report that changed it. */
    private Map<String, Instant> lastAlarmAt = new HashMap<>();
    /** This vehicle's own limits, by rule. */
    private Map<String, Double> limits = new TreeMap<>();
    /** The ECUs by name. */
    private Map<String, Ecu> ecus = new TreeMap<>();
    /** The flash job holding the vehicle, null when none does. */
    private Reservation flash;
    /** ECUs whose restore failed, with the job that raised the alarm. */
    private Map<String, String> flashAlarms = new TreeMap<>();

    /** An ECU's hardware part number and installed firmware version. */
    record Ecu(String hardware, String version) {
    }

    /** What a flash job holding the vehicle will change. */
    record Reservation(String flashJobId, String ecu, String firmwareId, String fromVersion) {
    }

    protected Vehicle() {
    }

    @CommandHandler
    Vehicle(RegisterVehicleCommand command, VehicleOwners owners, VehicleClaims claims) {
        Rules.required(command.vehicleId(), "vehicleId");
        Rules.required(command.vin(), "vin");
        DecodedVin vin;
        try {
            vin = Vins.decode(command.vin());
        } catch (VinException e) {
            throw RuleViolationException.unprocessable("vin", e.rule(), e.getMessage());
        }
        String plateCountry = blankToNull(command.plateCountry());
        String plate = plate(command.plate(), plateCountry);
        Integer year = command.year();
        int nextYear = now().atZone(ZoneOffset.UTC).getYear() + 1;
        if (year != null && (year < FIRST_YEAR || year > nextYear)) {
            throw RuleViolationException.unprocessable("year", "range",
                    "year must be between " + FIRST_YEAR + " and " + nextYear + ", was " + year);
        }
        String owner = blankToNull(command.ownerCustomerId());
        if (owner != null) {
            Rules.dataSubject(owner, "ownerCustomerId");
            switch (owners.status(owner)) {
                case UNKNOWN -> throw RuleViolationException.unprocessable("ownerCustomerId", "unknown-customer",
                        "customer " + owner + " does not exist");
                case ERASED -> throw RuleViolationException.conflict("ownerCustomerId", "erased",
                        "customer " + owner + " was erased: no vehicle with their personal data may be registered");
                default -> {
                }
            }
        }
        claims.claimVin(vin.vin(), command.vehicleId());
        apply(new VehicleRegisteredEvent(command.vehicleId(), vin.vin(), plate, plateCountry,
                blankToNull(command.make()), blankToNull(command.model()), year, vin.manufacturer(), vin.country(),
                vin.modelYear(), owner, List.copyOf(vin.warnings()), command.registeredBy()));
    }

    /** The plate in its country's canonical spelling; free text (letters, digits, spaces, hyphens) elsewhere. */
    static String plate(String value, String country) {
        Rules.required(value, "plate");
        if (country != null) {
            Rules.country(country, "plateCountry");
        }
        Plates.violation(country, value).ifPresent(rule -> {
            throw RuleViolationException.unprocessable("plate", rule, "'" + value.strip() + "' is not a plate"
                    + (country == null ? " (1 to 15 letters, digits, spaces or hyphens)" : " of " + country));
        });
        return Plates.normalise(country, value);
    }

    /** Pairs the dongle and answers nothing; the REST edge made its key and revokes it if this refuses. */
    @CommandHandler
    void handle(PairDongleCommand command, VehicleClaims claims) {
        Rules.required(command.dongleId(), "dongleId");
        Rules.required(command.keyId(), "keyId");
        if (dongleId != null) {
            throw RuleViolationException.conflict("dongleId", "vehicle-has-dongle",
                    "vehicle " + vehicleId + " is paired with dongle " + dongleId + "; unpair it first");
        }
        claims.claimDongle(command.dongleId(), vehicleId);
        apply(new DonglePairedEvent(vehicleId, command.dongleId(), command.keyId(), command.pairedBy(), now()));
    }

    /** Unpairs the dongle and answers the id of its key, which the caller revokes. */
    @CommandHandler
    String handle(UnpairDongleCommand command, VehicleClaims claims) {
        if (dongleId == null) {
            throw RuleViolationException.conflict("dongleId", "no-dongle",
                    "vehicle " + vehicleId + " has no dongle");
        }
        String key = keyId;
        claims.releaseDongle(dongleId, vehicleId);
        apply(new DongleUnpairedEvent(vehicleId, dongleId, key, command.unpairedBy(), now()));
        return key;
    }

    /**
     * Records the codes that appeared and those that went since the last change. A report with the frame id of the
     * last change, or read before it, changes nothing.
     */
    @CommandHandler
    void handle(ReportTroubleCodesCommand command) {
        Rules.required(command.frameId(), "frameId");
        Rules.required(command.codes(), "codes");
        Rules.required(command.at(), "at");
        TreeSet<String> reported = new TreeSet<>();
        for (String code : command.codes()) {
            String normalised = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
            if (!TROUBLE_CODE.matcher(normalised).matches()) {
                throw RuleViolationException.unprocessable("codes", "trouble-code",
                        "'" + code + "' is not a trouble code (P, C, B or U and four hex digits)");
            }
            reported.add(normalised);
        }
        if (command.frameId().equals(lastCodesFrameId)
                || (lastCodesAt != null && command.at().isBefore(lastCodesAt))) {
            return;
        }
        Map<String, Double> readings = command.readings() == null ? Map.of() : Map.copyOf(command.readings());
        for (String code : reported) {
            if (!troubleCodes.containsKey(code)) {
                apply(new TroubleCodeDetectedEvent(vehicleId, code,
                        TroubleCodes.describe(code, Locale.ENGLISH).orElse(null), readings, command.frameId(),
                        command.at()));
            }
        }
        for (Map.Entry<String, Instant> active : Map.copyOf(troubleCodes).entrySet()) {
            if (!reported.contains(active.getKey())) {
                apply(new TroubleCodeClearedEvent(vehicleId, active.getKey(), active.getValue(), command.frameId(),
                        command.at()));
            }
        }
    }

    /** Raises or clears alarm {@code rule} when the report says otherwise than the vehicle's state. */
    @CommandHandler
    void handle(ReportThresholdCommand command) {
        Rules.required(command.rule(), "rule");
        Rules.required(command.measure(), "measure");
        Rules.required(command.frameId(), "frameId");
        Rules.required(command.at(), "at");
        Instant last = lastAlarmAt.get(command.rule());
        if (last != null && command.at().isBefore(last)) {
            return;
        }
        Instant since = alarms.get(command.rule());
        if (command.crossed() && since == null) {
            apply(new ThresholdCrossedEvent(vehicleId, command.rule(), command.measure(), command.value(),
                    command.limit(), command.frameId(), command.at()));
        } else if (!command.crossed() && since != null) {
            apply(new ThresholdClearedEvent(vehicleId, command.rule(), command.measure(), command.value(), since,
                    command.frameId(), command.at()));
        }
    }

    /** Sets (or with a null limit, takes back) this vehicle's own limit for a configured rule. */
    @CommandHandler
    void handle(SetThresholdCommand command, VehicleAlarmRules rules) {
        if (rules.rule(command.rule()).isEmpty()) {
            throw RuleViolationException.unprocessable("rule", "known-rule",
                    "'" + command.rule() + "' is not a configured alarm rule");
        }
        Double limit = command.limit();
        if (limit != null && (!Double.isFinite(limit) || limit < VehicleAlarmRules.MIN_LIMIT
                || limit > VehicleAlarmRules.MAX_LIMIT)) {
            throw RuleViolationException.unprocessable("limit", "range", "limit must be between "
                    + VehicleAlarmRules.MIN_LIMIT + " and " + VehicleAlarmRules.MAX_LIMIT + ", was " + limit);
        }
        if (!Objects.equals(limits.get(command.rule()), limit)) {
            apply(new VehicleThresholdSetEvent(vehicleId, command.rule(), limit, command.setBy(), now()));
        }
    }

    /**
     * Records an ECU as read or entered; recording what is known changes nothing unless it clears the ECU's flash
     * alarm.
     */
    @CommandHandler
    void handle(RecordEcuCommand command) {
        String ecu = Rules.ecu(command.ecu(), "ecu");
        String hardware = command.hardware() == null ? null : command.hardware().strip();
        Rules.required(hardware, "hardware");
        if (!FirmwareVersions.isHardwarePattern(hardware) || hardware.endsWith("*")) {
            throw RuleViolationException.unprocessable("hardware", "hardware-format", "'" + hardware
                    + "' is not a hardware part number (letters, digits, '.', '_', '/' or '-', up to 40)");
        }
        String version = command.version() == null ? null : command.version().strip();
        Rules.required(version, "version");
        if (!FirmwareVersions.isVersion(version)) {
            throw RuleViolationException.unprocessable("version", FirmwareVersions.VERSION_FORMAT, "'" + version
                    + "' is not a version (letters, digits, '.', '-', '_' or '+', up to 40)");
        }
        if (flash != null) {
            throw RuleViolationException.conflict("ecu", "flash-running", "flash job " + flash.flashJobId()
                    + " holds vehicle " + vehicleId + "; its ECUs change when it ends");
        }
        if (new Ecu(hardware, version).equals(ecus.get(ecu)) && !flashAlarms.containsKey(ecu)) {
            return;
        }
        apply(new EcuRecordedEvent(vehicleId, ecu, hardware, version, command.recordedBy(), now()));
    }

    /**
     * Reserves the vehicle for a flash job after checking that the firmware fits the ECU, and answers the version the
     * flash replaces.
     */
    @CommandHandler
    String handle(ReserveFlashCommand command) {
        Rules.required(command.flashJobId(), "flashJobId");
        Rules.required(command.firmwareId(), "firmwareId");
        Rules.required(command.toVersion(), "toVersion");
        if (flash != null) {
            if (flash.flashJobId().equals(command.flashJobId())) {
                return flash.fromVersion();
            }
            throw RuleViolationException.conflict("vehicleId", "flash-running", "flash job " + flash.flashJobId()
                    + " is running on vehicle " + vehicleId);
        }
        String name = Rules.ecu(command.ecu(), "ecu");
        Ecu ecu = ecus.get(name);
        if (ecu == null) {
            throw RuleViolationException.unprocessable("ecu", "unknown-ecu", "vehicle " + vehicleId
                    + " has no ECU '" + name + "'" + (ecus.isEmpty() ? "" : "; it has " + ecus.keySet()));
        }
        EcuFit.refusal(command.firmwareId(), command.toVersion(), command.hardware(), command.fromVersions(), name,
                ecu.hardware(), ecu.version(), command.allowDowngrade()).ifPresent(refusal -> {
                    throw new RuleViolationException(refusal);
                });
        apply(new FlashReservedEvent(vehicleId, command.flashJobId(), name, command.firmwareId(), ecu.version(),
                command.toVersion(), command.requestedBy(), now()));
        return ecu.version();
    }

    /**
     * Releases the vehicle from the job holding it: records the version installed, raises the flash alarm when the
     * job FAILED. A job that does not hold the vehicle changes nothing.
     */
    @CommandHandler
    void handle(ReleaseFlashCommand command) {
        Rules.required(command.outcome(), "outcome");
        FlashJobStatus outcome;
        try {
            outcome = FlashJobStatus.valueOf(command.outcome());
        } catch (IllegalArgumentException e) {
            outcome = null;
        }
        if (outcome == null || !outcome.finished()) {
            throw RuleViolationException.unprocessable("outcome", "flash-outcome", "'" + command.outcome()
                    + "' is not how a flash job ends (COMPLETED, ROLLED_BACK, ABORTED, FAILED or CANCELLED)");
        }
        if (flash == null || !flash.flashJobId().equals(command.flashJobId())) {
            return;
        }
        if (command.installedVersion() != null) {
            apply(new EcuFirmwareChangedEvent(vehicleId, flash.ecu(), flash.fromVersion(), command.installedVersion(),
                    flash.firmwareId(), flash.flashJobId(), now()));
        }
        if (outcome == FlashJobStatus.FAILED) {
            apply(new FlashFailureAlarmRaisedEvent(vehicleId, flash.flashJobId(), flash.ecu(), command.reason(),
                    now()));
        }
        apply(new FlashReleasedEvent(vehicleId, flash.flashJobId(), outcome.name(), now()));
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @EventSourcingHandler
    void on(VehicleRegisteredEvent event) {
        vehicleId = event.vehicleId();
    }

    @EventSourcingHandler
    void on(DonglePairedEvent event) {
        dongleId = event.dongleId();
        keyId = event.keyId();
    }

    @EventSourcingHandler
    void on(DongleUnpairedEvent event) {
        dongleId = null;
        keyId = null;
    }

    @EventSourcingHandler
    void on(TroubleCodeDetectedEvent event) {
        troubleCodes.put(event.code(), event.detectedAt());
        lastCodesFrameId = event.frameId();
        lastCodesAt = event.detectedAt();
    }

    @EventSourcingHandler
    void on(TroubleCodeClearedEvent event) {
        troubleCodes.remove(event.code());
        lastCodesFrameId = event.frameId();
        lastCodesAt = event.clearedAt();
    }

    @EventSourcingHandler
    void on(ThresholdCrossedEvent event) {
        alarms.put(event.rule(), event.at());
        lastAlarmAt.put(event.rule(), event.at());
    }

    @EventSourcingHandler
    void on(ThresholdClearedEvent event) {
        alarms.remove(event.rule());
        lastAlarmAt.put(event.rule(), event.at());
    }

    @EventSourcingHandler
    void on(VehicleThresholdSetEvent event) {
        if (event.limit() == null) {
            limits.remove(event.rule());
        } else {
            limits.put(event.rule(), event.limit());
        }
    }

    @EventSourcingHandler
    void on(EcuRecordedEvent event) {
        ecus.put(event.ecu(), new Ecu(event.hardware(), event.version()));
        flashAlarms.remove(event.ecu());
    }

    @EventSourcingHandler
    void on(FlashReservedEvent event) {
        flash = new Reservation(event.flashJobId(), event.ecu(), event.firmwareId(), event.fromVersion());
    }

    @EventSourcingHandler
    void on(EcuFirmwareChangedEvent event) {
        Ecu ecu = ecus.get(event.ecu());
        ecus.put(event.ecu(), new Ecu(ecu == null ? null : ecu.hardware(), event.toVersion()));
        flashAlarms.remove(event.ecu());
    }

    @EventSourcingHandler
    void on(FlashFailureAlarmRaisedEvent event) {
        flashAlarms.put(event.ecu(), event.flashJobId());
    }

    @EventSourcingHandler
    void on(FlashReleasedEvent event) {
        flash = null;
    }
}
