package io.axle.billing;

import io.axle.api.invoice.Party;
import java.time.ZoneId;

/**
 * A company that issues invoices: its own numbering, its seller details, the currency its books are kept in, the
 * payment term in days and the time zone its dates (year of the number, due date) are reckoned in.
 */
public record Company(String id, Party seller, String accountingCurrency, int paymentTermsDays, ZoneId zone) {
}
