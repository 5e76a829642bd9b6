package io.axle.api.campaign;

import io.axle.api.common.ListCriteria;

/** Asks for a page of campaigns, newest first unless {@code criteria} sorts them; {@code status} narrows it. */
public record ListCampaignsQuery(CampaignStatus status, ListCriteria criteria, int page, int size) {
}
