package io.axle.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.axle.command.CommandSideApplication;
import io.axle.launcher.e2e.AxleClient.Answer;
import io.axle.query.QuerySideApplication;
import io.axle.saga.SagaApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The command side, the query side and the sagas each run as their own application against shared infrastructure:
 * one PostgreSQL event store and one MongoDB. What the command side records, the query side shows and the saga
 * process picks up. (Sending the saga's commands back to the command side needs Axon Server's routing, which cannot
 * run here; the one-process launcher covers the whole flow.)
 */
class StandaloneModulesEndToEndTest {

    private final List<ConfigurableApplicationContext> processes = new ArrayList<>();
    private SharedStores stores;

    @AfterEach
    void stopEverything() {
        processes.forEach(ConfigurableApplicationContext::close);
        if (stores != null) {
            stores.close();
        }
    }

    @Test
    void eachSideRunsAloneAgainstTheSharedEventStoreAndReadStore() throws Exception {
        stores = SharedStores.start("split");
        Map<String, String> shared = stores.properties();

        AxleClient commands = start(CommandSideApplication.class, shared).signIn("admin", RunningAxle.ADMIN_PASSWORD);
        AxleClient queries = start(QuerySideApplication.class, shared).withToken(commands.token());
        start(SagaApplication.class, shared);

        String sku = "SPLIT-" + UUID.randomUUID().toString().substring(0, 8);
        Catalogue.add(commands, sku);
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

    /**
     * Runs with a short duration end by themselves: their duration deadline, set by the saga process, fires there and
     * nowhere else, although every process polls the one deadline table. The saga's commands reach the command side
     * through its command gateway, handed to the saga process as Axon Server's routing would carry them.
     */
    @Test
    void runsEndByThemselvesWhenTheirDeadlinesFireInTheSagaProcess() throws Exception {
        startSharedInfrastructure();
        Map<String, String> shared = sharedProperties();
        AxleClient commands = start(CommandSideApplication.class, shared).signIn("admin", RunningAxle.ADMIN_PASSWORD);
        AxleClient queries = start(QuerySideApplication.class, shared).withToken(commands.token());
        CommandGateway commandSide = processes.get(0).getBean(CommandGateway.class);
        start(SagaApplication.class, shared, context -> context.getBeanFactory()
                .registerSingleton("commandGateway", commandSide));

        List<String> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Answer started = commands.post("/api/runs/start", Map.of("duration", 2, "interval", 1, "params", Map.of()));
            // 202: started, but without Axon Server the command side cannot ask the query side whether it shows yet.
            assertThat(started.status()).as(started.raw().body()).isIn(201, 202);
            runs.add(started.body().get("id").asText());
        }

        for (String run : runs) {
            FulfilmentScenarios.await(() -> {
                Answer view = queries.get("/api/runs/" + run);
                return view.status() == 200 && "COMPLETED".equals(view.body().get("status").asText());
            }, "run " + run + " to complete when its duration is over");
        }
        FulfilmentScenarios.await(() -> queries.get("/api/runs/can-start").body().get("held").asLong() == 0,
                "every slot to be released");
    }

    private void startSharedInfrastructure() {
        stores = SharedStores.start("split");
    }

    private Map<String, String> sharedProperties() {
        Map<String, String> shared = stores.properties();
        shared.put("axle.deadlines.polling-interval", "200ms");
        return shared;
    }

    @SafeVarargs
    private AxleClient start(Class<?> application, Map<String, String> shared,
                             ApplicationContextInitializer<ConfigurableApplicationContext>... initializers) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .initializers(initializers)
                .run(RunningAxle.arguments(stores.dataDir(application.getSimpleName()), shared));
        processes.add(context);
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new AxleClient("http://127.0.0.1:" + port);
    }
}
