package io.axle.command.order;

import io.axle.api.common.Refusal;
import io.axle.api.order.OrderLine;
import io.axle.api.order.OrderNumberSequence;
import io.axle.api.order.PlaceOrderCommand;
import io.axle.api.order.ShippingAddress;
import io.axle.command.HotAggregateCommands;
import io.axle.command.SharedPostgresNodes;
import io.axle.command.SharedPostgresNodes.Node;
import io.axle.command.product.ProductCatalogue;
import io.axle.command.InMemoryPersonalDataKeys;
import io.axle.platform.privacy.PersonalDataKeys;
import io.axle.command.product.ProductCatalogueStub;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configurer;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Two command-side nodes, each with its own Axon configuration, aggregate cache and JPA event store, sharing one
 * PostgreSQL database (the machine's, at 127.0.0.1:5432; {@link SharedPostgresNodes}): 200 orders placed at once, half
 * on each node, the way the placing endpoint sends them, take the numbers 1 to 200 of the year exactly once, in the
 * order the sequence stored them, and each order's placing event carries the number its sender was answered.
 */
class OrderNumberingAcrossNodesTest {

    private static final int ORDERS = 200;
    /** Frequent snapshots, so loads from a snapshot interleave with the placements. */
    private static final int SNAPSHOT_THRESHOLD = 25;
    private static final OrderNumberSequence SEQUENCE = new OrderNumberSequence(2026);
    private static final ShippingAddress ADDRESS = new ShippingAddress("Garage Dupont", "12 rue de la Gare", "Lyon",
            "69001", "FR");

    private final SharedPostgresNodes postgres = new SharedPostgresNodes("axle_order_numbers");
    private final List<Node> nodes = new ArrayList<>();

    @BeforeEach
    void startTwoNodes() {
        nodes.add(postgres.start("node-a", OrderNumberingAcrossNodesTest::aggregates));
        nodes.add(postgres.start("node-b", OrderNumberingAcrossNodesTest::aggregates));
    }

    @AfterEach
    void stopNodes() {
        postgres.close();
    }

    @Test
    void twoHundredConcurrentPlacementsOnTwoNodesTakeOneToTwoHundredInOrderExactlyOnce() throws Exception {
        Map<String, String> answered = new ConcurrentHashMap<>();
        List<Throwable> unexpected = SharedPostgresNodes.atOnce(ORDERS, i -> answered.put("o-" + i,
                place(nodes.get(i % 2), "o-" + i, new BigDecimal("10.00"))));

        assertThat(unexpected).isEmpty();
        List<String> expected = LongStream.rangeClosed(1, ORDERS).mapToObj(SEQUENCE::format).toList();
        assertThat(answered.values()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(takenNumbers()).containsExactlyElementsOf(expected);
        assertThat(placedNumbers()).isEqualTo(answered);

        String late = place(nodes.get(1), "o-late", BigDecimal.ONE);
        assertThat(late).isEqualTo(SEQUENCE.format(ORDERS + 1));
    }

    @Test
    void aRefusedPlacementOnOneNodeTakesNoNumber() {
        Node a = nodes.get(0);
        Node b = nodes.get(1);
        String first = place(a, "o-1", BigDecimal.ONE);
        CommandExecutionException refused = catchThrowableOfType(CommandExecutionException.class,
                () -> place(b, "o-2", new BigDecimal("-1")));
        String second = place(b, "o-3", BigDecimal.ONE);

        assertThat(refused.<Refusal>getDetails().orElseThrow().rule()).isEqualTo("non-negative");
        assertThat(first).isEqualTo("SO-2026-000001");
        assertThat(second).isEqualTo("SO-2026-000002");
        assertThat(placedNumbers()).containsOnlyKeys("o-1", "o-3");
    }

    private static String place(Node node, String orderId, BigDecimal unitPrice) {
        // placed as an operator would, who may sell at another price than the catalogue's
        PlaceOrderCommand command = new PlaceOrderCommand(SEQUENCE.year(), orderId, "c-1", "EUR",
                List.of(new OrderLine("BRK-PAD-01", 1, unitPrice)), ADDRESS, true);
        return HotAggregateCommands.send(node.gateway, command, OrderCommandController.PLACEMENT_ATTEMPTS);
    }

    /** The numbers in the sequence's stream, in stream order. */
    private List<String> takenNumbers() {
        List<String> taken = new ArrayList<>();
        for (String[] row : rows("SELECT aggregate_identifier, convert_from(payload, 'UTF8')::json->>'number' "
                + "FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type = 'io.axle.api.order.OrderNumberTakenEvent' ORDER BY sequence_number",
                SEQUENCE.id())) {
            taken.add(row[1]);
        }
        return taken;
    }

    /** The number in each stored order's placing event, by order id. */
    private Map<String, String> placedNumbers() {
        Map<String, String> placed = new LinkedHashMap<>();
        for (String[] row : rows("SELECT aggregate_identifier, convert_from(payload, 'UTF8')::json->>'number' "
                + "FROM domain_event_entry WHERE payload_type = ?", "io.axle.api.order.OrderPlacedEvent")) {
            placed.put(row[0], row[1]);
        }
        return placed;
    }

    private List<String[]> rows(String sql, String parameter) {
        List<String[]> rows = new ArrayList<>();
        try (Connection connection = postgres.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(new String[] {result.getString(1), result.getString(2)});
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    /**
     * Both aggregates cached on each node, as the application configures them, the sequence snapshotted every
     * {@value #SNAPSHOT_THRESHOLD} events: a node's cached sequence is often behind the other node's numbers.
     */
    private static Configurer aggregates(Configurer configurer) {
        return configurer
                .configureAggregate(AggregateConfigurer.defaultConfiguration(OrderNumbering.class)
                        .configureCache(c -> new WeakReferenceCache())
                        .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(),
                                SNAPSHOT_THRESHOLD)))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Order.class)
                        .configureCache(c -> new WeakReferenceCache()))
                .registerComponent(ProductCatalogue.class,
                        c -> new ProductCatalogueStub().with("BRK-PAD-01", "1", "EUR"))
                .registerComponent(PersonalDataKeys.class, c -> new InMemoryPersonalDataKeys());
    }
}
