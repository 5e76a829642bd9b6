package io.axle.api.campaign;

import java.time.Instant;

/** The flash of one of the campaign's vehicles started as job {@code flashJobId}. */
public record CampaignFlashStartedEvent(String campaignId, int group, String vehicleId, String flashJobId,
                                        Instant startedAt) {
}
