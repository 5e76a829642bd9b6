package io.axle.platform.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.persistence.EntityManager;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;

/**
 * The replay requests that every node sharing a token store obeys (ADR 0018): one row per processor in
 * {@value #TABLE}, next to the tokens, saying which replay was asked for, by which node, and how far it is.
 *
 * <p>A replay is {@link State#RELEASING} while the node that asked waits for the others to stop the processor and let
 * go of their claims, then {@link State#RESET} once its tokens are reset (every node starts the processor again, and
 * whoever claims a segment carries its replay on), or {@link State#FAILED} when a node did not let go in time (every
 * node starts it again, unchanged). A request left {@code RELEASING} longer than its stale age (its node died half
 * way) is treated as failed.
 */
public class ReplayCoordination {

    /** The table of replay requests, created on first use. */
    public static final String TABLE = "axle_processor_replays";

    /** Where a replay request stands. */
    public enum State { RELEASING, RESET, FAILED }

    /** One processor's latest replay request. */
    public record Request(String processorName, String requestId, String requestedBy, State state,
                          Instant requestedAt, Instant updatedAt) {

        /** Whether the request still asks nodes to hold the processor stopped. */
        public boolean releasing(Instant now, Duration staleAfter) {
            return state == State.RELEASING && updatedAt.plus(staleAfter).isAfter(now);
        }
    }

    /** A replay of the same processor is already waiting for the nodes to let go. */
    public static final class ReplayInProgressException extends RuntimeException {
        ReplayInProgressException(String message) {
            super(message);
        }
    }

    private final EntityManagerProvider entityManagers;
    private final TransactionManager transactionManager;
    private final Duration staleAfter;
    private final Clock clock;
    private final Set<String> mine = ConcurrentHashMap.newKeySet();
    private volatile boolean tableReady;

    public ReplayCoordination(EntityManagerProvider entityManagers, TransactionManager transactionManager,
                              Duration staleAfter, Clock clock) {
        this.entityManagers = entityManagers;
        this.transactionManager = transactionManager;
        this.staleAfter = staleAfter;
        this.clock = clock;
    }

    /** How long a request may stay {@link State#RELEASING} before nodes give up waiting for its outcome. */
    public Duration staleAfter() {
        return staleAfter;
    }

    /**
     * Asks every node to let go of {@code processorName}: records a new {@link State#RELEASING} request by
     * {@code node} and answers its id; refused while another request for it is still releasing.
     */
    public String request(String processorName, String node) {
        ensureTable();
        String requestId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        try {
            transactionManager.executeInTransaction(() -> {
                EntityManager entityManager = entityManagers.getEntityManager();
                Optional<Request> current = find(entityManager, processorName);
                if (current.isPresent() && current.get().releasing(now, staleAfter)) {
                    throw new ReplayInProgressException("A replay of " + processorName + " asked by "
                            + current.get().requestedBy() + " at " + current.get().requestedAt()
                            + " is waiting for the nodes to let go of it; follow its progress instead.");
                }
                entityManager.createNativeQuery("delete from " + TABLE + " where processor_name = ?1")
                        .setParameter(1, processorName).executeUpdate();
                entityManager.createNativeQuery("insert into " + TABLE + " (processor_name, request_id, requested_by,"
                                + " state, requested_at, updated_at) values (?1, ?2, ?3, ?4, ?5, ?5)")
                        .setParameter(1, processorName).setParameter(2, requestId).setParameter(3, node)
                        .setParameter(4, State.RELEASING.name()).setParameter(5, Timestamp.from(now))
                        .executeUpdate();
            });
        } catch (ReplayInProgressException refused) {
            throw refused;
        } catch (RuntimeException failed) {
            Optional<Request> raced = transactionManager.fetchInTransaction(() ->
                    find(entityManagers.getEntityManager(), processorName));
            if (raced.isPresent() && raced.get().releasing(clock.instant(), staleAfter)) {
                throw new ReplayInProgressException("Node " + raced.get().requestedBy() + " asked for a replay of "
                        + processorName + " at the same moment; follow its progress instead.");
            }
            throw failed;
        }
        mine.add(requestId);
        return requestId;
    }

    /** Whether request {@code requestId} was made here, by this node. */
    public boolean isMine(String requestId) {
        return mine.contains(requestId);
    }

    /** Records the outcome of request {@code requestId} of {@code processorName}. */
    public void finish(String processorName, String requestId, State outcome) {
        ensureTable();
        transactionManager.executeInTransaction(() -> entityManagers.getEntityManager()
                .createNativeQuery("update " + TABLE + " set state = ?1, updated_at = ?2"
                        + " where processor_name = ?3 and request_id = ?4")
                .setParameter(1, outcome.name()).setParameter(2, Timestamp.from(clock.instant()))
                .setParameter(3, processorName).setParameter(4, requestId)
                .executeUpdate());
    }

    /** Every processor's latest request. */
    public List<Request> requests() {
        ensureTable();
        return transactionManager.fetchInTransaction(() -> rows(entityManagers.getEntityManager()
                .createNativeQuery("select processor_name, request_id, requested_by, state, requested_at, updated_at"
                        + " from " + TABLE).getResultList()));
    }

    private static Optional<Request> find(EntityManager entityManager, String processorName) {
        return rows(entityManager.createNativeQuery("select processor_name, request_id, requested_by, state,"
                        + " requested_at, updated_at from " + TABLE + " where processor_name = ?1")
                .setParameter(1, processorName).getResultList()).stream().findFirst();
    }

    private static List<Request> rows(List<?> rows) {
        return rows.stream().map(Object[].class::cast)
                .map(row -> new Request((String) row[0], (String) row[1], (String) row[2],
                        State.valueOf((String) row[3]), instant(row[4]), instant(row[5])))
                .toList();
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass().getName() + " in " + TABLE);
    }

    private void ensureTable() {
        if (tableReady) {
            return;
        }
        synchronized (this) {
            if (!tableReady) {
                transactionManager.executeInTransaction(() -> entityManagers.getEntityManager()
                        .createNativeQuery("create table if not exists " + TABLE + " ("
                                + "processor_name varchar(255) not null primary key, "
                                + "request_id varchar(64) not null, "
                                + "requested_by varchar(255) not null, "
                                + "state varchar(16) not null, "
                                + "requested_at timestamp with time zone not null, "
                                + "updated_at timestamp with time zone not null)")
                        .executeUpdate());
                tableReady = true;
            }
        }
    }
}
