package io.axle.gateway.mqtt;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The MQTT address of a reading, {@code axle/runs/{runId}/sensors/{sensorId}}. */
public record SensorTopic(String runId, String sensorId) {

    /** The subscription filter matching every sensor of every run. */
    public static final String FILTER = "axle/runs/+/sensors/+";

    /** The topic's run and sensor, when it is a reading topic. */
    public static Optional<SensorTopic> parse(String topic) {
        if (topic == null || !topic.startsWith("axle/runs/")) {
            return Optional.empty();
        }
        String[] levels = topic.split("/", -1);
        if (levels.length != 5 || !"sensors".equals(levels[3])) {
            return Optional.empty();
        }
        return Optional.of(new SensorTopic(levels[2], levels[4]));
    }

    public static String of(String runId, String sensorId) {
        return "axle/runs/" + runId + "/sensors/" + sensorId;
    }

    /** What the topic says about the reading, for the ingestion to merge with (and check against) the payload. */
    public Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("runId", runId);
        fields.put("sensorId", sensorId);
        return fields;
    }

    @Override
    public String toString() {
        return of(runId, sensorId);
    }
}
