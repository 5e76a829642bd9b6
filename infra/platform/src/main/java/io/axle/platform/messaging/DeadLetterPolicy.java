package io.axle.platform.messaging;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every failed event of a processing group as a dead letter, never drops one, and counts its retries in the
 * letter's diagnostics ({@value #RETRIES}). The first failure is logged as a warning naming what to do.
 */
public class DeadLetterPolicy implements EnqueuePolicy<EventMessage<?>> {

    /** The diagnostics key holding how many times the letter was retried and failed again. */
    public static final String RETRIES = "retries";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterPolicy.class);

    private final String processingGroup;

    public DeadLetterPolicy(String processingGroup) {
        this.processingGroup = processingGroup;
    }

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        Object previous = letter.diagnostics().get(RETRIES);
        EventMessage<?> message = letter.message();
        if (previous == null) {
            log.warn("Event {} of aggregate {} failed in processing group {} and is now a dead letter; later events of "
                            + "that aggregate wait behind it, others go on. Cause: {}. Fix the cause, then "
                            + "POST /api/v1/admin/dead-letters/{}/retry (or wait for the automatic retry).",
                    message.getPayloadType().getSimpleName(), aggregateOf(message), processingGroup, cause.toString(),
                    processingGroup);
        } else {
            log.info("Dead letter {} of aggregate {} in processing group {} failed again: {}",
                    message.getPayloadType().getSimpleName(), aggregateOf(message), processingGroup, cause.toString());
        }
        int retries = previous == null ? 0 : ((Number) previous).intValue() + 1;
        return Decisions.enqueue(ThrowableCause.truncated(cause), l -> l.diagnostics().and(RETRIES, retries));
    }

    /** The aggregate an event belongs to, or null for an event outside any aggregate. */
    static String aggregateOf(EventMessage<?> message) {
        return message instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
    }
}
