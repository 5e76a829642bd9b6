package io.axle.platform.kafka;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Declares the sensor-readings and vehicle-frames topics, so Spring Kafka's {@link KafkaAdmin} creates them at startup
 * (or adds partitions) on the embedded broker and on an external cluster alike; their replication factor is the
 * cluster's default.
 */
@AutoConfiguration
@ConditionalOnClass(KafkaAdmin.class)
public class TelemetryTopicAutoConfiguration {

    @Bean
    NewTopic axleSensorReadingsTopic(@Value("${axle.telemetry.topic:axle.sensor-readings}") String topic,
                                     @Value("${axle.telemetry.partitions:4}") int partitions) {
        return TopicBuilder.name(topic).partitions(partitions).build();
    }

    @Bean
    NewTopic axleVehicleFramesTopic(@Value("${axle.vehicles.topic:axle.vehicle-frames}") String topic,
                                    @Value("${axle.vehicles.partitions:4}") int partitions) {
        return TopicBuilder.name(topic).partitions(partitions).build();
    }
}
