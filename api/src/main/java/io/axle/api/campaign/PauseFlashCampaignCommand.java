package io.axle.api.campaign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Pauses a RUNNING campaign by hand: no new flash starts; running ones finish. A paused one stays paused. */
public record PauseFlashCampaignCommand(@TargetAggregateIdentifier String campaignId, String reason,
                                        String pausedBy) {
}
