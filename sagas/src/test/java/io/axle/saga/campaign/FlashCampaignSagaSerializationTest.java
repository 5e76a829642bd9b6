package io.axle.saga.campaign;

import static io.axle.saga.campaign.FlashCampaignSaga.flashJobIdOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.axle.api.campaign.CampaignGroupStartedEvent;
import io.axle.api.campaign.CampaignVehicleOutcome;
import io.axle.api.campaign.RecordCampaignVehicleOutcomeCommand;
import io.axle.api.flash.FlashJobCompletedEvent;
import io.axle.api.flash.FlashJobRequestedEvent;
import io.axle.saga.campaign.FlashCampaignSaga.Answer;
import io.axle.saga.campaign.FlashCampaignSaga.Kind;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.saga.SimpleResourceInjector;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/** The saga store keeps the saga as JSON, and the deadline store an answer's payload; both must go on as they were. */
class FlashCampaignSagaSerializationTest {

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
    private final FlashCampaignSagaTest.InScope scope = new FlashCampaignSagaTest.InScope();

    @Test
    void aSagaWithARunningJobAndAQueueSurvivesAJsonRoundTripWithoutItsResources() {
        FlashCampaignSaga saga = withResources(new FlashCampaignSaga(), gateway());
        scope.run(() -> {
            saga.on(new CampaignGroupStartedEvent("campaign-1", 0, List.of("v-1", "v-2"), "firmware-7", "engine", T0));
            saga.on(new FlashJobRequestedEvent(flashJobIdOf("campaign-1", "v-1"), "v-1", "dongle-1", "engine",
                    "firmware-7", "2.0.3", "2.1.0", "ab12", 4096, "campaign-1", "campaign:campaign-1", T0));
        });

        SerializedObject<String> json = serializer.serialize(saga, String.class);
        FlashCampaignSaga copy = serializer.deserialize(json);

        assertThat(json.getData()).contains("\"campaignId\":\"campaign-1\"", "\"phase\":\"RUNNING\"")
                                  .doesNotContain("commandGateway", "deadlineManager", "properties");
        assertThat(copy).usingRecursiveComparison().ignoringFields("commandGateway", "deadlineManager")
                        .isEqualTo(saga);

        CommandGateway gateway = gateway();
        withResources(copy, gateway);
        scope.run(() -> copy.on(new FlashJobCompletedEvent(flashJobIdOf("campaign-1", "v-1"), "v-1", "engine",
                "firmware-7", "2.0.3", "2.1.0", "campaign-1", T0)));
        verify(gateway).send(new RecordCampaignVehicleOutcomeCommand("campaign-1", "v-1",
                flashJobIdOf("campaign-1", "v-1"), CampaignVehicleOutcome.FLASHED, null));
    }

    @Test
    void anAnswersPayloadSurvivesAJsonRoundTrip() {
        Answer answer = new Answer(Kind.START, "v-1", "job-1", "battery-low", "11.9 V", "battery-low: 11.9 V");

        assertThat((Object) serializer.deserialize(serializer.serialize(answer, String.class))).isEqualTo(answer);
    }

    private static CommandGateway gateway() {
        CommandGateway gateway = mock(CommandGateway.class);
        when(gateway.send(any())).thenReturn(CompletableFuture.completedFuture(null));
        return gateway;
    }

    private static FlashCampaignSaga withResources(FlashCampaignSaga saga, CommandGateway gateway) {
        new SimpleResourceInjector(gateway, mock(DeadlineManager.class)).injectResources(saga);
        return saga;
    }
}
