package io.axle.gateway.vehicle.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axle.api.flash.FlashStep;
import io.axle.gateway.vehicle.simulator.SimulatedEcuFlasher.Behaviour;
import io.axle.gateway.vehicle.simulator.SimulatedEcuFlasher.FailAt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The simulated dongle's side of a flash against a fake connection: the answers of every step, repeated commands
 * answered again without redoing the step (one erase per job), and each way a flash can be made to fail.
 */
class SimulatedEcuFlasherTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] IMAGE = SimulatedEcuFlasher.syntheticImage("engine", "2.0.0");
    private static final String IMAGE_SHA = SimulatedEcuFlasher.sha256(IMAGE);
    private static final String INSTALLED_SHA =
            SimulatedEcuFlasher.sha256(SimulatedEcuFlasher.syntheticImage("engine", "1.0.0"));

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<JsonNode> answers = new CopyOnWriteArrayList<>();
    private final AtomicInteger drops = new AtomicInteger();
    private final AtomicInteger downloads = new AtomicInteger();
    private final SimulatedEcuFlasher flasher = new SimulatedEcuFlasher(
            List.of(new SimulatedEcuFlasher.Ecu("engine", "SIM-ECM-1", "1.0.0")),
            new SimulatedEcuFlasher.DongleLink() {
                @Override
                public void publishStatus(byte[] payload) {
                    try {
                        answers.add(JSON.readTree(payload));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }

                @Override
                public void dropConnection(Duration away, Runnable back) {
                    drops.incrementAndGet();
                    scheduler.schedule(back, away.toMillis(), TimeUnit.MILLISECONDS);
                }
            },
            (firmwareId, imagePath) -> {
                downloads.incrementAndGet();
                if (!"/api/v1/firmware/fw-2/image".equals(imagePath)) {
                    throw new IOException("404");
                }
                return new SimulatedEcuFlasher.FirmwareImage(IMAGE, "2.0.0");
            },
            scheduler, Clock.systemUTC(), new Random(7),
            new SimulatedEcuFlasher.Timing(Duration.ofMillis(1), Duration.ofMillis(200)));

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private void send(FlashStep step, int attempt) {
        String imagePath = step == FlashStep.RESTORE ? null : "/api/v1/firmware/fw-2/image";
        String command = """
                {"flashJobId":"job-1","vehicleId":"v-1","ecu":"engine","step":"%s","attempt":%d,"firmwareId":"fw-2",
                 "sha256":"%s","size":%d,"imagePath":%s,"at":"2026-12-07T10:00:00Z"}"""
                .formatted(step, attempt, IMAGE_SHA, IMAGE.length, imagePath == null ? "null" : '"' + imagePath + '"');
        flasher.onCommand(command.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends the step and answers its final answer (ok or failed), waiting for it. */
    private JsonNode step(FlashStep step) {
        int attempt = 1 + (int) answers.stream().filter(answer -> answer.get("step").asText().equals(step.name()))
                .count();
        send(step, attempt);
        await().atMost(Duration.ofSeconds(10)).until(() -> finalAnswer(step, attempt) != null);
        return finalAnswer(step, attempt);
    }

    private JsonNode finalAnswer(FlashStep step, int attempt) {
        return answers.stream().filter(answer -> answer.get("step").asText().equals(step.name())
                        && answer.get("attempt").asInt() == attempt
                        && !answer.get("outcome").asText().equals("progress"))
                .reduce((first, second) -> second).orElse(null);
    }

    private List<Integer> progress() {
        return answers.stream().filter(answer -> answer.get("outcome").asText().equals("progress"))
                .map(answer -> answer.get("progressPct").asInt()).toList();
    }

    private void upTo(FlashStep last) {
        for (FlashStep step : FlashStep.values()) {
            assertThat(step(step).get("outcome").asText()).as(step.name()).isEqualTo("ok");
            if (step == last) {
                return;
            }
        }
    }

    @Nested
    class AReliableDongle {

        @Test
        void flashesEveryStepAndInstallsTheNewImage() {
            JsonNode backup = null;
            for (FlashStep step : List.of(FlashStep.DIAGNOSTIC_SESSION, FlashStep.SECURITY_ACCESS, FlashStep.BACKUP,
                    FlashStep.ERASE, FlashStep.TRANSFER, FlashStep.TRANSFER_EXIT)) {
                JsonNode answer = step(step);
                assertThat(answer.get("outcome").asText()).as(step.name()).isEqualTo("ok");
                assertThat(answer.get("flashJobId").asText()).isEqualTo("job-1");
                backup = step == FlashStep.BACKUP ? answer : backup;
            }
            assertThat(backup.get("checksum").asText()).isEqualTo(INSTALLED_SHA);
            assertThat(backup.get("version").asText()).isEqualTo("1.0.0");
            assertThat(progress()).containsExactly(10, 20, 30, 40, 50, 60, 70, 80, 90);
            assertThat(finalAnswer(FlashStep.TRANSFER, 1).get("progressPct").asInt()).isEqualTo(100);
            assertThat(step(FlashStep.VERIFY).get("checksum").asText()).isEqualTo(IMAGE_SHA);
            assertThat(step(FlashStep.RESET).get("outcome").asText()).isEqualTo("ok");
            assertThat(flasher.installedVersion("engine")).isEqualTo("2.0.0");
            assertThat(flasher.installedChecksum("engine")).isEqualTo(IMAGE_SHA);
            assertThat(flasher.erases("job-1")).isEqualTo(1);
        }

        @Test
        void answersARepeatedStepAgainWithoutRedoingIt() {
            upTo(FlashStep.ERASE);
            send(FlashStep.ERASE, 2);
            send(FlashStep.BACKUP, 2);
            assertThat(finalAnswer(FlashStep.ERASE, 2).get("outcome").asText()).isEqualTo("ok");
            // the backup answered again is the image read before the erase, not the erased memory
            assertThat(finalAnswer(FlashStep.BACKUP, 2).get("checksum").asText()).isEqualTo(INSTALLED_SHA);
            assertThat(flasher.erases("job-1")).isEqualTo(1);
        }

        @Test
        void aTransferAskedAgainDownloadsOnceAndAnswersTheLatestAttempt() {
            upTo(FlashStep.ERASE);
            send(FlashStep.TRANSFER, 1);
            send(FlashStep.TRANSFER, 2);
            await().atMost(Duration.ofSeconds(10)).until(() -> finalAnswer(FlashStep.TRANSFER, 2) != null);
            assertThat(downloads).hasValue(1);
            assertThat(flasher.installedChecksum("engine")).isEqualTo(SimulatedEcuFlasher.sha256(new byte[0]));
        }

        @Test
        void refusesToTransferBeforeTheErase() {
            upTo(FlashStep.BACKUP);
            assertThat(step(FlashStep.TRANSFER).get("outcome").asText()).isEqualTo("failed");
            assertThat(flasher.installedChecksum("engine")).isEqualTo(INSTALLED_SHA);
        }

        @Test
        void failsAStepForAnEcuItDoesNotHave() {
            flasher.onCommand("""
                    {"flashJobId":"job-2","ecu":"airbag","step":"DIAGNOSTIC_SESSION","attempt":1}"""
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(answers).singleElement().satisfies(answer -> {
                assertThat(answer.get("outcome").asText()).isEqualTo("failed");
                assertThat(answer.get("reason").asText()).contains("airbag");
            });
        }
    }

    @Nested
    class FailingAt {

        private void failAt(FailAt failAt) {
            flasher.behaviour(new Behaviour(failAt, 1));
        }

        @Test
        void backupLeavesTheEcuUntouched() {
            failAt(FailAt.BACKUP);
            upTo(FlashStep.SECURITY_ACCESS);
            assertThat(step(FlashStep.BACKUP).get("outcome").asText()).isEqualTo("failed");
            assertThat(flasher.installedChecksum("engine")).isEqualTo(INSTALLED_SHA);
        }

        @Test
        void eraseIsRolledBackByTheRestore() {
            failAt(FailAt.ERASE);
            upTo(FlashStep.BACKUP);
            assertThat(step(FlashStep.ERASE).get("outcome").asText()).isEqualTo("failed");
            JsonNode restore = step(FlashStep.RESTORE);
            assertThat(restore.get("outcome").asText()).isEqualTo("ok");
            assertThat(restore.get("checksum").asText()).isEqualTo(INSTALLED_SHA);
            assertThat(flasher.installedVersion("engine")).isEqualTo("1.0.0");
            assertThat(flasher.erases("job-1")).isEqualTo(1);
        }

        @Test
        void transferFailsHalfWayAndTheRestoreBringsTheBackupBack() {
            failAt(FailAt.TRANSFER);
            upTo(FlashStep.ERASE);
            assertThat(step(FlashStep.TRANSFER).get("outcome").asText()).isEqualTo("failed");
            assertThat(progress()).containsExactly(10, 20, 30, 40);
            assertThat(step(FlashStep.RESTORE).get("checksum").asText()).isEqualTo(INSTALLED_SHA);
            assertThat(flasher.installedChecksum("engine")).isEqualTo(INSTALLED_SHA);
        }

        @Test
        void verifyAnswersAChecksumThatIsNotTheFirmwares() {
            failAt(FailAt.VERIFY);
            upTo(FlashStep.TRANSFER_EXIT);
            JsonNode verify = step(FlashStep.VERIFY);
            assertThat(verify.get("outcome").asText()).isEqualTo("ok");
            assertThat(verify.get("checksum").asText()).hasSize(64).isNotEqualTo(IMAGE_SHA);
        }

        @Test
        void restoreFailsAfterTheTransferFailed() {
            failAt(FailAt.RESTORE);
            upTo(FlashStep.ERASE);
            assertThat(step(FlashStep.TRANSFER).get("outcome").asText()).isEqualTo("failed");
            assertThat(step(FlashStep.RESTORE).get("outcome").asText()).isEqualTo("failed");
            assertThat(flasher.installedVersion("engine")).isNull();
            assertThat(flasher.installedChecksum("engine")).isNotEqualTo(INSTALLED_SHA);
        }

        @Test
        void timeoutNeverAnswersTheTransferButAnswersTheRestore() {
            failAt(FailAt.TIMEOUT);
            upTo(FlashStep.ERASE);
            send(FlashStep.TRANSFER, 1);
            send(FlashStep.TRANSFER, 2);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> answers.stream()
                    .noneMatch(answer -> answer.get("step").asText().equals("TRANSFER")));
            assertThat(step(FlashStep.RESTORE).get("checksum").asText()).isEqualTo(INSTALLED_SHA);
            // a transfer asked once more after the rollback writes nothing
            assertThat(step(FlashStep.TRANSFER).get("outcome").asText()).isEqualTo("failed");
            assertThat(flasher.installedChecksum("engine")).isEqualTo(INSTALLED_SHA);
            assertThat(downloads).hasValue(1);
        }

        @Test
        void disconnectComesBackResumesAndCompletes() {
            failAt(FailAt.DISCONNECT);
            upTo(FlashStep.ERASE);
            JsonNode transfer = step(FlashStep.TRANSFER);
            assertThat(transfer.get("outcome").asText()).isEqualTo("ok");
            assertThat(drops).hasValue(1);
            assertThat(progress()).containsExactly(10, 20, 30, 40, 50, 60, 70, 80, 90);
            upTo(FlashStep.RESET);
            assertThat(flasher.installedChecksum("engine")).isEqualTo(IMAGE_SHA);
            assertThat(flasher.erases("job-1")).isEqualTo(1);
        }
    }

    @Nested
    class Behaviours {

        @Test
        void withoutProbabilityNothingFails() {
            Random random = new Random(1);
            for (int i = 0; i < 100; i++) {
                assertThat(Behaviour.RELIABLE.draw(random)).isNull();
                assertThat(new Behaviour(FailAt.VERIFY, 0).draw(random)).isNull();
            }
        }

        @Test
        void aProbabilityOfOneAlwaysFailsAtTheStepOrAnywhereWhenNoneIsNamed() {
            Random random = new Random(1);
            for (int i = 0; i < 100; i++) {
                assertThat(new Behaviour(FailAt.ERASE, 1).draw(random)).isEqualTo(FailAt.ERASE);
                assertThat(new Behaviour(null, 1).draw(random)).isNotNull();
            }
        }

        @Test
        void aProbabilityInBetweenFailsSomeFlashes() {
            Random random = new Random(1);
            long failed = IntStream.range(0, 1000)
                    .filter(i -> new Behaviour(FailAt.TRANSFER, 0.3).draw(random) != null).count();
            assertThat(failed).isBetween(220L, 380L);
        }

        @Test
        void probabilitiesAreZeroToOne() {
            assertThatThrownBy(() -> new Behaviour(null, 1.5)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Behaviour(null, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void failuresAreNamedInLowerCase() {
            assertThat(FailAt.named("disconnect")).isEqualTo(FailAt.DISCONNECT);
            assertThat(FailAt.named("DISCONNECT")).isNull();
        }
    }
}
