package io.axle.platform.deadline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.annotation.Nonnull;
import javax.annotation.Nullable;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.ScheduledExecutionsFilter;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceException;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.deadline.AbstractDeadlineManager;
import org.axonframework.deadline.DeadlineException;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.ScopeAware;
import org.axonframework.messaging.ScopeAwareProvider;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable deadline manager on db-scheduler that stores each deadline under its owner's task name (the saga or
 * aggregate type, see {@link DeadlineOwners}), so that only a process hosting that owner picks it up. Axon's own
 * db-scheduler manager uses one task name for every deadline: any process polling the table takes any deadline, and
 * one without the owner dropped it silently.
 * <p>
 * Data stays in Axon's {@link DbSchedulerBinaryDeadlineDetails} format, so deadlines stored by Axon's manager (task
 * {@value DeadlineOwners#LEGACY_TASK}) still fire: a process that hosts their owner runs them, any other one moves them
 * to their owner's task. A deadline this process is asked to run but cannot resolve fails and is retried, never
 * dropped. Deadline identifiers are unique across owners; cancelling one by identifier scans the stored deadlines.
 */
public class RoutedDeadlineManager extends AbstractDeadlineManager {

    private static final Logger log = LoggerFactory.getLogger(RoutedDeadlineManager.class);
    private static final com.github.kagkarlsson.scheduler.serializer.Serializer TASK_DATA =
            com.github.kagkarlsson.scheduler.serializer.Serializer.DEFAULT_JAVA_SERIALIZER;

    private static final ScheduledExecutionsFilter WAITING =
            ScheduledExecutionsFilter.all().withPicked(false).withIncludeUnresolved(true);

    private final SchedulerClient client;
    private final ScopeAwareProvider scopes;
    private final Serializer serializer;
    private final TransactionManager transactionManager;

    public RoutedDeadlineManager(SchedulerClient client, ScopeAwareProvider scopes, Serializer serializer,
                                 TransactionManager transactionManager) {
        this.client = client;
        this.scopes = scopes;
        this.serializer = serializer;
        this.transactionManager = transactionManager;
    }

    @Override
    public String schedule(@Nonnull Instant triggerDateTime, @Nonnull String deadlineName,
                           @Nullable Object messageOrPayload, @Nonnull ScopeDescriptor deadlineScope) {
        DeadlineMessage<Object> message =
                GenericDeadlineMessage.asDeadlineMessage(deadlineName, messageOrPayload, triggerDateTime);
        String id = IdentifierFactory.getInstance().generateIdentifier();
        runOnPrepareCommitOrNow(() -> {
            DbSchedulerBinaryDeadlineDetails details =
                    details(deadlineName, deadlineScope, processDispatchInterceptors(message));
            client.schedule(new TaskInstance<>(DeadlineOwners.taskName(deadlineScope), id, details), triggerDateTime);
        });
        return id;
    }

    @Override
    public void cancelSchedule(@Nonnull String deadlineName, @Nonnull String scheduleId) {
        runOnPrepareCommitOrNow(() -> cancelWhere((execution, details) ->
                scheduleId.equals(execution.getTaskInstance().getId())));
    }

    @Override
    public void cancelAll(@Nonnull String deadlineName) {
        runOnPrepareCommitOrNow(() -> cancelWhere((execution, details) ->
                deadlineName.equals(details.getD())));
    }

    @Override
    public void cancelAllWithinScope(@Nonnull String deadlineName, @Nonnull ScopeDescriptor scope) {
        runOnPrepareCommitOrNow(() -> {
            byte[] serializedScope = serializer.serialize(scope, byte[].class).getData();
            cancelWhere(DeadlineOwners.taskName(scope), (execution, details) ->
                    deadlineName.equals(details.getD()) && Arrays.equals(serializedScope, details.getS()));
        });
    }

    /** Runs a deadline of an owner this process hosts; fails (to be retried) when no component here resolves it. */
    void execute(String id, DbSchedulerBinaryDeadlineDetails details) {
        ScopeDescriptor scope = details.getDeserializedScopeDescriptor(serializer);
        if (!canResolve(scope)) {
            throw new DeadlineException("Deadline " + details.getD() + " (" + id + ") of " + scope.scopeDescription()
                    + " has no handler in this process; it is kept and retried");
        }
        run(details.getD(), details.asDeadLineMessage(serializer), scope);
    }

    /**
     * Runs a deadline stored by Axon's own manager when this process hosts its owner; otherwise moves it, with the
     * same identifier and data, to its owner's task, where a process hosting the owner picks it up.
     */
    void executeLegacy(String id, DbSchedulerBinaryDeadlineDetails details) {
        ScopeDescriptor scope = details.getDeserializedScopeDescriptor(serializer);
        if (canResolve(scope)) {
            run(details.getD(), details.asDeadLineMessage(serializer), scope);
            return;
        }
        String owner = DeadlineOwners.taskName(scope);
        client.scheduleIfNotExists(new TaskInstance<>(owner, id, details), Instant.now());
        log.info("Deadline {} ({}) stored before deadlines had owners moved to {}", details.getD(), id, owner);
    }

    boolean canResolve(ScopeDescriptor scope) {
        return scopes.provideScopeAwareStream(scope).anyMatch(component -> component.canResolve(scope));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private void run(String deadlineName, DeadlineMessage<?> message, ScopeDescriptor scope) {
        UnitOfWork<DeadlineMessage<?>> unitOfWork = new DefaultUnitOfWork<>(message);
        unitOfWork.attachTransaction(transactionManager);
        DefaultInterceptorChain chain = new DefaultInterceptorChain<>(unitOfWork, handlerInterceptors(),
                intercepted -> {
                    for (ScopeAware component : (Iterable<ScopeAware>) scopes.provideScopeAwareStream(scope)::iterator) {
                        if (component.canResolve(scope)) {
                            component.send((DeadlineMessage<?>) intercepted, scope);
                        }
                    }
                    return null;
                });
        ResultMessage<?> result = unitOfWork.executeWithResult(chain::proceed);
        if (result.isExceptional()) {
            throw new DeadlineException("Deadline " + deadlineName + " of " + scope.scopeDescription() + " failed",
                    result.exceptionResult());
        }
    }

    private DbSchedulerBinaryDeadlineDetails details(String deadlineName, ScopeDescriptor scope,
                                                     DeadlineMessage<?> message) {
        SerializedObject<byte[]> serializedScope = serializer.serialize(scope, byte[].class);
        SerializedObject<byte[]> payload = serializer.serialize(message.getPayload(), byte[].class);
        SerializedObject<byte[]> metaData = serializer.serialize(message.getMetaData(), byte[].class);
        return new DbSchedulerBinaryDeadlineDetails(deadlineName, serializedScope.getData(),
                serializedScope.getType().getName(), payload.getData(), payload.getType().getName(),
                payload.getType().getRevision(), metaData.getData());
    }

    private interface Match {
        boolean test(ScheduledExecution<Object> execution, DbSchedulerBinaryDeadlineDetails details);
    }

    /** Cancels the matching waiting deadlines of every owner; a deadline already being run is left to finish. */
    private void cancelWhere(Match match) {
        List<TaskInstanceId> matching = new ArrayList<>();
        client.fetchScheduledExecutions(WAITING, execution -> {
            String task = execution.getTaskInstance().getTaskName();
            if (task.startsWith(DeadlineOwners.PREFIX) || task.equals(DeadlineOwners.LEGACY_TASK)) {
                collect(execution, match, matching);
            }
        });
        cancel(matching);
    }

    /** Cancels the matching waiting deadlines of one owner (and those stored before deadlines had owners). */
    private void cancelWhere(String task, Match match) {
        List<TaskInstanceId> matching = new ArrayList<>();
        for (String name : List.of(task, DeadlineOwners.LEGACY_TASK)) {
            client.fetchScheduledExecutionsForTask(name, Object.class, WAITING,
                    execution -> collect(execution, match, matching));
        }
        cancel(matching);
    }

    private static void collect(ScheduledExecution<Object> execution, Match match, List<TaskInstanceId> matching) {
        if (execution.hasRawData() && execution.getRawData() != null && match.test(execution,
                TASK_DATA.deserialize(DbSchedulerBinaryDeadlineDetails.class, execution.getRawData()))) {
            matching.add(execution.getTaskInstance());
        }
    }

    private void cancel(List<TaskInstanceId> instances) {
        for (TaskInstanceId instance : instances) {
            try {
                client.cancel(instance);
            } catch (TaskInstanceException goneOrRunning) {
                log.debug("Deadline {} not cancelled: {}", instance.getId(), goneOrRunning.getMessage());
            }
        }
    }
}
