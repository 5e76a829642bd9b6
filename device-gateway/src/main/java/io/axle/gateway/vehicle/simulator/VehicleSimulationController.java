package io.axle.gateway.vehicle.simulator;

import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.axle.platform.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dongle simulator's endpoints: {@code POST /api/v1/vehicles/simulate {count, interval, scenario, flash: {failAt,
 * probability}}} registers, pairs and connects simulated vehicles (201 {@code {vehicleIds}}), {@code POST
 * /api/v1/vehicles/{vehicleId}/simulate/{fault}} makes one of them report a fault, {@code POST
 * /api/v1/vehicles/{vehicleId}/simulate/flash {failAt, probability}} changes how one of them flashes, {@code DELETE
 * /api/v1/vehicles/simulate} disconnects them all. Refusals are problems naming field and rule.
 */
@RestController
class VehicleSimulationController {

    static final int MAX_COUNT = 1000;
    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    static final Duration MAX_INTERVAL = Duration.ofHours(1);
    static final String DRIVE = "drive";

    private final SimulatedFleet fleet;

    VehicleSimulationController(SimulatedFleet fleet) {
        this.fleet = fleet;
    }

    /** What the simulator answers: the simulated vehicles. */
    record Simulated(List<String> vehicleIds) {
    }

    @PostMapping("/api/v1/vehicles/simulate")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    public ResponseEntity<Simulated> simulate(@RequestBody(required = false) JsonNode body, Principal principal) {
        JsonNode request = body == null || body.isNull() ? com.fasterxml.jackson.databind.node.NullNode.getInstance()
                : body;
        if (!request.isNull() && !request.isObject()) {
            throw new Refused(HttpStatus.BAD_REQUEST, null, "json-object", "The body is a JSON object");
        }
        int count = count(request.get("count"));
        Duration interval = interval(request.get("interval"));
        JsonNode scenario = request.get("scenario");
        if (scenario != null && !scenario.isNull() && !(scenario.isTextual() && DRIVE.equals(scenario.asText()))) {
            throw new Refused(HttpStatus.UNPROCESSABLE_ENTITY, "scenario", "unknown-scenario",
                    "scenario must be \"" + DRIVE + "\"");
        }
        SimulatedEcuFlasher.Behaviour flash = flash(request.get("flash"), "flash.");
        List<String> vehicleIds;
        try {
            vehicleIds = fleet.simulate(count, interval, flash, principal == null ? "anonymous" : principal.getName());
        } catch (SimulatedFleet.Unavailable unavailable) {
            throw new Refused(HttpStatus.SERVICE_UNAVAILABLE, null, "simulator-unavailable", unavailable.getMessage());
        }
        return ResponseEntity.created(URI.create("/api/v1/vehicles")).body(new Simulated(vehicleIds));
    }

    @PostMapping("/api/v1/vehicles/{vehicleId}/simulate/{fault}")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    public ResponseEntity<Map<String, String>> fault(@PathVariable String vehicleId, @PathVariable String fault) {
        DriveScenario.Fault named = DriveScenario.Fault.named(fault);
        if (named == null) {
            throw new Refused(HttpStatus.UNPROCESSABLE_ENTITY, "fault", "unknown-fault",
                    "fault must be trouble-code, clear-codes, low-battery or overheat");
        }
        if (!fleet.fault(vehicleId, named)) {
            throw new Refused(HttpStatus.NOT_FOUND, "vehicleId", "not-simulated",
                    "No simulated dongle on this node speaks for vehicle " + vehicleId);
        }
        return ResponseEntity.accepted().body(Map.of("vehicleId", vehicleId, "fault", named.pathName()));
    }

