package io.axle.api.campaign;

import java.time.Instant;

/** The campaign may start. */
public record FlashCampaignApprovedEvent(String campaignId, String approvedBy, Instant approvedAt) {
}
