package io.axle.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLIntegrityConstraintViolationException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.axle.api.common.Refusal;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

class MessagingTest {

    @Test
    void onlyOptimisticLockingConflictsAndRefusedDeadlockingLocksAreRetried() {
        assertThat(ConcurrencyRetryPolicy.isRetryable(new ConcurrencyException("conflict"))).isTrue();
        assertThat(ConcurrencyRetryPolicy.isRetryable(new CommandExecutionException("failed", new DeadlockException(
                "An imminent deadlock was detected while attempting to acquire a lock")))).isTrue();
        assertThat(ConcurrencyRetryPolicy.isRetryable(new RuntimeException(new ConcurrencyException("wrapped")))).isTrue();
        assertThat(ConcurrencyRetryPolicy.isRetryable(new AggregateStreamCreationException("duplicate"))).isFalse();
        assertThat(ConcurrencyRetryPolicy.isRetryable(new CommandExecutionException("refused", null,
                new Refusal(409, "status", "rule", "no")))).isFalse();
        assertThat(ConcurrencyRetryPolicy.isRetryable(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void aConflictReportedByTheDatabaseIsRetriedThoughItsCauseIsNotAConflict() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try {
            ConcurrencyRetryScheduler scheduler = new ConcurrencyRetryScheduler(IntervalRetryScheduler.builder()
                    .retryExecutor(executor).maxRetryCount(3).retryInterval(10));
            ConcurrencyException fromTheDatabase = new ConcurrencyException("conflict",
                    new SQLIntegrityConstraintViolationException("duplicate key (aggregate_identifier, sequence_number)"));
            @SuppressWarnings("unchecked")
            List<Class<? extends Throwable>[]> failures = List.<Class<? extends Throwable>[]>of(new Class[] {ConcurrencyException.class});

            assertThat(scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("x"), fromTheDatabase, failures, () -> { }))
                    .isTrue();
            assertThat(scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("x"), new IllegalStateException("bug"),
                    List.<Class<? extends Throwable>[]>of(new Class[] {IllegalStateException.class}), () -> { })).isFalse();
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void webCommandsGetTheRequestMetadataWithoutOverridingExplicitValues() {
        Map<String, String> request = Map.of("user", "alice", "client", "ui@127.0.0.1",
                "correlationId", "c-1", "causationId", "c-1");
        WebRequestMetadataInterceptor interceptor = new WebRequestMetadataInterceptor(() -> request);
        CommandMessage<?> command = GenericCommandMessage.asCommandMessage("payload")
                .andMetaData(Map.of("client", "explicit"));

        CommandMessage<?> dispatched = interceptor.handle(List.of(command)).apply(0, command);

        assertThat(dispatched.getMetaData()).containsEntry("user", "alice").containsEntry("client", "explicit")
                .containsEntry("correlationId", "c-1").containsEntry("causationId", "c-1");
    }

    @Test
    void messagesCausedByAnotherKeepTheCorrelationAndPointToTheirCause() {
        MessageOriginProvider provider = new MessageOriginProvider(MessageMetadata.CAUSATION_ID,
                MessageMetadata.CORRELATION_ID);
        GenericEventMessage<String> event = new GenericEventMessage<>("placed",
                MetaData.with("correlationId", "request-1").and("causationId", "command-1"));

        @SuppressWarnings("unchecked")
        Map<String, Object> inherited = (Map<String, Object>) provider.correlationDataFor(event);

        assertThat(inherited).containsEntry("correlationId", "request-1")
                .containsEntry("causationId", event.getIdentifier());
    }
}
