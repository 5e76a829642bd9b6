package io.axle.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.axle.command.CommandSideApplication;
import io.axle.launcher.e2e.AxleClient.Answer;
import io.axle.query.QuerySideApplication;
import io.axle.saga.SagaApplication;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * The command side, the query side and the sagas each run as their own application against shared infrastructure:
 * one PostgreSQL event store and one MongoDB. What the command side records, the query side shows and the saga
 * process picks up. (Sending the saga's commands back to the command side needs Axon Server's routing, which cannot
 * run here; the one-process launcher covers the whole flow.)
 */
class StandaloneModulesEndToEndTest {

    private final List<ConfigurableApplicationContext> processes = new ArrayList<>();
    private PostgresDatabase database;
    private MongoServer mongo;
    private Path dataDir;

    @AfterEach
    void stopEverything() {
        processes.forEach(ConfigurableApplicationContext::close);
        if (mongo != null) {
            mongo.shutdownNow();
        }
        if (database != null) {
            database.close();
        }
        if (dataDir != null) {
            FileSystemUtils.deleteRecursively(dataDir.toFile());
        }
    }

    @Test
    void eachSideRunsAloneAgainstTheSharedEventStoreAndReadStore() throws Exception {
        database = PostgresDatabase.create("axle_split");
        mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", 0);
        InetSocketAddress mongoAddress = mongo.getLocalAddress();
        dataDir = Files.createTempDirectory("axle-split");

        Map<String, String> shared = new HashMap<>(database.properties());
        shared.put("spring.data.mongodb.uri", "mongodb://127.0.0.1:" + mongoAddress.getPort() + "/axle");
        shared.put("axle.security.jwt-secret", "shared-secret-for-all-processes-of-this-test-0123456789");

        AxleClient commands = start(CommandSideApplication.class, shared).signIn("admin", RunningAxle.ADMIN_PASSWORD);
        AxleClient queries = start(QuerySideApplication.class, shared).withToken(commands.token());
        start(SagaApplication.class, shared);

        String sku = "SPLIT-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(commands.post("/api/v1/stock/" + sku + "/receipts", Map.of("quantity", 12)).status()).isEqualTo(202);
        Answer customer = commands.post("/api/v1/customers", Map.of("name", "Split Motors", "email", "split@example.com",
                "country", "DE", "currency", "EUR", "creditLimit", 1000));
        assertThat(customer.status()).isEqualTo(201);
        String customerId = customer.body().get("id").asText();
        Answer placed = commands.post("/api/v1/orders", FulfilmentScenarios.order(customerId, Map.of(sku, 2), "3.00"));
        assertThat(placed.status()).isEqualTo(202);
        String orderId = placed.body().get("orderId").asText();

        FulfilmentScenarios.await(() -> queries.get("/api/v1/stock/" + sku).status() == 200
                && queries.get("/api/v1/stock/" + sku).body().get("onHand").asInt() == 12, "the query side's stock level");
        FulfilmentScenarios.await(() -> queries.get("/api/v1/customers/" + customerId).status() == 200,
                "the query side's customer");
        FulfilmentScenarios.await(() -> queries.get("/api/v1/orders/" + orderId).status() == 200,
                "the query side's order");
        assertThat(queries.get("/api/v1/orders/" + orderId).body().get("total").decimalValue()).isEqualByComparingTo("6.00");

        JdbcTemplate sharedDatabase = new JdbcTemplate(processes.get(2).getBean(javax.sql.DataSource.class));
        FulfilmentScenarios.await(() -> sharedDatabase.queryForObject(
                "select count(*) from association_value_entry where association_value = ?", Long.class, orderId) > 0,
                "the saga process to start a fulfilment saga for the order");
    }

    private AxleClient start(Class<?> application, Map<String, String> shared) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .run(RunningAxle.arguments(dataDir.resolve(application.getSimpleName()), shared));
        processes.add(context);
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new AxleClient("http://127.0.0.1:" + port);
    }
}
