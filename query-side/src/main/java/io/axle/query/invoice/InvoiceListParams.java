package io.axle.query.invoice;

import io.axle.api.invoice.InvoiceStatus;
import io.axle.platform.web.Problems;
import io.axle.query.PageParams;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Query parameters of {@code GET /api/v1/invoices} (and of its totals): filters by order, customer, status and
 * {@code overdue=true}, and a page of at most
 * {@value #MAX_SIZE} invoices (default {@value PageParams#DEFAULT_SIZE}). The status is read here rather than bound
 * as the enum, so that an unknown one is answered with the statuses there are.
 */
record InvoiceListParams(
        String orderId,
        String customerId,
        String status,
        Boolean overdue,
        @Min(0) Integer page,
        @Min(1) @Max(MAX_SIZE) Integer size) {

    static final int MAX_SIZE = 100;

    PageParams paging() {
        return new PageParams(page, size);
    }

    /**
     * The status filter, null when none is given.
     *
     * @throws ErrorResponseException a 400 problem naming {@code status}, rule {@code one-of}, and the statuses there
     *         are (also as {@code allowed}) when the status is not one of them
     */
    InvoiceStatus statusFilter() {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return InvoiceStatus.valueOf(status.trim());
        } catch (IllegalArgumentException unknown) {
            List<String> allowed = Arrays.stream(InvoiceStatus.values()).map(Enum::name).toList();
            ProblemDetail problem = Problems.refusal(HttpStatus.BAD_REQUEST, "status", "one-of",
                    "status must be one of " + String.join(", ", allowed) + "; got '" + status + "'.");
            problem.setProperty("allowed", allowed);
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, unknown);
        }
    }

    /** The day whose overdue invoices are asked for: today in UTC with {@code overdue=true}, else null. */
    LocalDate overdueOn(Clock clock) {
        return Boolean.TRUE.equals(overdue) ? LocalDate.now(clock.withZone(ZoneOffset.UTC)) : null;
    }

    /** Blank filters match everything, as if they were not given. */
    static String filter(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
