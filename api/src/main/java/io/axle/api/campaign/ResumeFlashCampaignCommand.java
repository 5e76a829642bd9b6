package io.axle.api.campaign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Resumes a PAUSED campaign where it stopped. */
public record ResumeFlashCampaignCommand(@TargetAggregateIdentifier String campaignId, String resumedBy) {
}
