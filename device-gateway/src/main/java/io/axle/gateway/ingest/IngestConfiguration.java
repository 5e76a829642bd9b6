package io.axle.gateway.ingest;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.axle.gateway.registry.RunStates;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ProducerFactory;

/** Wires the reading rules, the Kafka publisher (on the application's Kafka settings) and the shared ingestion. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TelemetryProperties.class)
class IngestConfiguration {

    @Bean
    ReadingRules readingRules(RunStates runStates) {
        return new ReadingRules(runStates, Clock.systemUTC());
    }

    /** Starts from the auto-configured producer's settings, so brokers and security come from one place. */
    @Bean
    KafkaReadingPublisher kafkaReadingPublisher(ProducerFactory<?, ?> producerFactory, ObjectMapper objectMapper,
                                                TelemetryProperties telemetry) {
        return new KafkaReadingPublisher(producerFactory.getConfigurationProperties(), objectMapper, telemetry);
    }

    @Bean
    ReadingIngestion readingIngestion(ReadingRules rules, ReadingPublisher publisher, ObjectMapper objectMapper,
                                      MeterRegistry meterRegistry) {
        return new ReadingIngestion(rules, publisher, objectMapper, meterRegistry);
    }
}
