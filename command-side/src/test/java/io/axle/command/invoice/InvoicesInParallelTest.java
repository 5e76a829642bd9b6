package io.axle.command.invoice;

import io.axle.api.invoice.InvoiceNumberSequences;
import io.axle.api.invoice.Invoices;
import io.axle.api.invoice.RequestInvoiceCommand;
import io.axle.api.order.OrderLine;
import io.axle.billing.DocumentRenderer;
import io.axle.command.SharedPostgresNodes;
import io.axle.command.SharedPostgresNodes.Node;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.PostgresTokenTableFactory;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 200 orders invoiced at once on two nodes sharing PostgreSQL ({@link SharedPostgresNodes}), each node running the
 * issuing processor with two threads over four segments claimed through a shared token store, so that invoices are
 * issued on both nodes at the same time: every invoice is issued, with the numbers 1 to 200 of the year, each once,
 * the sequence holding exactly those 200 numbers in order, and each invoice issued with the number it took.
 */
class InvoicesInParallelTest {

    private static final int INVOICES = 200;
    private static final int THREADS_PER_NODE = 2;
    private static final int SEGMENTS = 4;
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final List<OrderLine> LINES = List.of(new OrderLine("BRK-PAD-01", 2, new BigDecimal("41.50")));

    private final SharedPostgresNodes postgres = new SharedPostgresNodes("axle_invoices_parallel");
    private final InvoiceIssuerFakes.Store store = new InvoiceIssuerFakes.Store();
    private final List<Node> nodes = new ArrayList<>();
    private final List<AtomicInteger> rendersPerNode = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        postgres.close();
    }

    @Test
    void twoHundredInvoicesRequestedAtOnceOnTwoNodesAreNumberedOneToTwoHundredOnce() throws Exception {
        tokenStore("setup").createSchema(PostgresTokenTableFactory.INSTANCE);
        startNode("node-a");
        startNode("node-b");
        InvoiceIssuerFixture.registerCustomer(nodes.get(0).gateway, "c-1", "FR", null);
        inParallel(i -> {
            Node node = nodes.get(i % 2);
            InvoiceIssuerFixture.placeOrder(node.gateway, orderId(i), "c-1", LINES);
            InvoiceIssuerFixture.confirmOrder(node.gateway, orderId(i));
        });
        InvoiceIssuerFixture.await(() -> claimOwners() == 2, WAIT, "both nodes claiming issuing segments");

        inParallel(i -> nodes.get(i % 2).gateway.sendAndWait(new RequestInvoiceCommand(
                Invoices.idForOrder(orderId(i)), orderId(i), "c-1", null, Map.of(), null, "load-test")));
        InvoiceIssuerFixture.await(() -> issuedNumbers().size() == INVOICES, WAIT, INVOICES + " invoices issued");

        Map<String, String> issued = issuedNumbers();
        int year = yearOf(issued);
        List<String> expected = IntStream.rangeClosed(1, INVOICES)
                .mapToObj(sequence -> InvoiceNumberSequences.format(year, sequence)).toList();
        assertThat(issued.values()).containsExactlyInAnyOrderElementsOf(expected);
        Map<String, String> allocated = allocatedNumbers(year);
        assertThat(allocated.values()).containsExactlyElementsOf(expected);
        assertThat(allocated).isEqualTo(issued);
        assertThat(issuedEvents()).isEqualTo(INVOICES);
        assertThat(store.documents).hasSize(INVOICES);
        assertThat(rendersPerNode).allSatisfy(renders -> assertThat(renders.get()).isPositive());
    }

    private void startNode(String name) {
        AtomicInteger renders = new AtomicInteger();
        InvoiceIssuerFakes.Renderer fake = new InvoiceIssuerFakes.Renderer();
        DocumentRenderer counting = document -> {
            renders.incrementAndGet();
            return fake.render(document);
        };
        InvoiceIssuerFixture fixture = new InvoiceIssuerFixture(new InvoiceIssuerFakes.Templates(),
                new InvoiceIssuerFakes.Rates(), counting, store);
        AtomicReference<Configuration> axon = new AtomicReference<>();
        nodes.add(postgres.start(name, configurer -> fixture.configure(configurer, THREADS_PER_NODE, SEGMENTS,
                c -> tokenStore(name), axon)));
        rendersPerNode.add(renders);
    }

    /** Tokens in the shared database, claimed under the node's own name. */
    private JdbcTokenStore tokenStore(String nodeName) {
        ConnectionProvider connections = new UnitOfWorkAwareConnectionProviderWrapper(postgres::connect);
        return JdbcTokenStore.builder()
                .connectionProvider(connections)
                .serializer(JacksonSerializer.defaultSerializer())
                .nodeId(nodeName)
                .claimTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** How many nodes hold a claim on an issuing segment. */
    private int claimOwners() {
        return query("SELECT count(DISTINCT owner) FROM tokenentry WHERE processorname = '"
                + InvoiceIssuer.PROCESSING_GROUP + "' AND owner IS NOT NULL", rows -> rows.next() ? rows.getInt(1)
                : 0);
    }

    /** How many InvoiceIssuedEvents were stored: one per invoice, whatever the retries. */
    private int issuedEvents() {
        return query("SELECT count(*) FROM domain_event_entry WHERE payload_type = "
                + "'io.axle.api.invoice.InvoiceIssuedEvent'", rows -> rows.next() ? rows.getInt(1) : 0);
    }

    /** The number each issued invoice carries, by invoice id. */
    private Map<String, String> issuedNumbers() {
        return query("SELECT aggregate_identifier, convert_from(payload, 'UTF8')::json->'document'->>'number' "
                + "FROM domain_event_entry WHERE payload_type = 'io.axle.api.invoice.InvoiceIssuedEvent'", rows -> {
            Map<String, String> numbers = new LinkedHashMap<>();
            while (rows.next()) {
                numbers.put(rows.getString(1), rows.getString(2));
            }
            return numbers;
        });
    }

    /** The numbers of the year's invoice sequence in stream order, by the invoice that took each. */
    private Map<String, String> allocatedNumbers(int year) {
        return query("SELECT convert_from(payload, 'UTF8')::json->>'invoiceId', "
                + "convert_from(payload, 'UTF8')::json->>'number' FROM domain_event_entry "
                + "WHERE aggregate_identifier = '" + InvoiceNumberSequences.id("axle", year)
                + "' ORDER BY sequence_number", rows -> {
            Map<String, String> numbers = new LinkedHashMap<>();
            while (rows.next()) {
                numbers.put(rows.getString(1), rows.getString(2));
            }
            return numbers;
        });
    }

    /** The year spelt in the numbers, e.g. 2026 in INV-2026-000001. */
    private static int yearOf(Map<String, String> issued) {
        return Integer.parseInt(issued.values().iterator().next().substring(4, 8));
    }

    private <T> T query(String sql, ResultReader<T> reader) {
        try (Connection connection = postgres.connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            return reader.read(rows);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Runs {@code step} for 0 to {@value #INVOICES} − 1 on 16 threads, all starting together; fails on any failure. */
    private static void inParallel(IndexedStep step) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < INVOICES; i++) {
            int index = i;
            calls.add(clients.submit((Callable<Void>) () -> {
                go.await();
                step.run(index);
                return null;
            }));
        }
        go.countDown();
        try {
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private static String orderId(int i) {
        return "o-" + i;
    }

    @FunctionalInterface
    private interface IndexedStep {
        void run(int index) throws Exception;
    }

    @FunctionalInterface
    private interface ResultReader<T> {
        T read(ResultSet rows) throws SQLException;
    }
}
