package io.axle.api.flash;

import io.axle.api.common.ListCriteria;

/**
 * Asks for a page of flash jobs, newest first unless {@code criteria} sorts them; {@code vehicleId}, {@code status}
 * and {@code campaignId} narrow it when not null.
 */
public record ListFlashJobsQuery(String vehicleId, FlashJobStatus status, String campaignId, ListCriteria criteria,
                                 int page, int size) {
}
