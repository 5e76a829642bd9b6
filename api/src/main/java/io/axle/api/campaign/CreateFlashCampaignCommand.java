package io.axle.api.campaign;

import java.time.Instant;
import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates a campaign flashing {@code firmwareId} (for {@code ecu}) onto the vehicles of {@code target}, already
 * resolved and split by the edge into {@code groups} (each a list of vehicle ids, in order; every vehicle once).
 * A group starts when the previous one reached {@code successThresholdPct} of its vehicles flashed; errors reaching
 * {@code errorThresholdPct} of the vehicles started so far pause the campaign. Vehicles not flashable by
 * {@code deadline} expire.
 */
public record CreateFlashCampaignCommand(@TargetAggregateIdentifier String campaignId, String name,
                                         String firmwareId, String ecu, String toVersion, CampaignTarget target,
                                         List<List<String>> groups, int successThresholdPct,
                                         int errorThresholdPct, boolean requiresApproval, Instant deadline,
                                         String createdBy) {
}
