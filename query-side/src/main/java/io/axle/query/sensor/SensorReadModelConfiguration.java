package io.axle.query.sensor;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import io.axle.platform.kafka.StringRecordConsumers;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.LoggingErrorHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The telemetry consumer's container (batch listener, offsets committed after each processed poll, a failed poll
 * retried with back-off for as long as it fails, so that nothing is skipped while MongoDB is away), which the vehicle
 * frame consumer shares, and the subscribing processing group of the temperature gauges.
 */
@Configuration(proxyBeanMethods = false)
public class SensorReadModelConfiguration {

    /** The name of the container factory bean of the telemetry consumers (sensor readings, vehicle frames). */
    public static final String CONTAINER_FACTORY = "sensorReadingsContainerFactory";

    /**
     * Built on Boot's consumer factory so that {@code spring.kafka.*} and the platform's connection details apply;
     * the overrides are what the read models rely on: String records, no auto-commit, a new group starting from the
     * oldest record.
     */
    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, String> sensorReadingsContainerFactory(
            ConsumerFactory<?, ?> kafkaConsumerFactory,
            @Value("${axle.telemetry.consumer.max-poll-records:2000}") int maxPollRecords,
            @Value("${axle.telemetry.consumer.retry-max-interval:30s}") Duration retryMaxInterval) {
        Properties pollSize = new Properties();
        pollSize.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(maxPollRecords));
        ConcurrentKafkaListenerContainerFactory<String, String> factory = StringRecordConsumers.factory(
                kafkaConsumerFactory, ContainerProperties.AckMode.BATCH, pollSize);
        factory.setBatchListener(true);
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(retryMaxInterval.toMillis());
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        factory.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        return factory;
    }

    /**
     * The gauges only need the ends of runs as they happen in this process, without a token of their own; a failure
     * there is logged (a gauge left behind, not data lost) so that it never rolls back the command that ended the run.
     */
    @Bean
    ConfigurerModule sensorMetricsProcessingGroup() {
        return configurer -> configurer.eventProcessing()
                .registerSubscribingEventProcessor(TemperatureGauges.PROCESSING_GROUP)
                .registerListenerInvocationErrorHandler(TemperatureGauges.PROCESSING_GROUP,
                        c -> new LoggingErrorHandler());
    }
}
