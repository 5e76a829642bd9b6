package io.axle.api.campaign;

/**
 * Asks which registered vehicles match {@code target} and have ECU {@code ecu}: answers their ids, oldest registration
 * first (a {@code java.util.List} of strings), at most {@code limit}.
 */
public record FindCampaignTargetsQuery(CampaignTarget target, String ecu, int limit) {
}
