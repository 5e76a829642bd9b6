package io.axle.api.invoice;

import java.math.BigDecimal;

/**
 * What {@code count} issued invoices in {@code currency} still owe: the sum of the balances of the open ones (ISSUED,
 * PARTIALLY_PAID, OVERDUE); a refund owed on a paid invoice is not counted against it.
 */
public record OutstandingTotal(String currency, BigDecimal outstanding, long count) {
}
