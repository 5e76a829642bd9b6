package io.axle.command.vehicle.facts;

import io.axle.api.vehicle.ObdFrame;
import io.axle.api.vehicle.ReportThresholdCommand;
import io.axle.api.vehicle.ReportTroubleCodesCommand;
import io.axle.command.vehicle.AlarmRule;
import io.axle.command.vehicle.VehicleAlarmRules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the watcher last told each vehicle (its trouble code set, each alarm rule raised or not), and the commands a
 * new frame calls for: only those that change it. An alarm is raised when the measure goes beyond the limit (the
 * vehicle's own, else the fleet's) and cleared once it is back within the limit by the rule's hysteresis; in between
 * it stays as it was. Forgotten at a restart: the first frame of a vehicle then reports what it shows, and the
 * aggregate, which records only changes, ignores what it already knows.
 */
public class FactsWatch {

    private final VehicleAlarmRules rules;
    private final Map<String, Told> told = new ConcurrentHashMap<>();

    public FactsWatch(VehicleAlarmRules rules) {
        this.rules = rules;
    }

    /** The commands {@code frame} calls for, given the vehicle's own limits by rule; changes nothing yet. */
    public List<Object> changes(ObdFrame frame, Map<String, Double> limits) {
        Told last = told.getOrDefault(frame.vehicleId(), Told.NOTHING);
        List<Object> commands = new ArrayList<>();
        if (frame.troubleCodes() != null) {
            Set<String> codes = new TreeSet<>(frame.troubleCodes());
            if (!codes.equals(last.codes())) {
                commands.add(new ReportTroubleCodesCommand(frame.vehicleId(), frame.frameId(), List.copyOf(codes),
                        frame.values() == null ? Map.of() : Map.copyOf(frame.values()), frame.at()));
            }
        }
        Map<String, Double> values = frame.values() == null ? Map.of() : frame.values();
        for (AlarmRule rule : rules.all()) {
            Double value = values.get(rule.measure());
            if (value == null) {
                continue;
            }
            double limit = limits.getOrDefault(rule.name(), rule.limit());
            Boolean raised = last.alarms().get(rule.name());
            Boolean now = rule.beyond(value, limit) ? Boolean.TRUE
                    : rule.backWithin(value, limit) ? Boolean.FALSE : raised;
            if (now != null && !now.equals(raised)) {
                commands.add(new ReportThresholdCommand(frame.vehicleId(), rule.name(), rule.measure(), now, value,
                        limit, frame.frameId(), frame.at()));
            }
        }
        return commands;
    }

    /** Remembers a command the vehicle accepted. */
    public void told(Object command) {
        if (command instanceof ReportTroubleCodesCommand codes) {
            told.compute(codes.vehicleId(), (id, last) -> (last == null ? Told.NOTHING : last)
                    .withCodes(Set.copyOf(codes.codes())));
        } else if (command instanceof ReportThresholdCommand alarm) {
            told.compute(alarm.vehicleId(), (id, last) -> (last == null ? Told.NOTHING : last)
                    .withAlarm(alarm.rule(), alarm.crossed()));
        }
    }

    /** What was last told to one vehicle; {@code codes} is null before the first report. */
    private record Told(Set<String> codes, Map<String, Boolean> alarms) {

        static final Told NOTHING = new Told(null, Map.of());

        Told withCodes(Set<String> reported) {
            return new Told(reported, alarms);
        }

        Told withAlarm(String rule, boolean raised) {
            Map<String, Boolean> changed = new java.util.HashMap<>(alarms);
            changed.put(rule, raised);
            return new Told(codes, Map.copyOf(changed));
        }
    }
}
