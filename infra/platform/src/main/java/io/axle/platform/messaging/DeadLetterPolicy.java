package io.axle.platform.messaging;

import java.net.ConnectException;
import java.sql.SQLTransientException;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import org.axonframework.common.AxonTransientException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Decides what happens to an event a handler failed on; never drops one.
 * <ul>
 *   <li>A store that is away (read store, database: connection refused, timeouts, transient data access failures) is
 *   not the event's fault: the failure is thrown on as {@link StoreUnavailableException}, the processor rolls its batch
 *   back and tries again in place with a growing pause, so nothing moves on while the store is down and nothing is
 *   skipped; the health endpoint shows the processor as degraded meanwhile.</li>
 *   <li>Any other failure is the event's own: it becomes a dead letter, the later events of its sequence (its
 *   aggregate) wait behind it, others go on; the letter's retries are counted in its diagnostics ({@value #RETRIES}).
 *   The first failure is logged as a warning naming what to do.</li>
 * </ul>
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
        EventMessage<?> message = letter.message();
        if (isStoreUnavailable(cause)) {
            throw new StoreUnavailableException(processingGroup, message, cause);
        }
        Object previous = letter.diagnostics().get(RETRIES);
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

    /** Whether {@code failure}, or one of its causes, says that a store could not be reached rather than refused. */
    static boolean isStoreUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException || cause instanceof TransientDataAccessException
                    || cause instanceof RecoverableDataAccessException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof MongoSocketException || cause instanceof MongoTimeoutException
                    || cause instanceof SQLTransientException || cause instanceof AxonTransientException
                    || cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    /** The aggregate an event belongs to, or null for an event outside any aggregate. */
    static String aggregateOf(EventMessage<?> message) {
        return message instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
    }

    /** Thrown on instead of dead-lettering: the processor retries the event in place once the store is back. */
    public static class StoreUnavailableException extends RuntimeException {

        StoreUnavailableException(String processingGroup, EventMessage<?> message, Throwable cause) {
            super("Processing group " + processingGroup + " could not reach a store while handling "
                    + message.getPayloadType().getSimpleName() + " of aggregate " + aggregateOf(message)
                    + "; it retries in place until the store is back: " + cause, cause);
        }
    }
}
