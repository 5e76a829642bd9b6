package io.axle.command.run;

import static org.axonframework.messaging.responsetypes.ResponseTypes.instanceOf;

import io.axle.api.run.FindRunQuery;
import io.axle.api.run.ReadingsRefusedForRunQuery;
import io.axle.api.run.RunStatus;
import io.axle.api.run.RunView;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Sees a run through the queries any node may answer, so it works the same in one process and with the command side,
 * query side and gateway in separate processes behind Axon Server. The read model is watched with a subscription
 * query on {@link FindRunQuery} (the projection emits every change) and, in case the update is emitted where this
 * subscription does not reach (nodes sharing stores without Axon Server's routing), asked again every
 * {@link #RECHECK}. The gateway is asked {@link ReadingsRefusedForRunQuery}, which it answers from its shared registry
 * after settling the run from the event store. Everything within one deadline per request,
 * {@code axle.runs.visibility-timeout}.
 */
@Component
class QueryRunVisibility implements RunVisibility {

    static final Duration RECHECK = Duration.ofMillis(100);
    private static final Logger log = LoggerFactory.getLogger(QueryRunVisibility.class);

    private final QueryGateway queries;
    private final Duration timeout;

    QueryRunVisibility(QueryGateway queries, @Value("${axle.runs.visibility-timeout:5s}") Duration timeout) {
        this.queries = queries;
        this.timeout = timeout;
    }

    @Override
    public boolean started(String runId) {
        return shown(runId, run -> true, Instant.now().plus(timeout));
    }

    @Override
    public boolean ended(Collection<String> runIds) {
        Instant deadline = Instant.now().plus(timeout);
        boolean all = true;
        for (String runId : runIds) {
            all &= shown(runId, run -> run.status() != RunStatus.RUNNING, deadline) && refusedByGateway(runId, deadline);
        }
        return all;
    }

    /**
     * Whether the run, as the read model answers it, meets {@code condition} before {@code deadline}: seen on the
     * subscription's updates, or asked again every {@link #RECHECK} on this very thread. The asking is never left to
     * a scheduler's thread: a wait that ends (seen, or timed out) cancels what is still running, and a cancelled
     * scheduler task interrupts its thread, which, in the middle of a query against the embedded H2 database, makes
     * H2 close the database for the whole process.
     */
    private boolean shown(String runId, Predicate<RunView> condition, Instant deadline) {
        SubscriptionQueryResult<RunView, RunView> subscription;
        try {
            subscription = queries.subscriptionQuery(new FindRunQuery(runId), instanceOf(RunView.class),
                    instanceOf(RunView.class));
        } catch (RuntimeException failure) {
            return unseen(runId, "read model", failure);
        }
        AtomicBoolean seen = new AtomicBoolean();
        Disposable watching = Flux.merge(subscription.initialResult(), subscription.updates())
                .filter(condition)
                .next()
                .subscribe(run -> seen.set(true), failure -> { });
        try {
            while (!seen.get()) {
                RunView asked = queries.query(new FindRunQuery(runId), RunView.class)
                        .get(remaining(deadline).toMillis(), TimeUnit.MILLISECONDS);
                if (asked != null && condition.test(asked)) {
                    return true;
                }
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0) {
                    return seen.get();
                }
                Thread.sleep(Math.min(RECHECK.toMillis(), left));
            }
            return true;
        } catch (ExecutionException failure) {
            return unseen(runId, "read model", failure.getCause());
        } catch (TimeoutException late) {
            return seen.get();
        } catch (RuntimeException failure) {
            return unseen(runId, "read model", failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            watching.dispose();
            subscription.close();
        }
    }

    private boolean refusedByGateway(String runId, Instant deadline) {
        try {
            Boolean refused = queries.query(new ReadingsRefusedForRunQuery(runId), Boolean.class)
                    .get(remaining(deadline).toMillis(), TimeUnit.MILLISECONDS);
            return Boolean.TRUE.equals(refused);
        } catch (ExecutionException failure) {
            return unseen(runId, "device gateway", failure.getCause());
        } catch (TimeoutException | RuntimeException failure) {
            return unseen(runId, "device gateway", failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean unseen(String runId, String where, Throwable failure) {
        log.warn("Run {} could not be seen in the {}: {}", runId, where, String.valueOf(failure));
        return false;
    }

    private static Duration remaining(Instant deadline) {
        Duration left = Duration.between(Instant.now(), deadline);
        return left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left;
    }
}
