package io.axle.command.vehicle;

import io.axle.api.common.Refusal;
import io.axle.api.vehicle.PairDongleCommand;
import io.axle.api.vehicle.RecordEcuCommand;
import io.axle.api.vehicle.RegisterVehicleCommand;
import io.axle.api.vehicle.ReleaseFlashCommand;
import io.axle.api.vehicle.ReserveFlashCommand;
import io.axle.api.vehicle.UnpairDongleCommand;
import io.axle.command.HotAggregateCommands;
import io.axle.command.SharedPostgresNodes;
import io.axle.command.SharedPostgresNodes.Node;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.config.Configurer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two command-side nodes sharing one PostgreSQL event store ({@link SharedPostgresNodes}): many registrations of one
 * VIN at once, many pairings of one dongle with different vehicles at once, and many flashes of one vehicle at once,
 * half on each node, sent as the REST edge sends them; exactly one of each wins and every other is refused with the
 * rule named.
 */
class VehicleClaimsAcrossNodesTest {

    private static final int CONTENDERS = 20;

    private final SharedPostgresNodes postgres = new SharedPostgresNodes("axle_vehicle_claims");
    private final List<Node> nodes = new ArrayList<>();

    @BeforeEach
    void startTwoNodes() {
        nodes.add(postgres.start("node-a", VehicleClaimsAcrossNodesTest::aggregates));
        nodes.add(postgres.start("node-b", VehicleClaimsAcrossNodesTest::aggregates));
    }

    @AfterEach
    void stopNodes() {
        postgres.close();
    }

    /** A European VIN (its check digit is not enforced) with serial {@code serial}. */
    private static String vin(int serial) {
        return String.format("WVWZZZ1JZXW%06d", serial);
    }

    private static void register(Node node, String vehicleId, String vin) {
        HotAggregateCommands.send(node.gateway, new RegisterVehicleCommand(vehicleId, vin, "AB-123-CD", null, null,
                null, null, null, "alice"), VehicleCommandController.ATTEMPTS);
    }

    private static void pair(Node node, String vehicleId, String dongleId) {
        HotAggregateCommands.send(node.gateway, new PairDongleCommand(vehicleId, dongleId, "key-" + vehicleId,
                "alice"), VehicleCommandController.ATTEMPTS);
    }

    @Test
    void oneVinRegisteredAtOnceOnTwoNodesIsRegisteredOnce() throws Exception {
        Contest contest = contest((node, vehicleId) -> register(node, vehicleId, vin(1)));

        assertThat(contest.unexpected()).isEmpty();
        assertThat(contest.won()).hasSize(1);
        assertThat(contest.refusals()).hasSize(CONTENDERS - 1).containsOnly("vin must-be-unique");
        assertThat(postgres.countEvents("io.axle.api.vehicle.VehicleRegisteredEvent")).isEqualTo(1);
        assertThat(postgres.countEvents("io.axle.api.vehicle.VinClaimedEvent")).isEqualTo(1);
    }

    @Test
    void oneDonglePairedAtOnceWithManyVehiclesServesOneAndIsFreeAgainOnceUnpaired() throws Exception {
        for (int i = 0; i < CONTENDERS; i++) {
            register(nodes.get(i % 2), "v-" + i, vin(100 + i));
        }
        Contest contest = contest((node, vehicleId) -> pair(node, vehicleId, "dongle-1"));

        assertThat(contest.unexpected()).isEmpty();
        assertThat(contest.won()).hasSize(1);
        assertThat(contest.refusals()).hasSize(CONTENDERS - 1).containsOnly("dongleId already-paired");
        assertThat(postgres.countEvents("io.axle.api.vehicle.DonglePairedEvent")).isEqualTo(1);

        String winner = contest.won().peek();
        String other = winner.equals("v-0") ? "v-1" : "v-0";
        nodes.get(1).gateway.sendAndWait(new UnpairDongleCommand(winner, "bob"));
        pair(nodes.get(0), other, "dongle-1");
        assertThat(postgres.countEvents("io.axle.api.vehicle.DonglePairedEvent")).isEqualTo(2);
    }

    @Test
    void oneVehicleFlashedAtOnceOnTwoNodesIsHeldByOneJobUntilItIsReleased() throws Exception {
        register(nodes.get(0), "car", vin(200));
        nodes.get(1).gateway.sendAndWait(new RecordEcuCommand("car", "engine", "ECM-2041", "1.4.0", "alice"));
        Contest contest = contest((node, job) -> reserveFlash(node, "car", job));

        assertThat(contest.unexpected()).isEmpty();
        assertThat(contest.won()).hasSize(1);
        assertThat(contest.refusals()).hasSize(CONTENDERS - 1).containsOnly("vehicleId flash-running");
        assertThat(postgres.countEvents("io.axle.api.vehicle.FlashReservedEvent")).isEqualTo(1);

        String winner = contest.won().peek();
        String other = winner.equals("v-0") ? "v-1" : "v-0";
        nodes.get(1).gateway.sendAndWait(new ReleaseFlashCommand("car", winner, null, "ROLLED_BACK", "verify"));
        reserveFlash(nodes.get(0), "car", other);
        assertThat(postgres.countEvents("io.axle.api.vehicle.FlashReservedEvent")).isEqualTo(2);
    }

    private static void reserveFlash(Node node, String vehicleId, String flashJobId) {
        HotAggregateCommands.send(node.gateway, new ReserveFlashCommand(vehicleId, flashJobId, "engine", "fw-15",
                "1.5.0", List.of("ECM-20*"), "[1.0,2.0)", false, "alice"), VehicleCommandController.ATTEMPTS);
    }

    /** Who won and how the others were refused ("field rule") when {@value #CONTENDERS} vehicles do the same. */
    private record Contest(Queue<String> won, Queue<String> refusals, List<Throwable> unexpected) {
    }

    /** Vehicles {@code v-0} to {@code v-19} each make {@code attempt} at once, alternating between the two nodes. */
    private Contest contest(BiConsumer<Node, String> attempt) throws Exception {
        Queue<String> won = new ConcurrentLinkedQueue<>();
        Queue<String> refusals = new ConcurrentLinkedQueue<>();
        List<Throwable> unexpected = SharedPostgresNodes.atOnce(CONTENDERS, i -> {
            try {
                attempt.accept(nodes.get(i % 2), "v-" + i);
                won.add("v-" + i);
            } catch (CommandExecutionException e) {
                Refusal refusal = e.<Refusal>getDetails().orElseThrow();
                refusals.add(refusal.field() + " " + refusal.rule());
            }
        });
        return new Contest(won, refusals, unexpected);
    }

    /** The vehicle and its claims, uncached as the application configures them; every owner is a customer. */
    private static Configurer aggregates(Configurer configurer) {
        return configurer
                .configureAggregate(Vehicle.class)
                .configureAggregate(VinClaim.class)
                .configureAggregate(DongleClaim.class)
                .registerComponent(VehicleOwners.class, c -> id -> VehicleOwners.OwnerStatus.KNOWN)
                .registerComponent(VehicleAlarmRules.class, c -> new VehicleAlarmRules(Map.of()))
                .registerComponent(VehicleClaims.class, c -> new EventStoreVehicleClaims(
                        c.repository(VinClaim.class), c.repository(DongleClaim.class)));
    }
}
