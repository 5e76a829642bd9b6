package io.axle.platform.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.axle.platform.web.NotFoundException;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.config.SagaConfiguration;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jpa.JpaDeadLetter;
import org.axonframework.eventhandling.deadletter.jpa.JpaSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead-letter queues of the event-handling processing groups (all of them but those in
 * {@code axle.dead-letters.excluded-processing-groups}; sagas have none): an event whose handler fails is kept in the
 * relational database (Axon's {@link JpaSequencedDeadLetterQueue}, next to tokens and sagas, so it works the same with
 * Axon Server), and the later events of the same sequence (by default the same aggregate) queue behind it, while other
 * sequences go on.
 *
 * <p>Letters can be listed and retried, never evicted: a dead letter is work still owed (a read model behind, an
 * invoice number taken, a mail not sent), so it must be retried once its cause is fixed, not dropped.
 */
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    /** One dead letter as an administrator sees it; {@code aggregateIdentifier} is null outside an aggregate. */
    public record Letter(String processingGroup, String sequenceIdentifier, String messageType,
                         String aggregateIdentifier, Cause cause, Instant enqueuedAt, Instant lastTouched,
                         int retries) {
    }

    /** Why a letter failed: the exception's class name and message; null for a letter queued behind another. */
    public record Cause(String type, String message) {
    }

    /** The letters of one processing group, oldest sequence first. */
    public record Group(String processingGroup, long size, List<Letter> letters) {
    }

    /** The outcome of a retry: how many sequences were processed to the end, and what is still dead-lettered. */
    public record RetryOutcome(String processingGroup, int sequencesProcessed, long sequencesRemaining,
                               long lettersRemaining) {
    }

    private final Supplier<EventProcessingConfiguration> processing;
    private final TransactionManager transactionManager;

    public DeadLetters(Supplier<EventProcessingConfiguration> processing, TransactionManager transactionManager) {
        this.processing = processing;
        this.transactionManager = transactionManager;
    }

    /**
     * Gives every event-handling processing group that {@code deadLetters} accepts a JPA dead-letter queue and the
     * {@link DeadLetterPolicy}, and makes every handler's failure propagate (to the queue, or to the processor, which
     * retries in place) instead of Axon's default of logging and skipping the event.
     */
    public static EventProcessingConfigurer registerForAll(EventProcessingConfigurer processing,
                                                           Predicate<String> deadLetters) {
        return processing
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                .registerDeadLetterQueueProvider(group -> {
                    if (!deadLetters.test(group)) {
                        return null;
                    }
                    // Asked once per group, while Axon assigns handlers: the group's policy is registered alongside.
                    processing.registerDeadLetterPolicy(group, c -> new DeadLetterPolicy(group));
                    return c -> queue(group, c);
                });
    }

    /**
     * Gives {@code processingGroup} a JPA dead-letter queue and the {@link DeadLetterPolicy}, taking the entity manager
     * provider and transaction manager from the Axon configuration's components. Its handler errors must be propagated
     * (Axon's {@code PropagatingErrorHandler}, the default for a dead-lettering group), or nothing would reach the
     * queue; a failure to store the letter itself still stops the processor, which then retries in place.
     */
    public static EventProcessingConfigurer register(EventProcessingConfigurer processing, String processingGroup) {
        return processing
                .registerDeadLetterQueue(processingGroup, c -> queue(processingGroup, c))
                .registerDeadLetterPolicy(processingGroup, c -> new DeadLetterPolicy(processingGroup));
    }

    private static SequencedDeadLetterQueue<EventMessage<?>> queue(String processingGroup, Configuration c) {
        return JpaSequencedDeadLetterQueue.builder()
                .processingGroup(processingGroup)
                .entityManagerProvider(c.getComponent(EntityManagerProvider.class))
                .transactionManager(c.getComponent(TransactionManager.class))
                .genericSerializer(c.serializer())
                .eventSerializer(c.eventSerializer())
                .build();
    }

    /** The groups with a dead-letter queue in this process: every event processor's group but sagas and exclusions. */
    public List<String> processingGroups() {
        EventProcessingConfiguration configuration = processing.get();
        Set<String> sagas = configuration.sagaConfigurations().stream()
                .map(SagaConfiguration::processingGroup).collect(Collectors.toSet());
        return configuration.eventProcessors().keySet().stream()
                .filter(group -> !sagas.contains(group))
                .filter(group -> configuration.deadLetterQueue(group).isPresent())
                .sorted()
                .toList();
    }

    /** Every group's letters. */
    public List<Group> all() {
        return processingGroups().stream().map(this::group).toList();
    }

    /** One group's letters; a {@link NotFoundException} for a group without a queue. */
    public Group group(String processingGroup) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(processingGroup);
        return transactionManager.fetchInTransaction(() -> {
            List<Letter> letters = new ArrayList<>();
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
                for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                    letters.add(view(processingGroup, letter));
                }
            }
            return new Group(processingGroup, queue.size(), letters);
        });
    }

    /** How many letters the group holds; 0 for a group not configured or without a queue in this process. */
    public long size(String processingGroup) {
        return processingGroups().contains(processingGroup) ? sizeOf(processingGroup) : 0L;
    }

    /** How many letters each group with a queue holds, in group order. */
    public Map<String, Long> sizes() {
        Map<String, Long> sizes = new LinkedHashMap<>();
        processingGroups().forEach(group -> sizes.put(group, sizeOf(group)));
        return sizes;
    }

    /** The letters of a group known to have a queue (asking for another group would register a queue for it). */
    long sizeOf(String processingGroup) {
        return processing.get().deadLetterQueue(processingGroup)
                .map(queue -> transactionManager.fetchInTransaction(queue::size))
                .orElse(0L);
    }

    /**
     * Tries each dead-lettered sequence of the group once, at most {@code maxSequences} of them, least recently tried
     * first. A sequence that fails again stays, with its retry count raised, and does not stop the others; a store
     * that is away ends the round, leaving the rest for the next.
     */
    public RetryOutcome retry(String processingGroup, int maxSequences) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(processingGroup);
        int processed = 0;
        SequencedDeadLetterProcessor<EventMessage<?>> processor =
                processing.get().sequencedDeadLetterProcessor(processingGroup).orElse(null);
        if (processor != null) {
            long attempts = Math.min(maxSequences, transactionManager.fetchInTransaction(queue::amountOfSequences));
            try {
                for (long i = 0; i < attempts; i++) {
                    if (processor.processAny()) {
                        processed++;
                    }
                }
            } catch (DeadLetterPolicy.StoreUnavailableException away) {
                log.info("Retry of the dead letters of {} stopped: {}", processingGroup, away.getMessage());
            }
        }
        int done = processed;
        return transactionManager.fetchInTransaction(() -> new RetryOutcome(processingGroup, done,
                queue.amountOfSequences(), queue.size()));
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String processingGroup) {
        if (!processingGroups().contains(processingGroup)) {
            throw new NotFoundException("processing group", processingGroup);
        }
        return processing.get().deadLetterQueue(processingGroup)
                .orElseThrow(() -> new NotFoundException("processing group", processingGroup));
    }

    private static Letter view(String processingGroup, DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> message = letter.message();
        Object retries = letter.diagnostics().get(DeadLetterPolicy.RETRIES);
        Object sequence = letter instanceof JpaDeadLetter<?> jpa
                ? jpa.getSequenceIdentifier() : DeadLetterPolicy.aggregateOf(message);
        return new Letter(processingGroup, String.valueOf(sequence), message.getPayloadType().getSimpleName(),
                DeadLetterPolicy.aggregateOf(message),
                letter.cause().map(cause -> new Cause(cause.type(), cause.message())).orElse(null),
                letter.enqueuedAt(), letter.lastTouched(), retries instanceof Number n ? n.intValue() : 0);
    }
}
