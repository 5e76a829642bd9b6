package io.axle.query;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

/** The offsets of one topic of an embedded broker, to tell when a consumer group has committed everything produced. */
public final class KafkaOffsets {

    private final EmbeddedKafkaBroker broker;
    private final String topic;
    private final int partitions;

    public KafkaOffsets(EmbeddedKafkaBroker broker, String topic, int partitions) {
        this.broker = broker;
        this.topic = topic;
        this.partitions = partitions;
    }

    /** An admin client of the broker; the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
    }

    /** The group's committed offset of every partition, 0 where it has committed nothing. */
    public Map<TopicPartition, Long> committed(String group) throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, Long> offsets = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                OffsetAndMetadata offset = committed.get(new TopicPartition(topic, p));
                offsets.put(new TopicPartition(topic, p), offset == null ? 0 : offset.offset());
            }
            return offsets;
        }
    }

    /** The end offset of every partition. */
    public Map<TopicPartition, Long> end() throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }
}
