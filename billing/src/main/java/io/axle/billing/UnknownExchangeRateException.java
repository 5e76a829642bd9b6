package io.axle.billing;

import java.time.LocalDate;

/** The rate table has no rate between two currencies on or before a day. */
public class UnknownExchangeRateException extends RuntimeException {

    public UnknownExchangeRateException(String from, String to, LocalDate on) {
        super("no exchange rate from " + from + " to " + to + " on or before " + on);
    }
}
