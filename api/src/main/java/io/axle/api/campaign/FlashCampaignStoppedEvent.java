package io.axle.api.campaign;

import java.time.Instant;

/** Emergency stop; the process cancels the campaign's jobs that have not erased yet. */
public record FlashCampaignStoppedEvent(String campaignId, String reason, String stoppedBy, Instant stoppedAt) {
}
