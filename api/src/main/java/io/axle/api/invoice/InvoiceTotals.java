package io.axle.api.invoice;

import java.util.List;

/** The answer to an {@link InvoiceTotalsQuery}: one total per currency, in currency order. */
public record InvoiceTotals(List<OutstandingTotal> totals) {

    public InvoiceTotals {
        totals = totals == null ? List.of() : List.copyOf(totals);
    }
}
