package io.axle.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which MQTT topics carry readings. */
class SensorTopicTest {

    @Test
    void aReadingTopicNamesItsRunAndSensor() {
        assertThat(SensorTopic.parse("axle/runs/run-1/sensors/t-7")).contains(new SensorTopic("run-1", "t-7"));
        assertThat(SensorTopic.of("run-1", "t-7")).isEqualTo("axle/runs/run-1/sensors/t-7");
    }

    @ParameterizedTest
    @ValueSource(strings = {"axle/runs/run-1/sensors", "axle/runs/run-1/sensors/t-7/extra", "axle/runs/run-1/flash/t",
            "devices/run-1/sensors/t", "Axle/runs/run-1/sensors/t", ""})
    void otherTopicsAreNotReadings(String topic) {
        assertThat(SensorTopic.parse(topic)).isEmpty();
    }

    @Test
    void emptyLevelsAreLeftToTheReadingRules() {
        assertThat(SensorTopic.parse("axle/runs//sensors/t")).contains(new SensorTopic("", "t"));
    }
}
