package io.axle.command.invoice;

import java.time.Duration;

/**
 * How overdue invoices are reminded ({@code axle.billing.reminders.*}): whether at all, and how long after one reminder
 * the next is due while the invoice stays overdue. Given to the {@link Invoice}'s deadline handlers, which decide.
 */
public record PaymentReminders(boolean enabled, Duration interval) {

    public PaymentReminders {
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("axle.billing.reminders.interval must be more than zero, was " + interval);
        }
    }

    /** Reminders on, one a week. */
    public static PaymentReminders weekly() {
        return new PaymentReminders(true, Duration.ofDays(7));
    }
}
