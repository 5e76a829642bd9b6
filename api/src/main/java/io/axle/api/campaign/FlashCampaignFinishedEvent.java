package io.axle.api.campaign;

import java.time.Instant;

/** Every vehicle has an outcome (or the deadline passed): the campaign's totals. */
public record FlashCampaignFinishedEvent(String campaignId, int vehicles, int flashed, int failed, int cancelled,
                                         int expired, Instant finishedAt) {
}
