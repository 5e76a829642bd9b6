package io.axle.query.flash;

import io.axle.api.flash.FlashJobStatus;
import io.axle.query.PageParams;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Query parameters of {@code GET /api/v1/flash-jobs}: blank filters count as absent; an unknown {@code status} is a
 * binding error on that field.
 */
record FlashJobListParams(
        String vehicleId,
        FlashJobStatus status,
        String campaignId,
        @Min(0) Integer page,
        @Min(1) @Max(PageParams.MAX_SIZE) Integer size) {

    PageParams paging() {
        return new PageParams(page, size);
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