    @PostMapping("/api/v1/vehicles/{vehicleId}/simulate/flash")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    public ResponseEntity<Map<String, Object>> flash(@PathVariable String vehicleId,
                                                     @RequestBody(required = false) JsonNode body) {
        SimulatedEcuFlasher.Behaviour flash = flash(body == null || body.isNull() ? null : body, "");
        if (!fleet.flash(vehicleId, flash)) {
            throw new Refused(HttpStatus.NOT_FOUND, "vehicleId", "not-simulated",
                    "No simulated dongle on this node speaks for vehicle " + vehicleId);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("vehicleId", vehicleId);
        answer.put("failAt", flash.failAt() == null ? null : flash.failAt().pathName());
        answer.put("probability", flash.probability());
        return ResponseEntity.accepted().body(answer);
    }

    @DeleteMapping("/api/v1/vehicles/simulate")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    public ResponseEntity<Void> stop() {
        fleet.stopAll();
        return ResponseEntity.noContent().build();
    }

    private static int count(JsonNode count) {
        if (count == null || count.isNull()) {
            return 1;
        }
        if (!count.canConvertToInt() || !count.isIntegralNumber()) {
            throw new Refused(HttpStatus.BAD_REQUEST, "count", "integer", "count is a whole number");
        }
        int value = count.intValue();
        if (value < 1 || value > MAX_COUNT) {
            throw new Refused(HttpStatus.UNPROCESSABLE_ENTITY, "count", "range",
                    "count must be 1 to " + MAX_COUNT);
        }
        return value;
    }

    /**
     * How simulated dongles flash: {@code {failAt, probability}}, {@code failAt} one of {@link SimulatedEcuFlasher.FailAt}
     * in lower case, {@code probability} 0 to 1 (1 when {@code failAt} is given, else 0); absent = never fails.
     * {@code prefix} leads the field names of refusals ({@code flash.}).
     */
    static SimulatedEcuFlasher.Behaviour flash(JsonNode flash, String prefix) {
        if (flash == null || flash.isNull()) {
            return SimulatedEcuFlasher.Behaviour.RELIABLE;
        }
        if (!flash.isObject()) {
            throw new Refused(HttpStatus.BAD_REQUEST, prefix.isEmpty() ? null : prefix.substring(0, prefix.length() - 1),
                    "json-object", "flash is a JSON object {failAt, probability}");
        }
        JsonNode failAtNode = flash.get("failAt");
        SimulatedEcuFlasher.FailAt failAt = null;
        if (failAtNode != null && !failAtNode.isNull()) {
            failAt = failAtNode.isTextual() ? SimulatedEcuFlasher.FailAt.named(failAtNode.asText()) : null;
            if (failAt == null) {
                throw new Refused(HttpStatus.UNPROCESSABLE_ENTITY, prefix + "failAt", "unknown-fail-at",
                        "failAt must be backup, erase, transfer, verify, restore, timeout or disconnect");
            }
        }
        JsonNode probabilityNode = flash.get("probability");
        double probability = failAt == null ? 0 : 1;
        if (probabilityNode != null && !probabilityNode.isNull()) {
            if (!probabilityNode.isNumber()) {
                throw new Refused(HttpStatus.BAD_REQUEST, prefix + "probability", "number",
                        "probability is a number from 0 to 1");
            }
            probability = probabilityNode.doubleValue();
            if (!(probability >= 0 && probability <= 1)) {
                throw new Refused(HttpStatus.UNPROCESSABLE_ENTITY, prefix + "probability", "range",
                        "probability must be 0 to 1");
            }
        }
        return new SimulatedEcuFlasher.Behaviour(failAt, probability);
    }

    /** Seconds as a number or a string of digits, or an ISO-8601 duration such as {@code PT10S}; default 10 s. */
    static Duration interval(JsonNode interval) {
        if (interval == null || interval.isNull()) {
            return Duration.ofSeconds(10);
        }
        Duration value;
        if (interval.isNumber()) {
            value = Duration.ofMillis(Math.round(interval.doubleValue() * 1000));
        } else if (interval.isTextual() && interval.asText().strip().matches("\\d{1,7}")) {
            value = Duration.ofSeconds(Long.parseLong(interval.asText().strip()));
        } else if (interval.isTextual()) {
            try {
                value = Duration.parse(interval.asText().strip());
            } catch (DateTimeParseException e) {
                throw new Refused(HttpStatus.BAD_REQUEST, "interval", "duration",
                        "interval is seconds or an ISO-8601 duration such as PT10S");
            }
        } else {
            throw new Refused(HttpStatus.BAD_REQUEST, "interval", "duration",
                    "interval is seconds or an ISO-8601 duration such as PT10S");
        }
        if (value.compareTo(MIN_INTERVAL) < 0 || value.compareTo(MAX_INTERVAL) > 0) {
            throw new Refused(HttpStatus.UNPROCESSABLE_ENTITY, "interval", "range",
                    "interval must be 1 second to 1 hour");
        }
        return value;
    }

    /** A request the simulator refuses, with the status, field and rule of its problem. */
    static final class Refused extends RuntimeException {
        private final HttpStatus status;
        private final String field;
        private final String rule;

        Refused(HttpStatus status, String field, String rule, String detail) {
            super(detail);
            this.status = status;
            this.field = field;
            this.rule = rule;
        }
    }

    @ExceptionHandler(Refused.class)
    ResponseEntity<ProblemDetail> refused(Refused refused) {
        return ResponseEntity.status(refused.status)
                .body(Problems.refusal(refused.status, refused.field, refused.rule, refused.getMessage()));
    }
}
