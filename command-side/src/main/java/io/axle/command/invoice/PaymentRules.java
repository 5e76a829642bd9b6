package io.axle.command.invoice;

import io.axle.command.RuleViolationException;
import io.axle.platform.json.StrictJson;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The checks of a payment's date and reference. A payment is dated the day the money arrived: not before the day the
 * invoice was issued (UTC), and not after today as seen at UTC+14, the first place each day begins, so that a payment
 * received today anywhere is accepted and one dated tomorrow everywhere is not.
 */
final class PaymentRules {

    /** Longest payment reference (a bank transfer's remittance text is 140 characters at most). */
    static final int MAX_REFERENCE = 140;
    /** The zone where each calendar day begins first. */
    private static final ZoneOffset EARLIEST_ZONE = ZoneOffset.ofHours(14);

    private PaymentRules() {
    }

    /** The day paid: {@code paidOn}, or today in UTC when not given; refusals are 422 naming {@code paidOn}. */
    static LocalDate paidOn(LocalDate paidOn, Instant now, LocalDate issuedOn) {
        LocalDate day = paidOn != null ? paidOn : LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate latest = LocalDate.ofInstant(now, EARLIEST_ZONE);
        if (day.isAfter(latest)) {
            throw RuleViolationException.unprocessable("paidOn", "not-in-future", "paidOn " + day
                    + " is in the future; a payment is dated the day the money arrived");
        }
        if (issuedOn != null && day.isBefore(issuedOn)) {
            throw RuleViolationException.unprocessable("paidOn", "not-before-issue", "paidOn " + day
                    + " is before the invoice was issued, on " + issuedOn);
        }
        return day;
    }

    /** The reference stripped, null when blank; at most {@value #MAX_REFERENCE} characters, none a control one. */
    static String reference(String reference) {
        if (reference == null || reference.isBlank()) {
            return null;
        }
        String wrong = StrictJson.controlCharacterIn(reference, false);
        if (wrong != null) {
            throw RuleViolationException.unprocessable("reference", "no-control-characters", "reference " + wrong);
        }
        String stripped = reference.strip();
        if (stripped.length() > MAX_REFERENCE) {
            throw RuleViolationException.unprocessable("reference", "max-length", "reference must be at most "
                    + MAX_REFERENCE + " characters, was " + stripped.length());
        }
        return stripped;
    }
}
