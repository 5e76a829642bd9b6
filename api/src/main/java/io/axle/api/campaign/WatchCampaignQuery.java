package io.axle.api.campaign;

/** A subscription to one campaign: its view now, then each view after an event changed it (live counts). */
public record WatchCampaignQuery(String campaignId) {
}
