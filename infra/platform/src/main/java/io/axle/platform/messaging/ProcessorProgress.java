package io.axle.platform.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
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

    /** Name given as claimant when asking whether anybody holds a segment's claim. */
    private static final String NOBODY = "axle-claim-probe";

    /**
     * One segment's token as stored: who holds its claim (null when nobody does, or the claim has expired), the
     * position of the last event it handled (-1 before the first), and after a reset, the position it replays up to
     * (-1 otherwise).
     */
    public record Segment(int segment, String owner, long position, long replayUntil, TrackingToken token) {

        /**
         * Whether the segment is rebuilding what it handled before a reset: it has not reached the position it was
         * reset at. (Axon keeps the replay token until an event beyond that position comes, which may be long.)
         */
        public boolean replaying() {
            return position < replayUntil;
        }
    }

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

    /**
     * The segments of {@code processorName} in the shared token store, in segment order; empty for a processor that
     * never ran. A claim older than {@code claimTimeout} counts as nobody's, as any node may take it.
     */
    public List<Segment> segments(String processorName, Duration claimTimeout) {
        return transactionManager.fetchInTransaction(() -> tokens(processorName).stream()
                .map(entry -> {
                    TrackingToken token = entry.getToken(tokenSerializer.get());
                    String owner = entry.mayClaim(NOBODY, claimTimeout) ? null : entry.getOwner();
                    return new Segment(entry.getSegment(), owner,
                            token == null ? -1L : token.position().orElse(-1L),
                            ReplayToken.isReplay(token) ? ReplayToken.getTokenAtReset(token).orElse(-1L) : -1L,
                            token);
                })
                .sorted(Comparator.comparingInt(Segment::segment))
                .toList());
    }

    /** When the first event a segment has not handled yet was published, if there is one. */
    public Optional<Instant> firstEventAfter(Segment segment) {
        try (BlockingStream<TrackedEventMessage<?>> stream =
                     eventStore.get().openStream(WrappedToken.unwrapLowerBound(segment.token()))) {
            return stream.hasNextAvailable() ? Optional.of(stream.nextAvailable().getTimestamp()) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private List<TokenEntry> tokens(String processorName) {
        return entityManagers.getEntityManager()
                .createQuery("SELECT t FROM TokenEntry t WHERE t.processorName = :name", TokenEntry.class)
                .setParameter("name", processorName)
                .getResultList();
    }

    /**
     * Deletes every token of {@code processorName}, whoever holds it: for a processor that will never run again (a
     * retired version of a projection, ADR 0020). A node still running it loses its claims.
     */
    public void deleteTokens(String processorName) {
        transactionManager.executeInTransaction(() -> entityManagers.getEntityManager()
                .createQuery("DELETE FROM TokenEntry t WHERE t.processorName = :name")
                .setParameter("name", processorName)
                .executeUpdate());
    }

    /** Whether every segment of {@code processorName} has handled the events up to {@code position}. */
    public boolean reached(String processorName, long position) {
        return transactionManager.fetchInTransaction(() -> {
            List<TokenEntry> segments = tokens(processorName);
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
