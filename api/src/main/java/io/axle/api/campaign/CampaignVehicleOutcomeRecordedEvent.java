package io.axle.api.campaign;

import java.time.Instant;

/** One of the campaign's vehicles ended as {@code outcome}. */
public record CampaignVehicleOutcomeRecordedEvent(String campaignId, int group, String vehicleId, String flashJobId,
                                                  CampaignVehicleOutcome outcome, String reason, Instant at) {
}
