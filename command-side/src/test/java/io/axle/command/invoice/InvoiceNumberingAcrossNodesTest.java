package io.axle.command.invoice;

import io.axle.command.SharedPostgresNodes;
import io.axle.command.SharedPostgresNodes.Node;
import org.axonframework.config.Configurer;
import io.axle.api.common.Refusal;
import io.axle.api.invoice.AllocateInvoiceNumberCommand;
import io.axle.api.invoice.InvoiceNumberSequences;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes, each with its own Axon configuration, command bus and JPA event store, sharing one PostgreSQL database
 * (the machine's, at 127.0.0.1:5432), wired by {@link io.axle.command.SharedPostgresNodes}: 200 invoices asking for a number
 * at once through {@link InvoiceNumbers#allocate}, half on each node, take the numbers 1 to 200 exactly once, and an invoice asking again on either node gets
 * its own number back.
 */
class InvoiceNumberingAcrossNodesTest {

    private static final int INVOICES = 200;
    /** Frequent snapshots, so loads from a snapshot interleave with the allocations. */
    private static final int SNAPSHOT_THRESHOLD = 25;
    private static final String COMPANY = "acme";
    private static final int YEAR = 2026;
    private static final String SEQUENCE = InvoiceNumberSequences.id(COMPANY, YEAR);

    private final SharedPostgresNodes postgres = new SharedPostgresNodes("axle_invoice_numbers");
    private final List<Node> nodes = new ArrayList<>();

    @BeforeEach
    void startTwoNodes() {
        nodes.add(postgres.start("node-a", InvoiceNumberingAcrossNodesTest::aggregates));
        nodes.add(postgres.start("node-b", InvoiceNumberingAcrossNodesTest::aggregates));
    }

    @AfterEach
    void stopNodes() {
        postgres.close();
    }

    @Test
    void twoHundredConcurrentAllocationsOnTwoNodesTakeOneToTwoHundredExactlyOnce() throws Exception {
        Map<String, String> numbers = new ConcurrentHashMap<>();
        List<Throwable> unexpected = SharedPostgresNodes.atOnce(INVOICES, i -> numbers.put("inv-" + i,
                InvoiceNumbers.allocate(nodes.get(i % 2).gateway, COMPANY, YEAR, "inv-" + i)));

        assertThat(unexpected).isEmpty();
        List<String> expected = LongStream.rangeClosed(1, INVOICES)
                .mapToObj(sequence -> InvoiceNumberSequences.format(YEAR, sequence)).toList();
        assertThat(numbers).hasSize(INVOICES);
        assertThat(numbers.values()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(storedNumbers()).containsExactlyElementsOf(expected);

        for (int i = 0; i < INVOICES; i += 7) {
            String invoiceId = "inv-" + i;
            String again = InvoiceNumbers.allocate(nodes.get((i + 1) % 2).gateway, COMPANY, YEAR, invoiceId);
            assertThat(again).as("number of %s asked again on the other node", invoiceId)
                    .isEqualTo(numbers.get(invoiceId));
        }
        assertThat(storedNumbers()).hasSize(INVOICES);
        String next = InvoiceNumbers.allocate(nodes.get(0).gateway, COMPANY, YEAR, "inv-late");
        assertThat(next).isEqualTo(InvoiceNumberSequences.format(YEAR, INVOICES + 1));
    }

    @Test
    void aRefusalOnOneNodeTakesNoNumber() {
        Node a = nodes.get(0);
        Node b = nodes.get(1);
        String first = a.gateway.sendAndWait(allocate("inv-1"));
        try {
            b.gateway.sendAndWait(new AllocateInvoiceNumberCommand(SEQUENCE, "globex", YEAR, "inv-2"));
            throw new AssertionError("expected a refusal");
        } catch (CommandExecutionException e) {
            assertThat(e.<Refusal>getDetails().orElseThrow().rule()).isEqualTo("invoice-number-sequence-id");
        }
        String second = b.gateway.sendAndWait(allocate("inv-2"));

        assertThat(first).isEqualTo("INV-2026-000001");
        assertThat(second).isEqualTo("INV-2026-000002");
    }

    private static AllocateInvoiceNumberCommand allocate(String invoiceId) {
        return new AllocateInvoiceNumberCommand(SEQUENCE, COMPANY, YEAR, invoiceId);
    }

    /** The numbers in the sequence's stream, in stream order. */
    private List<String> storedNumbers() throws SQLException {
        List<String> stored = new ArrayList<>();
        try (Connection connection = postgres.connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT convert_from(payload, 'UTF8')::json->>'number' "
                     + "FROM domain_event_entry WHERE aggregate_identifier = '" + SEQUENCE + "' "
                     + "AND payload_type = 'io.axle.api.invoice.InvoiceNumberAllocatedEvent' ORDER BY sequence_number")) {
            while (rows.next()) {
                stored.add(rows.getString(1));
            }
        }
        return stored;
    }

    /** The sequence as its annotations configure it, snapshotted every {@value #SNAPSHOT_THRESHOLD} events. */
    private static Configurer aggregates(Configurer configurer) {
        return configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(InvoiceNumbering.class)
                .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(),
                        SNAPSHOT_THRESHOLD)));
    }
}
