package io.axle.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.hazelcast.core.HazelcastInstance;
import io.axle.gateway.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A dongle's session marks its vehicle online in {@value DeviceSessions#VEHICLES_ONLINE}, and only the end of that
 * very connection (a disconnect, its node forgetting its sessions, the dongle's unpairing) takes the mark away.
 */
class DeviceSessionsTest extends GatewayTestSupport {

    @Autowired
    private HazelcastInstance hazelcast;

    private DeviceSessions node(String name) {
        return new DeviceSessions(hazelcast, name);
    }

    private static DeviceSession session(String clientId, String node, Instant at, String connectionId,
                                         String vehicleId) {
        return new DeviceSession(clientId, "apikey:d", node, at, "127.0.0.1", "MQTT 5", connectionId, "d", vehicleId);
    }

    @Test
    void aSessionThatLearnsItsVehicleMarksItOnlineUntilItEnds() {
        DeviceSessions sessions = node("node-a-" + UUID.randomUUID());
        String vehicle = UUID.randomUUID().toString();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        sessions.connected(session("c-1", sessions.node(), at, "x-1", null));
        assertThat(sessions.vehicleOnlineSince(vehicle)).isNull();

        sessions.speaksFor("c-1", "x-1", vehicle);

        assertThat(sessions.vehicleOnlineSince(vehicle)).isEqualTo(at);
        assertThat(sessions.find("c-1").vehicleId()).isEqualTo(vehicle);
        sessions.disconnected("c-1", "x-1");
        assertThat(sessions.vehicleOnlineSince(vehicle)).isNull();
    }

    @Test
    void theEndOfAnOldConnectionLeavesTheNewOnesMark() {
        DeviceSessions sessions = node("node-b-" + UUID.randomUUID());
        String vehicle = UUID.randomUUID().toString();
        Instant first = Instant.now().minusSeconds(10).truncatedTo(ChronoUnit.MILLIS);
        Instant second = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        sessions.connected(session("c-2", sessions.node(), first, "x-1", vehicle));
        sessions.connected(session("c-2", sessions.node(), second, "x-2", vehicle));

        sessions.disconnected("c-2", "x-1");
        sessions.speaksFor("c-2", "x-1", vehicle);

        assertThat(sessions.vehicleOnlineSince(vehicle)).isEqualTo(second);
    }

    @Test
    void aNodeForgettingItsSessionsTakesItsVehiclesOffline() {
        String name = "node-c-" + UUID.randomUUID();
        DeviceSessions sessions = node(name);
        String vehicle = UUID.randomUUID().toString();
        sessions.connected(session("c-3-" + vehicle, name, Instant.now(), "x-1", vehicle));
        assertThat(sessions.vehicleOnlineSince(vehicle)).isNotNull();

        DeviceSessions restarted = node(name);

        assertThat(restarted.vehicleOnlineSince(vehicle)).isNull();
        assertThat(restarted.find("c-3-" + vehicle)).isNull();
    }

    @Test
    void anUnpairedVehicleIsOffline() {
        DeviceSessions sessions = node("node-d-" + UUID.randomUUID());
        String vehicle = UUID.randomUUID().toString();
        sessions.connected(session("c-4-" + vehicle, sessions.node(), Instant.now(), "x-1", vehicle));

        sessions.vehicleUnpaired(vehicle);

        assertThat(sessions.vehicleOnlineSince(vehicle)).isNull();
    }
}
