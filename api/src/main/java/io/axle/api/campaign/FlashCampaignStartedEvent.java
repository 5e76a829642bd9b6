package io.axle.api.campaign;

import java.time.Instant;

/** The campaign runs. */
public record FlashCampaignStartedEvent(String campaignId, String startedBy, Instant startedAt) {
}
