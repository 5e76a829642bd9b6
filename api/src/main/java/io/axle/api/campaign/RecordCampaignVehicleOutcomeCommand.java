package io.axle.api.campaign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * How one of the campaign's vehicles ended ({@code flashJobId} null when no job could be started); a repeat, or an
 * outcome for a vehicle that already has one, changes nothing. The campaign then counts, and may finish the group,
 * start the next, pause at its error threshold, or finish.
 */
public record RecordCampaignVehicleOutcomeCommand(@TargetAggregateIdentifier String campaignId, String vehicleId,
                                                  String flashJobId, CampaignVehicleOutcome outcome, String reason) {
}
