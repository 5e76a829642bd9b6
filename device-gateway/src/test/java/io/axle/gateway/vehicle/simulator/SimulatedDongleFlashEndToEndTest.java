package io.axle.gateway.vehicle.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.axle.api.flash.FlashOutcome;
import io.axle.api.flash.FlashStep;
import io.axle.api.flash.FlashStepRequestedEvent;
import io.axle.api.flash.RecordFlashStatusCommand;
import io.axle.gateway.GatewayTestSupport;
import io.axle.gateway.mqtt.BrokerEndpoint;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A simulated dongle flashing over the booted gateway's broker: each requested step reaches it, and its answers come
 * back as RecordFlashStatusCommands (captured by a handler on the command bus) until the reset; a dongle that
 * disconnects in the middle of the transfer comes back on its persistent session, resumes and completes, erasing once.
 */
class SimulatedDongleFlashEndToEndTest extends GatewayTestSupport {

    private static final byte[] IMAGE = SimulatedEcuFlasher.syntheticImage("engine", "2.0.0");

    @Autowired
    private CommandBus commandBus;
    @Autowired
    private BrokerEndpoint endpoint;

    private final List<RecordFlashStatusCommand> answers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private Registration handler;
    private SimulatedDongle dongle;
    private String dongleId;

    @BeforeEach
    void aSimulatedDongle() {
        handler = commandBus.subscribe(RecordFlashStatusCommand.class.getName(), message -> {
            answers.add((RecordFlashStatusCommand) message.getPayload());
            return null;
        });
        dongleId = "sim-flash-" + UUID.randomUUID();
        dongle = new SimulatedDongle("vehicle-" + dongleId, dongleId, deviceKey(dongleId), Duration.ofHours(1),
                endpoint, objectMapper, Clock.systemUTC(), scheduler, SimulatedFleet.ECUS,
                (firmwareId, imagePath) -> new SimulatedEcuFlasher.FirmwareImage(IMAGE, "2.0.0"));
        dongle.start().join();
    }

    @AfterEach
    void release() {
        dongle.stop();
        handler.cancel();
        scheduler.shutdownNow();
    }

    /** Requests every forward step in turn, each once the previous one was answered, and answers the final answers. */
    private List<RecordFlashStatusCommand> flash(String flashJobId) {
        long sequence = 0;
        for (FlashStep step : List.of(FlashStep.DIAGNOSTIC_SESSION, FlashStep.SECURITY_ACCESS, FlashStep.BACKUP,
                FlashStep.ERASE, FlashStep.TRANSFER, FlashStep.TRANSFER_EXIT, FlashStep.VERIFY, FlashStep.RESET)) {
            eventStore.publish(new GenericDomainEventMessage<>("FlashJob", flashJobId, sequence++,
                    new FlashStepRequestedEvent(flashJobId, "vehicle-" + dongleId, dongleId, "engine", step, 1,
                            "fw-2", SimulatedEcuFlasher.sha256(IMAGE), IMAGE.length, "alice", Instant.now())));
            await().atMost(Duration.ofSeconds(30)).until(() -> answers.stream().anyMatch(answer ->
                    answer.step() == step && answer.outcome() != FlashOutcome.PROGRESS));
        }
        return answers.stream().filter(answer -> answer.outcome() != FlashOutcome.PROGRESS).toList();
    }

    @Test
    void flashesStepByStepOverTheBroker() {
        String flashJobId = UUID.randomUUID().toString();
        List<RecordFlashStatusCommand> done = flash(flashJobId);
        assertThat(done).extracting(RecordFlashStatusCommand::outcome).containsOnly(FlashOutcome.OK);
        assertThat(done).extracting(RecordFlashStatusCommand::dongleId).containsOnly(dongleId);
        assertThat(done.stream().filter(answer -> answer.step() == FlashStep.VERIFY).findFirst().orElseThrow()
                .checksum()).isEqualTo(SimulatedEcuFlasher.sha256(IMAGE));
        assertThat(answers).filteredOn(answer -> answer.outcome() == FlashOutcome.PROGRESS)
                .extracting(RecordFlashStatusCommand::progressPct).contains(10, 50, 90);
        assertThat(dongle.flasher().installedVersion("engine")).isEqualTo("2.0.0");
    }

    @Test
    void aDongleThatDisconnectsDuringTheTransferComesBackAndCompletes() {
        dongle.flasher().behaviour(new SimulatedEcuFlasher.Behaviour(SimulatedEcuFlasher.FailAt.DISCONNECT, 1));
        String flashJobId = UUID.randomUUID().toString();
        List<RecordFlashStatusCommand> done = flash(flashJobId);
        assertThat(done).extracting(RecordFlashStatusCommand::outcome).containsOnly(FlashOutcome.OK);
        assertThat(dongle.flasher().erases(flashJobId)).isEqualTo(1);
        assertThat(dongle.flasher().installedChecksum("engine")).isEqualTo(SimulatedEcuFlasher.sha256(IMAGE));
    }
}
