package io.axle.command.vehicle.facts;

import io.axle.command.vehicle.VehicleAlarmRules;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.axle.platform.kafka.StringRecordConsumers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

import java.time.Duration;
import java.util.Properties;

/**
 * The watcher's Kafka container: one record at a time, its offset committed once the listener returned (the
 * vehicle accepted the commands it called for); a failure is retried {@code axle.vehicles.facts.retries} times, a
 * second apart, then logged, counted and skipped, so one bad frame never holds a partition for ever.
 */
@Configuration(proxyBeanMethods = false)
public class VehicleFactsConfiguration {

    static final String CONTAINER_FACTORY = "vehicleFactsContainerFactory";

    private static final Logger log = LoggerFactory.getLogger(VehicleFactsConfiguration.class);

    @Bean
    FactsWatch vehicleFactsWatch(VehicleAlarmRules rules) {
        return new FactsWatch(rules);
    }

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, String> vehicleFactsContainerFactory(
            ConsumerFactory<?, ?> kafkaConsumerFactory, MeterRegistry registry,
            @Value("${axle.vehicles.facts.retries:3}") long retries,
            @Value("${axle.vehicles.facts.retry-interval:1s}") Duration retryInterval) {
        ConcurrentKafkaListenerContainerFactory<String, String> factory = StringRecordConsumers.factory(
                kafkaConsumerFactory, ContainerProperties.AckMode.RECORD, new Properties());
        Counter failed = VehicleFactsListener.failedCounter(registry);
        factory.setCommonErrorHandler(new DefaultErrorHandler((record, e) -> {
            failed.increment();
            log.warn("Giving up on vehicle frame at {}-{} offset {}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }, new FixedBackOff(retryInterval.toMillis(), retries)));
        return factory;
    }
}
