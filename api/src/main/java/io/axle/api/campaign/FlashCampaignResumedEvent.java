package io.axle.api.campaign;

import java.time.Instant;

/** The campaign runs again. */
public record FlashCampaignResumedEvent(String campaignId, String resumedBy, Instant resumedAt) {
}
