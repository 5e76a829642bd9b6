package io.axle.api.campaign;

import java.time.Instant;

/** Every vehicle of group {@code group} has an outcome; {@code flashed} of {@code size} succeeded. */
public record CampaignGroupFinishedEvent(String campaignId, int group, int size, int flashed, int failed,
                                         Instant finishedAt) {
}
