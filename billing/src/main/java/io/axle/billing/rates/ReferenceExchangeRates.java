package io.axle.billing.rates;

import io.axle.billing.ExchangeRate;
import io.axle.billing.ExchangeRates;
import io.axle.billing.UnknownExchangeRateException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Locale;

/**
 * {@link ExchangeRates} from a table of euro reference rates. A rate from or to EUR is the published figure itself
 * (its inverse for the way back); a rate between two other currencies is crossed through the euro, both legs taken
 * from the same publication day. Computed rates (inverses and crosses) keep {@link #PRECISION} significant digits,
 * rounded half-up: about one digit more than the ECB publishes, so they add no error beyond the published
 * figures'. The rate used is the latest publication on or before the day asked, however old; its day is in
 * {@link ExchangeRate#date()}, so that the invoice shows which publication it used.
 */
public final class ReferenceExchangeRates implements ExchangeRates {

    /** Significant digits and rounding of computed rates. */
    public static final MathContext PRECISION = new MathContext(6, RoundingMode.HALF_UP);

    private final ReferenceRateTable table;
    private final String source;

    /** {@code source} names the publisher of the table, as an invoice would show it ("ECB"). */
    public ReferenceExchangeRates(ReferenceRateTable table, String source) {
        this.table = table;
        this.source = source;
    }

    @Override
    public ExchangeRate rate(String from, String to, LocalDate on) {
        if (from == null || to == null || on == null) {
            throw new UnknownExchangeRateException(from, to, on);
        }
        String base = from.strip().toUpperCase(Locale.ROOT);
        String quote = to.strip().toUpperCase(Locale.ROOT);
        if (base.equals(quote)) {
            return new ExchangeRate(base, quote, BigDecimal.ONE, on, source);
        }
        LocalDate day = table.latestPublication(on, base, quote);
        if (day == null) {
            throw new UnknownExchangeRateException(base, quote, on);
        }
        BigDecimal basePerEuro = table.perEuro(base, day);
        BigDecimal quotePerEuro = table.perEuro(quote, day);
        BigDecimal rate;
        String used = source;
        if (base.equals("EUR")) {
            rate = quotePerEuro;
        } else if (quote.equals("EUR")) {
            rate = tidy(BigDecimal.ONE.divide(basePerEuro, PRECISION));
        } else {
            rate = tidy(quotePerEuro.divide(basePerEuro, PRECISION));
            used = source + ", crossed through EUR";
        }
        return new ExchangeRate(base, quote, rate, day, used);
    }

    /** Without trailing zeros, and never in exponent notation. */
    private static BigDecimal tidy(BigDecimal rate) {
        BigDecimal stripped = rate.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** The table the rates come from. */
    public ReferenceRateTable table() {
        return table;
    }
}
