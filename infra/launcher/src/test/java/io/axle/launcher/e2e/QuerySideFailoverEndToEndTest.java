package io.axle.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.axle.command.CommandSideApplication;
import io.axle.launcher.e2e.AxleClient.Answer;
import io.axle.query.QuerySideApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two query-side processes share the projections' segments on one PostgreSQL database; one is killed with SIGKILL and
 * the other claims every segment, so every order placed, before and after the kill, shows up.
 */
class QuerySideFailoverEndToEndTest {

    private static final int SEGMENTS = 4;

    private final List<AxleProcess> queryNodes = new ArrayList<>();
    private ConfigurableApplicationContext commandSide;
    private SharedStores stores;

    @AfterEach
    void stopEverything() {
        queryNodes.forEach(AxleProcess::close);
        if (commandSide != null) {
            commandSide.close();
        }
        if (stores != null) {
            stores.close();
        }
    }

    @Test
    void theSurvivingQueryNodeClaimsEverySegmentAndNoOrderIsMissing() throws Exception {
        stores = SharedStores.start("failover");
        Map<String, String> shared = stores.properties();
        shared.put("axon.eventhandling.tokenstore.claim-timeout", "5s");
        shared.put("axle.processors.segments", Integer.toString(SEGMENTS));
        shared.put("axle.processors.threads", Integer.toString(SEGMENTS));
        shared.put("management.health.mongo.enabled", "false");

        commandSide = new SpringApplicationBuilder(CommandSideApplication.class)
                .run(RunningAxle.arguments(stores.dataDir("command-side"), shared));
        AxleClient commands = new AxleClient("http://127.0.0.1:"
                + ((WebServerApplicationContext) commandSide).getWebServer().getPort())
                .signIn("admin", RunningAxle.ADMIN_PASSWORD);
        AxleProcess first = startQueryNode("query-1", shared);
        AxleProcess second = startQueryNode("query-2", shared);
        JdbcTemplate tokens = new JdbcTemplate(commandSide.getBean(DataSource.class));

        FulfilmentScenarios.await(() -> segmentsOf(tokens) == SEGMENTS, "the orders processor to have "
                + SEGMENTS + " segments");
        Answer customer = commands.post("/api/v1/customers", Map.of("name", "Failover Motors",
                "email", "failover@example.com", "country", "DE", "currency", "EUR", "creditLimit", 100000));
        assertThat(customer.status()).isEqualTo(201);
        String customerId = customer.body().get("id").asText();
        List<String> orders = new ArrayList<>();
        placeOrders(commands, customerId, 12, orders);

        first.kill();
        placeOrders(commands, customerId, 12, orders);

        AxleClient survivor = second.admin();
        for (String order : orders) {
            FulfilmentScenarios.await(() -> survivor.get("/api/v1/orders/" + order).status() == 200,
                    "order " + order + " on the surviving query node");
        }
        assertThat(tokens.queryForObject("select count(distinct owner) from token_entry where processor_name = 'orders'"
                + " and owner is not null", Integer.class)).isEqualTo(1);
        assertThat(segmentsOf(tokens)).isEqualTo(SEGMENTS);
    }

    private AxleProcess startQueryNode(String name, Map<String, String> shared) throws Exception {
        Path dir = Files.createDirectories(stores.dataDir(name));
        AxleProcess node = AxleProcess.start(QuerySideApplication.class, dir, AxleProcess.freePort(), shared);
        queryNodes.add(node);
        return node;
    }

    private static int segmentsOf(JdbcTemplate tokens) {
        return tokens.queryForObject("select count(*) from token_entry where processor_name = 'orders'", Integer.class);
    }

    private static void placeOrders(AxleClient commands, String customerId, int count, List<String> orders) {
        for (int i = 0; i < count; i++) {
            String sku = "FAIL-" + UUID.randomUUID().toString().substring(0, 8);
            Catalogue.add(commands, sku);
            Answer placed = commands.post("/api/v1/orders", FulfilmentScenarios.order(customerId, Map.of(sku, 1), "2.00"));
            assertThat(placed.status()).as(placed.raw().body()).isEqualTo(202);
            orders.add(placed.body().get("orderId").asText());
        }
    }
}
