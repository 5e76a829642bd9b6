package io.axle.api.campaign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin approves a campaign that requires it; refused by its creator (four eyes) and once approved. */
public record ApproveFlashCampaignCommand(@TargetAggregateIdentifier String campaignId, String approvedBy) {
}
