package io.axle.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.axle.launcher.AxleApplication;
import io.axle.launcher.e2e.AxleClient.Answer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * Nothing acknowledged is lost when the process is killed: the application runs as a separate JVM, answers a burst of
 * orders, is killed with SIGKILL right after the last answer, and after a restart on the same data every acknowledged
 * order exists, is fulfilled, and a retry with its idempotency key answers the same order.
 */
class KilledProcessEndToEndTest {

    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(120);

    private final Path dataDir = createTempDir();
    private Process process;

    @AfterEach
    void cleanUp() {
        if (process != null) {
            process.destroyForcibly();
        }
        FileSystemUtils.deleteRecursively(dataDir.toFile());
    }

    @Test
    void everyAcknowledgedOrderSurvivesAKillMinusNine() throws Exception {
        int port = freePort();
        process = start(port);
        AxleClient admin = new AxleClient("http://127.0.0.1:" + port).signIn("admin", RunningAxle.ADMIN_PASSWORD);

        String sku = "KILL-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(admin.post("/api/v1/stock/" + sku + "/receipts", Map.of("quantity", 100)).status()).isEqualTo(202);
        String customerId = admin.post("/api/v1/customers", Map.of("name", "Kill Test", "email", "k@example.com",
                "country", "FR", "currency", "EUR", "creditLimit", 100000)).body().get("id").asText();
        FulfilmentScenarios.await(() -> admin.get("/api/v1/customers/" + customerId).status() == 200, "customer readable");

        Map<String, String> orderByKey = new LinkedHashMap<>();
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String key = "kill-" + i + "-" + UUID.randomUUID();
            Map<String, Object> body = FulfilmentScenarios.order(customerId, Map.of(sku, 1), "5.00");
            Answer placed = admin.post("/api/v1/orders", body, Map.of("Idempotency-Key", key));
            assertThat(placed.status()).isEqualTo(202);
            orderByKey.put(key, placed.body().get("orderId").asText());
            bodies.add(body);
        }
        process.destroyForcibly().waitFor();

        process = start(port);
        AxleClient restarted = new AxleClient("http://127.0.0.1:" + port).signIn("admin", RunningAxle.ADMIN_PASSWORD);
        int i = 0;
        for (Map.Entry<String, String> acknowledged : orderByKey.entrySet()) {
            Answer retried = restarted.post("/api/v1/orders", bodies.get(i++), Map.of("Idempotency-Key", acknowledged.getKey()));
            assertThat(retried.status()).isEqualTo(202);
            assertThat(retried.body().get("orderId").asText()).isEqualTo(acknowledged.getValue());
        }
        for (String orderId : orderByKey.values()) {
            JsonNode[] order = new JsonNode[1];
            FulfilmentScenarios.await(() -> {
                Answer answer = restarted.get("/api/v1/orders/" + orderId);
                order[0] = answer.body();
                return answer.status() == 200 && "CONFIRMED".equals(answer.body().get("status").asText());
            }, "order " + orderId + " confirmed after the restart");
        }
        FulfilmentScenarios.await(() -> {
            JsonNode level = restarted.get("/api/v1/stock/" + sku).body();
            return level.get("reserved").asInt() == 20 && level.get("available").asInt() == 80;
        }, "stock of " + sku + " to show exactly the 20 acknowledged orders reserved");
        assertThat(restarted.get("/api/v1/orders?customerId=" + customerId + "&size=100").body().get("totalElements").asInt())
                .isEqualTo(20);
    }

    private Process start(int port) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-Ddisable-axoniq-console-message=true",
                "-cp", System.getProperty("java.class.path"),
                AxleApplication.class.getName(),
                "--server.port=" + port,
                "--axle.data-dir=" + dataDir,
                "--axle.security.admin-password=" + RunningAxle.ADMIN_PASSWORD,
                "--axle.hazelcast.port=" + (port + 1),
                "--logging.level.root=WARN"));
        Process started = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("axle.log").toFile()))
                .start();
        AxleClient probe = new AxleClient("http://127.0.0.1:" + port);
        Instant deadline = Instant.now().plus(BOOT_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!started.isAlive()) {
                throw new AssertionError("Axle exited while starting: " + Files.readString(dataDir.resolve("axle.log")));
            }
            try {
                if (probe.get("/actuator/health").status() == 200) {
                    return started;
                }
            } catch (RuntimeException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        started.destroyForcibly();
        throw new AssertionError("Axle did not become healthy within " + BOOT_TIMEOUT.toSeconds() + " s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("axle-kill");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
