package io.axle.command.flash;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.axle.api.common.Refusal;
import io.axle.api.vehicle.FindVehicleQuery;
import io.axle.api.vehicle.VehicleView;
import io.axle.command.firmware.FirmwareCatalogue;
import io.axle.command.vehicle.EcuFit;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The checks a flash must pass before its vehicle is reserved, in order: the firmware (known, not withdrawn, for that
 * ECU, read from the firmware's own events), then the vehicle (known, online, its latest battery reading at least
 * {@code axle.flash.min-battery-volts}, default 12.4 V, read through {@link FindVehicleQuery}). Starting a flash refuses
 * with the first failed check; the preconditions endpoint shows them all. A check that depends on one that failed (the
 * ECU of an unknown firmware) is left out. What the vehicle's ECU must fit (hardware, installed version, a flash
 * already running) is checked by the Vehicle aggregate when it is reserved, exactly, on every node.
 */
@Component
class FlashPreconditions {

    private final FirmwareCatalogue catalogue;
    private final QueryGateway queries;
    private final double minBatteryVolts;
    private final Duration timeout;

    FlashPreconditions(FirmwareCatalogue catalogue, QueryGateway queries,
                       @Value("${axle.flash.min-battery-volts:12.4}") double minBatteryVolts,
                       @Value("${axle.flash.vehicle-query-timeout:5s}") Duration timeout) {
        this.catalogue = catalogue;
        this.queries = queries;
        this.minBatteryVolts = minBatteryVolts;
        this.timeout = timeout;
    }

    /** Every check for flashing {@code firmwareId} onto {@code ecu} of {@code vehicleId}, with what it read. */
    Outcome check(String vehicleId, String ecu, String firmwareId) {
        List<Check> checks = new ArrayList<>();
        FirmwareCatalogue.Entry firmware = catalogue.find(firmwareId).orElse(null);
        if (firmware == null) {
            checks.add(Check.failed("firmware-known", 422, "firmwareId", "unknown-firmware",
                    "the catalogue has no firmware " + firmwareId));
        } else {
            checks.add(Check.passed("firmware-known", "firmware " + firmwareId + " is version "
                    + firmware.version() + " for ECU '" + firmware.ecu() + "'"));
            checks.add(firmware.withdrawn()
                    ? Check.failed("firmware-released", 409, "firmwareId", "withdrawn", "firmware " + firmwareId
                    + " was withdrawn; no new flash may use it")
                    : Check.passed("firmware-released", "firmware " + firmwareId + " is released"));
            checks.add(firmware.ecu().equals(ecu)
                    ? Check.passed("firmware-ecu", "firmware " + firmwareId + " is for ECU '" + ecu + "'")
                    : Check.failed("firmware-ecu", 422, "ecu", "incompatible-ecu", "firmware " + firmwareId
                    + " is for ECU '" + firmware.ecu() + "', not '" + ecu + "'"));
        }
        VehicleView vehicle = vehicle(vehicleId);
        if (vehicle == null) {
            checks.add(Check.failed("vehicle-known", 404, "vehicleId", "must-exist",
                    "vehicle " + vehicleId + " does not exist"));
        } else {
            checks.add(Check.passed("vehicle-known", "vehicle " + vehicleId + " is registered"));
            checks.add(online(vehicle));
            checks.add(battery(vehicle));
        }
        return new Outcome(checks, firmware, vehicle);
    }

    /**
     * What the read model says of the vehicle's ECU and its running flash, for a form to show before the start: the
     * ECU recorded with a hardware and version the firmware fits (not the version installed, nor an older one), and no
     * flash holding the vehicle. Advisory only: a start leaves these to the Vehicle aggregate, which decides them
     * exactly (the read model may lag), with the same rules. Empty when the firmware or the vehicle is unknown.
     */
    List<Check> ecuChecks(Outcome outcome, String ecu) {
        FirmwareCatalogue.Entry firmware = outcome.firmware();
        VehicleView vehicle = outcome.vehicle();
        if (firmware == null || vehicle == null) {
            return List.of();
        }
        VehicleView.Ecu installed = vehicle.ecus() == null ? null : vehicle.ecus().stream()
                .filter(candidate -> ecu.equals(candidate.ecu())).findFirst().orElse(null);
        Check compatible = installed == null
                ? Check.failed("compatible", 422, "ecu", "unknown-ecu", "vehicle " + vehicle.vehicleId()
                + " has no ECU '" + ecu + "' recorded")
                : EcuFit.refusal(firmware.firmwareId(), firmware.version(), firmware.hardware(),
                        firmware.fromVersions(), ecu, installed.hardware(), installed.version(), false)
                .map(refusal -> Check.failed("compatible", refusal.status(), refusal.field(), refusal.rule(),
                        refusal.detail()))
                .orElseGet(() -> Check.passed("compatible", "hardware " + installed.hardware() + ", version "
                        + installed.version() + " → " + firmware.version()));
        Check free = vehicle.flashJobId() == null
                ? Check.passed("no-running-flash", "no flash holds vehicle " + vehicle.vehicleId())
                : Check.failed("no-running-flash", 409, "vehicleId", "flash-running", "flash job "
                + vehicle.flashJobId() + " holds vehicle " + vehicle.vehicleId());
        return List.of(compatible, free);
    }

    private VehicleView vehicle(String vehicleId) {
        return queries.query(new FindVehicleQuery(vehicleId), ResponseTypes.instanceOf(VehicleView.class))
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    private static Check online(VehicleView vehicle) {
        if (vehicle.dongleId() == null) {
            return Check.failed("vehicle-online", 409, "vehicleId", "vehicle-offline", "vehicle "
                    + vehicle.vehicleId() + " has no dongle to flash through");
        }
        return vehicle.online()
                ? Check.passed("vehicle-online", "dongle " + vehicle.dongleId() + " is connected")
                : Check.failed("vehicle-online", 409, "vehicleId", "vehicle-offline", "dongle "
                + vehicle.dongleId() + " of vehicle " + vehicle.vehicleId() + " is offline");
    }

    private Check battery(VehicleView vehicle) {
        Double volts = vehicle.latest() == null ? null : vehicle.latest().batteryV();
        if (volts == null) {
            return Check.failed("battery", 409, "vehicleId", "battery-unknown", "vehicle " + vehicle.vehicleId()
                    + " has reported no battery voltage; a flash needs at least " + minBatteryVolts + " V");
        }
        return volts >= minBatteryVolts
                ? Check.passed("battery", "battery at " + volts + " V (at least " + minBatteryVolts + " V)")
                : Check.failed("battery", 409, "vehicleId", "battery-low", "battery at " + volts
                + " V, below the " + minBatteryVolts + " V a flash needs");
    }

    /** One check: {@code field} and {@code rule} name the refusal of a failed one. */
    record Check(String name, boolean ok, String detail, String field, String rule, @JsonIgnore int status) {

        static Check passed(String name, String detail) {
            return new Check(name, true, detail, null, null, 0);
        }

        static Check failed(String name, int status, String field, String rule, String detail) {
            return new Check(name, false, detail, field, rule, status);
        }
    }

    /** The checks in order, and the firmware and vehicle they read (null when unknown). */
    record Outcome(List<Check> checks, FirmwareCatalogue.Entry firmware, VehicleView vehicle) {

        /** The refusal of the first failed check; empty when every check passed. */
        Optional<Refusal> refusal() {
            return checks.stream().filter(check -> !check.ok()).findFirst()
                    .map(check -> new Refusal(check.status(), check.field(), check.rule(), check.detail()));
        }
    }
}
