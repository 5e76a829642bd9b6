package io.axle.gateway.vehicle;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.axle.gateway.ingest.KafkaReadingPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the frame rules and the frame ingestion; frames leave through the readings' Kafka producer (same promises:
 * {@code acks=all}, idempotence, {@code axle.telemetry.send-timeout}) to the topic {@code axle.vehicles.topic}
 * ({@code axle.vehicle-frames}), keyed by vehicle id so that a vehicle's frames keep their order.
 */
@Configuration(proxyBeanMethods = false)
class VehicleIngestConfiguration {

    @Bean
    FrameIngestion frameIngestion(DonglePairings pairings, KafkaReadingPublisher kafka, ObjectMapper objectMapper,
                                  MeterRegistry meterRegistry,
                                  @Value("${axle.vehicles.topic:axle.vehicle-frames}") String topic) {
        FramePublisher publisher = (frame, headers) -> kafka.send(topic, frame.vehicleId(), frame, headers, "frame");
        return new FrameIngestion(new FrameRules(Clock.systemUTC()), pairings, publisher, objectMapper,
                meterRegistry);
    }
}
