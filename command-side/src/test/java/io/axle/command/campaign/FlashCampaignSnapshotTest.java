package io.axle.command.campaign;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.axle.api.campaign.CampaignFlashStartedEvent;
import io.axle.api.campaign.CampaignGroupStartedEvent;
import io.axle.api.campaign.CampaignTarget;
import io.axle.api.campaign.CampaignVehicleOutcome;
import io.axle.api.campaign.CampaignVehicleOutcomeRecordedEvent;
import io.axle.api.campaign.FlashCampaignCreatedEvent;
import io.axle.api.campaign.FlashCampaignStartedEvent;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A campaign of many vehicles is snapshotted; its counts survive the JSON round trip. */
class FlashCampaignSnapshotTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(JsonMapper.builder().findAndAddModules().build())
            .build();

    @Test
    void theGroupsOutcomesAndCountsSurviveAJsonRoundTrip() {
        List<List<String>> groups = List.of(List.of("a", "b"), List.of("c"));
        FlashCampaign campaign = new FlashCampaign();
        campaign.on(new FlashCampaignCreatedEvent("c-1", "Engine", "fw-15", "engine", "1.5.0",
                new CampaignTarget("Buick", null, null, null, null), groups, 50, 10, false, T0, "alice", T0));
        campaign.on(new FlashCampaignStartedEvent("c-1", "tom", T0));
        campaign.on(new CampaignGroupStartedEvent("c-1", 0, groups.get(0), "fw-15", "engine", T0));
        campaign.on(new CampaignFlashStartedEvent("c-1", 0, "a", "job-a", T0));
        campaign.on(new CampaignVehicleOutcomeRecordedEvent("c-1", 0, "a", "job-a", CampaignVehicleOutcome.FLASHED,
                null, T0));
        campaign.on(new CampaignVehicleOutcomeRecordedEvent("c-1", 0, "b", null, CampaignVehicleOutcome.EXPIRED,
                "offline", T0));

        SerializedObject<String> json = serializer.serialize(campaign, String.class);
        FlashCampaign copy = serializer.deserialize(json);

        assertThat(copy).usingRecursiveComparison().isEqualTo(campaign);
        assertThat(copy).extracting("flashed").isEqualTo(new int[]{1, 0});
        assertThat(copy).extracting("errors").isEqualTo(1);
    }
}
