package io.axle.query.campaign;

import io.axle.api.campaign.ListCampaignsQuery;

/**
 * Streams every campaign {@code list} would page through, in its order, at most {@code limit}: the CSV export. Sent and
 * handled inside the query side only, so it lives here rather than in the shared messages.
 */
public record ExportCampaignsQuery(ListCampaignsQuery list, int limit) {
}
