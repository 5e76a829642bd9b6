package io.axle.billing;

import java.time.LocalDate;

/** Reference exchange rates, from the bundled table or a configured source. */
public interface ExchangeRates {

    /**
     * The value of one {@code from} in {@code to} as published on {@code on} or the latest day before it; 1 when the
     * currencies are the same. Refused with {@link UnknownExchangeRateException} when the table cannot tell.
     */
    ExchangeRate rate(String from, String to, LocalDate on);
}
