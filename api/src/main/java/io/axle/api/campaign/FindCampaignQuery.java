package io.axle.api.campaign;

/** Asks for one campaign's view; answers null for an unknown one. */
public record FindCampaignQuery(String campaignId) {
}
