package io.axle.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The publisher keeps the application's Kafka settings but insists on what the ingress promises. */
class KafkaReadingPublisherTest {

    @Test
    void acksAllIdempotenceAndTheGatewaysLingerWinOverTheApplicationsSettings() {
        KafkaReadingPublisher publisher = new KafkaReadingPublisher(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker-1:9092",
                ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, "org.apache.kafka.common.serialization.ByteArraySerializer"),
                new ObjectMapper(), new TelemetryProperties("readings", Duration.ofSeconds(3), Duration.ofMillis(2)));
        try {
            Map<String, Object> config = publisher.producerConfig();
            assertThat(config).containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker-1:9092")
                    .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 2)
                    .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                    .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                    .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 3000L)
                    .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3000)
                    .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2998)
                    .doesNotContainKey(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
            assertThat(publisher.topic()).isEqualTo("readings");
        } finally {
            publisher.destroy();
        }
    }

    @Test
    void kafkaGivesUpOnAReadingWhenTheGatewayDoesAndAcceptsTheSettings() {
        KafkaReadingPublisher publisher = new KafkaReadingPublisher(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000),
                new ObjectMapper(), new TelemetryProperties("readings", Duration.ofSeconds(2), Duration.ofMillis(50)));
        try {
            assertThat(publisher.producerConfig())
                    .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2000)
                    .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1950);
            // a real producer refuses delivery.timeout.ms < linger.ms + request.timeout.ms
            assertThatCode(() -> new KafkaProducer<>(publisher.producerConfig(), new StringSerializer(),
                    new StringSerializer()).close(Duration.ofSeconds(1))).doesNotThrowAnyException();
        } finally {
            publisher.destroy();
        }
    }

    @Test
    void aLingerAsLongAsTheSendTimeoutIsRefused() {
        assertThatThrownBy(() -> new KafkaReadingPublisher(Map.of(), new ObjectMapper(),
                new TelemetryProperties("readings", Duration.ofMillis(100), Duration.ofMillis(100))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("axle.telemetry.linger");
    }
}
