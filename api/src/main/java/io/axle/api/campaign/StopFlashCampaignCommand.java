package io.axle.api.campaign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Emergency stop: every job of the campaign not yet erasing is cancelled, running ones finish or roll back, no new
 * flash starts, and the campaign ends STOPPED. Stopping a stopped campaign changes nothing; a finished one is refused.
 */
public record StopFlashCampaignCommand(@TargetAggregateIdentifier String campaignId, String reason,
                                       String stoppedBy) {
}
