package io.axle.api.campaign;

import java.time.Instant;

/**
 * No new flash starts; {@code errorThreshold} true when the campaign's errors reached its threshold (the emergency
 * brake), with {@code pausedBy} null.
 */
public record FlashCampaignPausedEvent(String campaignId, String reason, boolean errorThreshold, String pausedBy,
                                       Instant pausedAt) {
}
