package io.axle.command.firmware;

import io.axle.api.common.Refusal;
import io.axle.api.firmware.ReleaseFirmwareCommand;
import io.axle.command.HotAggregateCommands;
import io.axle.command.SharedPostgresNodes;
import io.axle.command.SharedPostgresNodes.Node;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.config.Configurer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two command-side nodes sharing one PostgreSQL event store ({@link SharedPostgresNodes}): many releases of one
 * version of an ECU at once, half on each node, sent as the REST edge sends them; exactly one is released and every
 * other is refused naming {@code version}.
 */
class FirmwareVersionClaimsAcrossNodesTest {

    private static final int CONTENDERS = 20;
    private static final String SHA = "5e".repeat(32);

    private final SharedPostgresNodes postgres = new SharedPostgresNodes("axle_firmware_claims");
    private List<Node> nodes;

    @BeforeEach
    void startTwoNodes() {
        nodes = List.of(postgres.start("node-a", FirmwareVersionClaimsAcrossNodesTest::aggregates),
                postgres.start("node-b", FirmwareVersionClaimsAcrossNodesTest::aggregates));
    }

    @AfterEach
    void stopNodes() {
        postgres.close();
    }

    private void release(int contender, String ecu, String version) {
        HotAggregateCommands.send(nodes.get(contender % 2).gateway, new ReleaseFirmwareCommand("fw-" + ecu + "-"
                + contender, ecu, version, SHA, 4096, null, List.of(), null, null, "alice"), 5);
    }

    @Test
    void oneVersionReleasedAtOnceOnTwoNodesIsReleasedOnce() throws Exception {
        Queue<String> refusals = new ConcurrentLinkedQueue<>();
        List<Throwable> unexpected = SharedPostgresNodes.atOnce(CONTENDERS, i -> {
            try {
                release(i, "ecm", i % 2 == 0 ? "1.4.2" : "1.4.2".toUpperCase());
            } catch (CommandExecutionException e) {
                Refusal refusal = e.<Refusal>getDetails().orElseThrow();
                refusals.add(refusal.field() + " " + refusal.rule());
            }
        });

        assertThat(unexpected).isEmpty();
        assertThat(refusals).hasSize(CONTENDERS - 1).containsOnly("version must-be-unique");
        assertThat(postgres.countEvents("io.axle.api.firmware.FirmwareReleasedEvent")).isEqualTo(1);
        assertThat(postgres.countEvents("io.axle.api.firmware.FirmwareVersionClaimedEvent")).isEqualTo(1);

        release(0, "tcu", "1.4.2");
        assertThat(postgres.countEvents("io.axle.api.firmware.FirmwareReleasedEvent")).isEqualTo(2);
    }

    /** The firmware and its version claims, uncached as the application configures them. */
    private static Configurer aggregates(Configurer configurer) {
        return configurer
                .configureAggregate(Firmware.class)
                .configureAggregate(FirmwareVersionClaim.class)
                .registerComponent(FirmwareVersionClaims.class, c -> new EventStoreFirmwareVersionClaims(
                        c.repository(FirmwareVersionClaim.class)));
    }
}
