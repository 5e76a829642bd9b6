package io.axle.saga.flash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import io.axle.api.flash.FlashJobRequestedEvent;
import io.axle.api.flash.FlashStep;
import io.axle.api.flash.FlashStepConfirmedEvent;
import io.axle.api.flash.FlashStepFailedEvent;
import io.axle.api.flash.FlashStepRequestedEvent;
import io.axle.api.flash.RequestFlashStepCommand;
import io.axle.saga.flash.FlashJobSaga.StepDeadline;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.saga.SimpleResourceInjector;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/** The saga store keeps the saga as JSON, and the deadline store its payload; both must go on where they stopped. */
class FlashJobSagaSerializationTest {

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();

    @Test
    void aSagaWaitingForATransferSurvivesAJsonRoundTripWithoutItsResources() {
        FlashJobSaga saga = withResources(new FlashJobSaga(), gateway());
        saga.on(new FlashJobRequestedEvent("flash-1", "vehicle-1", "dongle-1", "engine", "firmware-7", "2.0.3",
                "2.1.0", "ab12", 4096, null, "alice", T0));
        for (FlashStep step : new FlashStep[] {FlashStep.DIAGNOSTIC_SESSION, FlashStep.SECURITY_ACCESS,
                FlashStep.BACKUP, FlashStep.ERASE}) {
            saga.on(requested(step));
            saga.on(new FlashStepConfirmedEvent("flash-1", "vehicle-1", step, 1, null, null, T0));
        }
        saga.on(requested(FlashStep.TRANSFER));

        SerializedObject<String> json = serializer.serialize(saga, String.class);
        FlashJobSaga copy = serializer.deserialize(json);

        assertThat(json.getData())
                .contains("\"flashJobId\":\"flash-1\"", "\"step\":\"TRANSFER\"", "\"backupConfirmed\":true")
                .doesNotContain("commandGateway", "deadlineManager", "properties", "meterRegistry");
        assertThat(copy).usingRecursiveComparison()
                        .ignoringFields("commandGateway", "deadlineManager")
                        .isEqualTo(saga);

        CommandGateway gateway = gateway();
        withResources(copy, gateway).on(new FlashStepFailedEvent("flash-1", "vehicle-1", FlashStep.TRANSFER, 1,
                "block 3 rejected", false, T0));
        verify(gateway).send(new RequestFlashStepCommand("flash-1", FlashStep.RESTORE, 1));
    }

    @Test
    void theStepDeadlinesPayloadSurvivesAJsonRoundTrip() {
        StepDeadline deadline = new StepDeadline(FlashStep.VERIFY, 2);

        StepDeadline copy = serializer.deserialize(serializer.serialize(deadline, String.class));

        assertThat(copy).isEqualTo(deadline);
    }

    private static FlashStepRequestedEvent requested(FlashStep step) {
        return new FlashStepRequestedEvent("flash-1", "vehicle-1", "dongle-1", "engine", step, 1, "firmware-7",
                "ab12", 4096, "alice", T0);
    }

    private static CommandGateway gateway() {
        CommandGateway gateway = mock(CommandGateway.class);
        when(gateway.send(any())).thenReturn(CompletableFuture.completedFuture(null));
        return gateway;
    }

    private static FlashJobSaga withResources(FlashJobSaga saga, CommandGateway gateway) {
        new SimpleResourceInjector(gateway, mock(DeadlineManager.class)).injectResources(saga);
        return saga;
    }
}
