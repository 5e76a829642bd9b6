package io.axle.api.campaign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Starts a READY campaign with its first group. */
public record StartFlashCampaignCommand(@TargetAggregateIdentifier String campaignId, String startedBy) {
}
