package io.axle.query.run;

import io.axle.api.run.RunStatus;
import io.axle.query.PageParams;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Query parameters of {@code GET /api/runs}; an unknown {@code status} is a binding error on that field. */
record RunListParams(
        RunStatus status,
        @Min(0) Integer page,
        @Min(1) @Max(PageParams.MAX_SIZE) Integer size) {

    PageParams paging() {
        return new PageParams(page, size);
    }
}
