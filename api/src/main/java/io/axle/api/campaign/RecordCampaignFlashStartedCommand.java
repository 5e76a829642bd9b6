package io.axle.api.campaign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The campaign's process started {@code vehicleId}'s flash as {@code flashJobId}; a repeat changes nothing. */
public record RecordCampaignFlashStartedCommand(@TargetAggregateIdentifier String campaignId, String vehicleId,
                                                String flashJobId) {
}
