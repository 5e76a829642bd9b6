package io.axle.platform.messaging;

import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;

import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.jpa.TokenEntry;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;

/**
 * How far a streaming processor has come through the event stream, across all its segments and nodes, read from the
 * shared token store without claiming anything. A process that waits for an answer uses it to tell "the answer has not
 * come" from "the answer is in the event store but its processor has not reached it yet", so that a slow processor
 * alone never makes it give up.
 */
public class ProcessorProgress {

    private final Supplier<EventStore> eventStore;
    private final EntityManagerProvider entityManagers;
    private final TransactionManager transactionManager;
    private final Supplier<Serializer> tokenSerializer;

    /** Axon's event store and serializer are looked up when first needed, as they are made after this. */
    public ProcessorProgress(Supplier<EventStore> eventStore, EntityManagerProvider entityManagers,
                             TransactionManager transactionManager, Supplier<Serializer> tokenSerializer) {
        this.eventStore = eventStore;
        this.entityManagers = entityManagers;
        this.transactionManager = transactionManager;
        this.tokenSerializer = tokenSerializer;
    }

    /** The position of the newest event in the store, if it can be told. */
    public OptionalLong head() {
        TrackingToken head = eventStore.get().createHeadToken();
        return head == null ? OptionalLong.empty() : head.position();
    }

    /** Whether every segment of {@code processorName} has handled the events up to {@code position}. */
    public boolean reached(String processorName, long position) {
        return transactionManager.fetchInTransaction(() -> {
            List<TokenEntry> segments = entityManagers.getEntityManager()
                    .createQuery("SELECT t FROM TokenEntry t WHERE t.processorName = :name", TokenEntry.class)
                    .setParameter("name", processorName)
                    .getResultList();
            if (segments.isEmpty()) {
                return false;
            }
            for (TokenEntry segment : segments) {
                TrackingToken token = segment.getToken(tokenSerializer.get());
                if (token == null || token.position().orElse(-1L) < position) {
                    return false;
                }
            }
            return true;
        });
    }
}
