package io.axle.gateway.flash;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.stream.IntStream;

import io.axle.api.common.Refusal;
import io.axle.api.flash.RecordFlashStatusCommand;
import io.axle.gateway.ingest.ReadingRefusedException;
import io.axle.platform.messaging.MessageMetadata;
import io.axle.platform.messaging.Refusals;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;

/**
 * Turns a dongle's flash answer into a {@link RecordFlashStatusCommand}, for the in-process broker and the external
 * bridge alike. A malformed answer is thrown at once ({@link ReadingRefusedException}, counted in
 * {@code flash_status_rejected}); otherwise the answer completes when the command did: empty when it was recorded, with
 * the {@link Refusal} when the FlashJob refused it (counted too), exceptionally when the command bus could not take
 * it, so that the dongle publishes again. Commands are sent from threads of their own, one lane per job (the
 * answers of a job are sent in the order they came, a progress never overtaking the step's end): with a local command
 * bus the FlashJob is loaded on the sending thread, which must not be the broker's.
 */
public class FlashStatusIngestion implements AutoCloseable {

    private final FlashStatusRules rules;
    private final CommandGateway commands;
    private final MeterRegistry meters;
    private final List<ExecutorService> lanes;

    /** Sends the commands from {@code lanes} single threads made by {@code threads}. */
    public FlashStatusIngestion(FlashStatusRules rules, CommandGateway commands, MeterRegistry meters, int lanes,
                                ThreadFactory threads) {
        this.rules = rules;
        this.commands = commands;
        this.meters = meters;
        this.lanes = IntStream.range(0, lanes).mapToObj(lane -> Executors.newSingleThreadExecutor(threads)).toList();
    }

    /** Who sent the answer: the credential ({@code apikey:<name>}) and the client ({@code mqtt:<clientId>}). */
    public record Sender(String transport, String source, String client) {
    }

    /** Records what dongle {@code dongleId} answered; see the class for what the future holds. */
    public CompletableFuture<Optional<Refusal>> record(String dongleId, byte[] payload, Sender sender) {
        RecordFlashStatusCommand command;
        try {
            command = rules.parse(dongleId, payload);
        } catch (ReadingRefusedException refused) {
            countRefused(sender.transport(), refused.rule());
            throw refused;
        }
        MetaData metaData = MetaData.from(Map.of(MessageMetadata.USER, sender.source(),
                MessageMetadata.CLIENT, sender.client()));
        ExecutorService lane = lanes.get(Math.floorMod(command.flashJobId().hashCode(), lanes.size()));
        return CompletableFuture.supplyAsync(() -> commands.send(new GenericCommandMessage<>(command, metaData)), lane)
                .thenCompose(sent -> sent)
                .handle((done, failure) -> {
                    if (failure == null) {
                        counter("flash_status_recorded", "transport", sender.transport()).increment();
                        return Optional.<Refusal>empty();
                    }
                    Refusal refusal = Refusals.of(failure);
                    if (refusal == null) {
                        counter("flash_status_failed", "transport", sender.transport()).increment();
                        throw new IllegalStateException("The flash status could not be recorded: "
                                + failure.getMessage(), failure);
                    }
                    countRefused(sender.transport(), refusal.rule());
                    return Optional.of(refusal);
                });
    }

    /** Stops the threads that send the commands; answers not yet sent are not recorded (the dongles send again). */
    @Override
    public void close() {
        lanes.forEach(ExecutorService::shutdownNow);
    }

    /** Counts an answer refused at the edge or by the FlashJob. */
    public void countRefused(String transport, String rule) {
        counter("flash_status_rejected", "transport", transport, "rule", rule == null ? "unknown" : rule).increment();
    }

    private Counter counter(String name, String... tags) {
        return meters.counter(name, tags);
    }
}
