package io.axle.api.invoice;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The due date passed with {@code balance} still owed. */
public record InvoiceOverdueEvent(String invoiceId, LocalDate dueDate, BigDecimal balance) {
}
