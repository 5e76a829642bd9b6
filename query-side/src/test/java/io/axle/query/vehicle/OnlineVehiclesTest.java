package io.axle.query.vehicle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Online vehicles read from a real Hazelcast map as the device gateway writes it: vehicle id to an instant. */
class OnlineVehiclesTest {

    private HazelcastInstance hazelcast;

    @BeforeEach
    void start() {
        Config config = new Config();
        config.setClusterName("online-vehicles-" + UUID.randomUUID());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        config.getNetworkConfig().setPortAutoIncrement(true);
        hazelcast = Hazelcast.newHazelcastInstance(config);
    }

    @AfterEach
    void stop() {
        hazelcast.shutdown();
    }

    @Test
    void aVehicleIsOnlineWhileTheGatewayHoldsItsEntryAndEachChangeIsTold() {
        IMap<String, Instant> gateway = hazelcast.getMap(OnlineVehicles.MAP);
        OnlineVehicles online = new OnlineVehicles(hazelcast.getMap(OnlineVehicles.MAP));
        List<String> changes = new CopyOnWriteArrayList<>();
        online.onChange(changes::add);

        gateway.set("v-1", Instant.parse("2026-03-01T09:00:00Z"));

        assertThat(online.online("v-1")).isTrue();
        assertThat(online.online("v-2")).isFalse();
        assertThat(online.online()).containsExactly("v-1");
        gateway.delete("v-1");
        assertThat(online.online("v-1")).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> changes.size() == 2);
        assertThat(changes).containsExactly("v-1", "v-1");
    }
}
