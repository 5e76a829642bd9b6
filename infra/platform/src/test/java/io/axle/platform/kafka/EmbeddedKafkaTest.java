package io.axle.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaConnectionDetails;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The embedded broker booted by its auto-configuration with the shared {@code application.yml}: Spring Kafka's
 * auto-configured clients reach it, the telemetry topic is created, and a restart on the same data directory keeps
 * records and committed consumer offsets.
 */
class EmbeddedKafkaTest {

    private static final String TOPIC = "axle.sensor-readings";

    /** Only the Kafka-related auto-configurations, so the test does not pay for Axon, Mongo or Hazelcast. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({JacksonAutoConfiguration.class, EmbeddedKafkaAutoConfiguration.class,
            KafkaAutoConfiguration.class, TelemetryTopicAutoConfiguration.class})
    static class KafkaOnly {
    }

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start(String... extraProperties) {
        List<String> args = new ArrayList<>(List.of("--axle.data-dir=" + dataDir, "--axle.kafka.embedded.port=0"));
        for (String property : extraProperties) {
            args.add("--" + property);
        }
        return new SpringApplicationBuilder(KafkaOnly.class).web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new));
    }

    @Test
    void recordsTopicsAndCommittedOffsetsSurviveARestartOnTheSameDataDirectory() throws Exception {
        int firstPort;
        try (ConfigurableApplicationContext context = start()) {
            EmbeddedKafkaBroker broker = context.getBean(EmbeddedKafkaBroker.class);
            firstPort = broker.port();
            assertThat(firstPort).as("port 0 means a free port, reported after bind").isPositive();
            assertThat(broker.dataDirectory()).isEqualTo(dataDir.resolve("kafka").toAbsolutePath().normalize());
            assertThat(topic(context).partitions()).hasSize(4);

            KafkaTemplate<String, String> template = template(context);
            RecordMetadata first = template.send(TOPIC, "run-1", "{\"temperature\":21.5}").get().getRecordMetadata();
            assertThat(first.topic()).isEqualTo(TOPIC);

            try (Consumer<String, String> consumer = consumer(context, "readers")) {
                List<ConsumerRecord<String, String>> read = pollUntil(consumer, 1);
                assertThat(read).extracting(ConsumerRecord::key, ConsumerRecord::value)
                        .containsExactly(tuple("run-1", "{\"temperature\":21.5}"));
                consumer.commitSync();
            }
            template.send(TOPIC, "run-1", "{\"temperature\":22.0}").get();
        }

        try (ConfigurableApplicationContext context = start()) {
            assertThat(topic(context).partitions()).as("the topic and its partitions came back from disk").hasSize(4);

            try (Consumer<String, String> consumer = consumer(context, "readers")) {
                assertThat(pollUntil(consumer, 1)).extracting(ConsumerRecord::value)
                        .as("the committed offset survived: only the record after it is read again")
                        .containsExactly("{\"temperature\":22.0}");
            }
            try (Consumer<String, String> consumer = consumer(context, "newcomers")) {
                assertThat(pollUntil(consumer, 2)).extracting(ConsumerRecord::value)
                        .as("both records survived, in order (same key, same partition)")
                        .containsExactly("{\"temperature\":21.5}", "{\"temperature\":22.0}");
            }
        }
    }

    @Test
    void clientsGetTheSharedProducerAndConsumerDefaultsAndTheBrokersAddress() {
        try (ConfigurableApplicationContext context = start()) {
            String address = context.getBean(EmbeddedKafkaBroker.class).bootstrapServers();
            assertThat(address).startsWith("127.0.0.1:");

            Map<String, Object> producer = context.getBean(ProducerFactory.class).getConfigurationProperties();
            assertThat(producer).containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, List.of(address))
                    .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                    .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")
                    .containsEntry(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class)
                    .containsEntry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);

            Map<String, Object> consumer = context.getBean(ConsumerFactory.class).getConfigurationProperties();
            assertThat(consumer).containsEntry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, List.of(address))
                    .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                    .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        }
    }

    @Test
    void anExternalClusterReplacesTheEmbeddedBroker() {
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EmbeddedKafkaAutoConfiguration.class,
                        KafkaAutoConfiguration.class, TelemetryTopicAutoConfiguration.class))
                .withPropertyValues("axle.data-dir=" + dataDir, "spring.kafka.admin.auto-create=false");

        runner.withPropertyValues("axle.kafka.embedded.enabled=false", "spring.kafka.bootstrap-servers=kafka-a:9092")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(EmbeddedKafkaBroker.class);
                    assertThat(context.getBean(KafkaConnectionDetails.class).getBootstrapServers())
                            .containsExactly("kafka-a:9092");
                    assertThat(context).hasBean("axleSensorReadingsTopic");
                });
        runner.withPropertyValues("spring.kafka.bootstrap-servers=kafka-b:9092,kafka-c:9092")
                .run(context -> {
                    assertThat(context).as("naming a cluster is enough to leave the embedded broker off")
                            .doesNotHaveBean(EmbeddedKafkaBroker.class);
                    assertThat(context.getBean(KafkaConnectionDetails.class).getBootstrapServers())
                            .containsExactly("kafka-b:9092", "kafka-c:9092");
                });
        assertThat(dataDir.resolve("kafka")).doesNotExist();
    }

    /** Stands for any other part of the application failing while the broker is still starting. */
    @Configuration(proxyBeanMethods = false)
    static class BrokenBean {
        @Bean
        Object brokenBean() {
            throw new IllegalStateException("broken on purpose");
        }
    }

    @Test
    void aContextThatFailsToStartStopsTheBrokerItBegan() {
        List<String> args = List.of("--axle.data-dir=" + dataDir, "--axle.kafka.embedded.port=0");
        assertThatThrownBy(() -> new SpringApplicationBuilder(BrokenBean.class, KafkaOnly.class)
                .web(WebApplicationType.NONE).run(args.toArray(String[]::new)))
                .hasRootCauseMessage("broken on purpose");

        // The data directory is locked while a broker runs on it: starting again proves the first one was stopped.
        try (ConfigurableApplicationContext context = start()) {
            assertThat(context.getBean(EmbeddedKafkaBroker.class).port()).isPositive();
        }
    }

    @Test
    void aTakenPortFailsTheStartNamingPortAndDirectory() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Path dir = dataDir.resolve("kafka");
            assertThatThrownBy(() -> EmbeddedKafkaBroker.start(new EmbeddedKafkaBroker.Settings(dir, port, Duration.ofDays(7))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("127.0.0.1:" + port)
                    .hasMessageContaining(dir.toString());
        }
    }

    private static TopicDescription topic(ConfigurableApplicationContext context) {
        return context.getBean(KafkaAdmin.class).describeTopics(TOPIC).get(TOPIC);
    }

    @SuppressWarnings("unchecked")
    private static KafkaTemplate<String, String> template(ConfigurableApplicationContext context) {
        return context.getBean(KafkaTemplate.class);
    }

    @SuppressWarnings("unchecked")
    private static Consumer<String, String> consumer(ConfigurableApplicationContext context, String group) {
        Consumer<String, String> consumer = (Consumer<String, String>) context.getBean(ConsumerFactory.class)
                .createConsumer(group, null);
        consumer.subscribe(List.of(TOPIC));
        return consumer;
    }

    private static List<ConsumerRecord<String, String>> pollUntil(Consumer<String, String> consumer, int count) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (records.size() < count && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        // One more short poll shows nothing unexpected follows.
        consumer.poll(Duration.ofMillis(300)).forEach(records::add);
        return records;
    }
}
