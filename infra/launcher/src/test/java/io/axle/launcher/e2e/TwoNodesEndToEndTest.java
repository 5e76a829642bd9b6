package io.axle.launcher.e2e;

import static io.axle.launcher.e2e.FulfilmentScenarios.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.axle.launcher.e2e.AxleClient.Answer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.util.FileSystemUtils;

/**
 * Two Axle processes sharing one PostgreSQL event store (and one read store, one Kafka, one Hazelcast cluster), started
 * once for the class:
 * <ul>
 *   <li>the cap of five running runs holds across nodes: 50 starts race on both at once, and exactly five are accepted
 *   and stored;</li>
 *   <li>a projection held by one node is replayed from the other: the holder lets go when asked, the tokens are reset
 *   for both (neither keeps feeding the old token), the read model is rebuilt equal to what it was, and the processor
 *   runs on both nodes again.</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesEndToEndTest {

    private final Path dataA = AxleProcess.tempDataDir("axle-node");
    private final Path dataB = AxleProcess.tempDataDir("axle-node");
    private final PostgresDatabase database = PostgresDatabase.create("axle_two_nodes");
    private final List<AxleProcess> nodes = new ArrayList<>();
    private List<AxleClient> clients;

    @BeforeAll
    void startTwoNodes() throws Exception {
        int[] ports = distinctFreePorts(8);
        int portA = ports[0];
        int portB = ports[1];
        int mongoPort = ports[2];
        int kafkaPort = ports[3];
        int hazelcastA = ports[4];
        int hazelcastB = ports[5];
        String cluster = "two-nodes-" + UUID.randomUUID();

        Map<String, String> a = new HashMap<>(database.properties());
        a.put("axle.mongo.embedded.port", Integer.toString(mongoPort));
        a.put("axle.kafka.embedded.port", Integer.toString(kafkaPort));
        a.put("axle.mqtt.embedded.port", Integer.toString(ports[6]));
        a.put("axle.hazelcast.cluster-name", cluster);
        a.put("axle.hazelcast.port", Integer.toString(hazelcastA));
        a.put("axle.hazelcast.members", "127.0.0.1:" + hazelcastB);
        nodes.add(AxleProcess.start(dataA, portA, a));

        Map<String, String> b = new HashMap<>(database.properties());
        b.put("spring.data.mongodb.uri", "mongodb://127.0.0.1:" + mongoPort + "/axle");
        // Node A's embedded wire server does not answer the 'hello' command of Boot's MongoDB health check.
        b.put("management.health.mongo.enabled", "false");
        b.put("axle.kafka.embedded.enabled", "false");
        b.put("spring.kafka.bootstrap-servers", "127.0.0.1:" + kafkaPort);
        b.put("axle.mqtt.embedded.port", Integer.toString(ports[7]));
        b.put("axle.hazelcast.cluster-name", cluster);
        b.put("axle.hazelcast.port", Integer.toString(hazelcastB));
        b.put("axle.hazelcast.members", "127.0.0.1:" + hazelcastA);
        nodes.add(AxleProcess.start(dataB, portB, b));
        clients = List.of(nodes.get(0).admin(), nodes.get(1).admin());
    }

    @AfterAll
    void cleanUp() {
        nodes.forEach(AxleProcess::close);
        database.close();
        FileSystemUtils.deleteRecursively(dataA.toFile());
        FileSystemUtils.deleteRecursively(dataB.toFile());
    }

    @Test
    @Order(1)
    void fiftyStartsRacingOnTwoNodesLeaveExactlyFiveRunning() throws Exception {
        List<Answer> answers = Concurrently.race(50, i ->
                clients.get(i % 2).post("/api/runs/start", Map.of("duration", 600, "interval", 1)));
        int accepted = 0;
        int refused = 0;
        for (Answer answer : answers) {
            if (answer.status() == 201) {
                accepted++;
            } else {
                assertThat(answer.status()).as(answer.raw().body()).isEqualTo(409);
                assertThat(answer.body().get("rule").asText()).isEqualTo("max-running-runs");
                refused++;
            }
        }

        assertThat(accepted).isEqualTo(5);
        assertThat(refused).isEqualTo(45);
        assertThat(countEvents("io.axle.api.run.RunStartedEvent")).isEqualTo(5);
        assertThat(countEvents("io.axle.api.run.RunSlotClaimedEvent")).isEqualTo(5);
        for (AxleClient client : clients) {
            await(() -> client.get("/api/runs/running").body().size() == 5, "five runs running, seen from each node");
            assertThat(client.get("/api/runs/can-start").body().get("canStart").asBoolean()).isFalse();
        }
    }

    @Test
    @Order(2)
    void aProjectionHeldByOneNodeIsReplayedFromTheOtherAndBothCarryOn() {
        for (int i = 0; i < 3; i++) {
            assertThat(clients.get(0).post("/api/v1/customers", Map.of("name", "Two nodes " + i, "email",
                    "two-nodes-" + i + "@example.com", "country", "FR", "currency", "EUR", "creditLimit", 100))
                    .status()).isEqualTo(201);
        }
        await(() -> clients.get(1).get("/api/v1/customers?size=100").body().get("totalElements").asInt() >= 3,
                "the customers listed");
        String before = clients.get(1).get("/api/v1/customers?size=100&sort=name,asc").body().get("content")
                .toString();
        // Node A started first and claimed the projection's segments (all of them, or one each with B).
        await(() -> !owners(clients.get(0)).isEmpty(), "the customers projection claimed");

        Answer replay = clients.get(1).post("/api/v1/admin/processors/customers/replay", Map.of());

        assertThat(replay.status()).as(replay.raw().body()).isEqualTo(202);
        for (AxleClient client : clients) {
            await(() -> {
                JsonNode status = client.get("/api/v1/admin/processors/customers").body();
                return status.get("running").asBoolean() && !status.get("replaying").asBoolean()
                        && status.get("lagEvents").asLong() == 0;
            }, "the customers projection replayed and running again on each node");
            await(() -> before.equals(client.get("/api/v1/customers?size=100&sort=name,asc").body().get("content")
                    .toString()), "the rebuilt customers list equal to the one before");
        }
        assertThat(clients.get(1).post("/api/v1/customers", Map.of("name", "After the replay", "email",
                "two-nodes-after@example.com", "country", "FR", "currency", "EUR", "creditLimit", 100)).status())
                .isEqualTo(201);
        for (AxleClient client : clients) {
            await(() -> client.get("/api/v1/customers?q=After%20the%20replay").body().get("totalElements").asInt() == 1,
                    "a customer registered after the replay listed, seen from each node");
        }
        assertThat(countRows("select count(*) from axle_processor_replays where processor_name = 'customers'"
                + " and state = 'RESET'")).as("node A was asked to let go, did, and the reset was done").isEqualTo(1);
    }

    private static List<String> owners(AxleClient client) {
        List<String> owners = new ArrayList<>();
        client.get("/api/v1/admin/processors/customers").body().get("owners").forEach(o -> owners.add(o.asText()));
        return owners;
    }

    private long countEvents(String payloadType) {
        return countRows("select count(*) from domain_event_entry where payload_type = '" + payloadType + "'");
    }

    private long countRows(String sql) {
        try (Connection connection = DriverManager.getConnection(database.url(),
                database.properties().get("spring.datasource.username"), "");
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Free ports, none equal to another (each probe socket stays open until all are drawn). */
    private static int[] distinctFreePorts(int count) throws java.io.IOException {
        List<java.net.ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                java.net.ServerSocket socket = new java.net.ServerSocket(0);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (java.net.ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }
}
