package io.axle.platform.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;

import java.util.Properties;

/**
 * The listener containers Axle's topic consumers share: built on Boot's consumer factory (so {@code spring.kafka.*}
 * and the platform's connection details apply), String keys and values (JSON read with the application's mapper), no
 * auto-commit (the container commits after the listener returned, as {@code ackMode} says), and a new group starting
 * from the oldest record.
 */
public final class StringRecordConsumers {

    private StringRecordConsumers() {
    }

    /** A container factory as above, with {@code ackMode}; {@code extra} consumer properties are added. */
    @SuppressWarnings("unchecked")
    public static ConcurrentKafkaListenerContainerFactory<String, String> factory(
            ConsumerFactory<?, ?> kafkaConsumerFactory, ContainerProperties.AckMode ackMode, Properties extra) {
        ConcurrentKafkaListenerContainerFactory<String, String> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory((ConsumerFactory<String, String>) kafkaConsumerFactory);
        ContainerProperties container = factory.getContainerProperties();
        container.setAckMode(ackMode);
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        overrides.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        overrides.putAll(extra);
        container.setKafkaConsumerProperties(overrides);
        return factory;
    }
}
