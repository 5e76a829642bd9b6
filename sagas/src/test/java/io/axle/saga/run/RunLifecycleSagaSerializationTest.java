package io.axle.saga.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.axle.api.run.ReleaseRunSlotCommand;
import io.axle.api.run.RunCompletedEvent;
import io.axle.api.run.RunSlots;
import io.axle.api.run.RunStartedEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.saga.SimpleResourceInjector;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/** The saga store keeps the saga as JSON; a saga read back must go on where it stopped. */
class RunLifecycleSagaSerializationTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();

    @Test
    void aSagaWaitingForTheReleaseSurvivesAJsonRoundTripWithoutItsResources() {
        RunLifecycleSaga saga = withResources(new RunLifecycleSaga(), gateway(), mock(DeadlineManager.class));
        saga.on(new RunStartedEvent("run-1", "alice", T0, 60, 5, Map.of("sensors", 2)));
        saga.on(new RunCompletedEvent("run-1", T0.plusSeconds(60), "duration elapsed"));

        SerializedObject<String> json = serializer.serialize(saga, String.class);
        RunLifecycleSaga copy = serializer.deserialize(json);

        assertThat(json.getData())
                .contains("\"runId\":\"run-1\"", "\"ended\":true", "\"releaseAttempts\":1")
                .doesNotContain("commandGateway", "deadlineManager");
        assertThat(copy).usingRecursiveComparison()
                .ignoringFields("commandGateway", "deadlineManager")
                .isEqualTo(saga);

        CommandGateway gateway = gateway();
        DeadlineManager deadlines = mock(DeadlineManager.class);
        withResources(copy, gateway, deadlines).onReleaseNotSeen();
        verify(gateway).send(new ReleaseRunSlotCommand(RunSlots.ID, "run-1"));
        verify(deadlines).schedule(RunLifecycleSaga.releaseRetryDelay(2), RunLifecycleSaga.RELEASE_DEADLINE);
    }

    private static CommandGateway gateway() {
        CommandGateway gateway = mock(CommandGateway.class);
        when(gateway.send(any())).thenReturn(CompletableFuture.completedFuture(null));
        return gateway;
    }

    private static RunLifecycleSaga withResources(RunLifecycleSaga saga, CommandGateway gateway,
                                                  DeadlineManager deadlines) {
        new SimpleResourceInjector(gateway, deadlines).injectResources(saga);
        return saga;
    }
}
