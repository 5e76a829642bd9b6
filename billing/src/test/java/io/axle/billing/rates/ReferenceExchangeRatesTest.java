package io.axle.billing.rates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axle.billing.ExchangeRate;
import io.axle.billing.UnknownExchangeRateException;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.DefaultResourceLoader;

/** The bundled ECB table: published figures, inverses, crosses through the euro, and the day each rate comes from. */
class ReferenceExchangeRatesTest {

    private static final ReferenceExchangeRates RATES = new ReferenceExchangeRates(
            ExchangeRatesAutoConfiguration.load(new DefaultResourceLoader().getResource(ExchangeRatesProperties.BUNDLED),
                    ExchangeRatesProperties.BUNDLED), "ECB");

    /**
     * Expected figures: the ECB's published rates of 9 May 2025 (1 EUR = 1.1252 USD, 0.8477 GBP, 163.36 JPY,
     * 0.9353 CHF, 4.2393 PLN, 404.9 HUF) and of 2 May and 30 April 2025; inverses and crosses to 6 significant digits.
     */
    @ParameterizedTest(name = "{0} -> {1} on {2} = {3} (published {4})")
    @CsvSource({
            "EUR, EUR, 2025-05-09, 1,          2025-05-09",
            "USD, USD, 2025-05-07, 1,          2025-05-07",
            "EUR, USD, 2025-05-09, 1.1252,     2025-05-09",
            "EUR, GBP, 2025-05-09, 0.8477,     2025-05-09",
            "EUR, JPY, 2025-05-08, 163.45,     2025-05-08",
            "EUR, CHF, 2025-05-07, 0.9359,     2025-05-07",
            "EUR, SEK, 2025-05-06, 10.88,      2025-05-06",
            "EUR, DKK, 2025-05-05, 7.4622,     2025-05-05",
            "EUR, NOK, 2025-05-09, 11.6725,    2025-05-09",
            "EUR, PLN, 2025-05-09, 4.2393,     2025-05-09",
            "EUR, CZK, 2025-05-09, 24.946,     2025-05-09",
            "EUR, HUF, 2025-05-09, 404.9,      2025-05-09",
            "EUR, RON, 2025-05-09, 5.1181,     2025-05-09",
            "EUR, CAD, 2025-05-09, 1.5658,     2025-05-09",
            "EUR, AUD, 2025-05-09, 1.7572,     2025-05-09",
            "EUR, CNY, 2025-05-09, 8.147,      2025-05-09",
            "USD, EUR, 2025-05-09, 0.888731,   2025-05-09",
            "USD, EUR, 2025-04-30, 0.879275,   2025-04-30",
            "USD, GBP, 2025-05-09, 0.753377,   2025-05-09",
            "GBP, USD, 2025-05-09, 1.32736,    2025-05-09",
            "JPY, CHF, 2025-05-09, 0.00572539, 2025-05-09",
            "CHF, JPY, 2025-05-09, 174.661,    2025-05-09",
            "HUF, PLN, 2025-05-09, 0.01047,    2025-05-09",
            "USD, GBP, 2025-05-02, 0.75227,    2025-05-02",
            "usd, gbp, 2025-05-09, 0.753377,   2025-05-09",
    })
    void answersThePublishedRateItsInverseOrTheCrossThroughTheEuro(String from, String to, LocalDate on,
                                                                   BigDecimal expected, LocalDate published) {
        ExchangeRate rate = RATES.rate(from, to, on);

        assertThat(rate.rate()).isEqualByComparingTo(expected);
        assertThat(rate.date()).isEqualTo(published);
        assertThat(rate.from()).isEqualTo(from.toUpperCase());
        assertThat(rate.to()).isEqualTo(to.toUpperCase());
        assertThat(rate.source()).startsWith("ECB");
    }

    @Test
    void aCrossRateSaysItWasCrossedAndKeepsSixSignificantDigits() {
        ExchangeRate rate = RATES.rate("USD", "GBP", LocalDate.parse("2025-05-09"));

        assertThat(rate.source()).isEqualTo("ECB, crossed through EUR");
        assertThat(rate.rate().precision()).isLessThanOrEqualTo(6);
        assertThat(rate.rate()).isEqualTo(new BigDecimal("0.753377"));
        assertThat(RATES.rate("EUR", "GBP", LocalDate.parse("2025-05-09")).source()).isEqualTo("ECB");
    }

    /** No publication at weekends nor on 1 May (a TARGET holiday): the latest day before is used. */
    @ParameterizedTest(name = "{0} uses {1}")
    @CsvSource({
            "2025-05-10, 2025-05-09",
            "2025-05-11, 2025-05-09",
            "2026-01-15, 2025-05-09",
            "2025-05-03, 2025-05-02",
            "2025-05-04, 2025-05-02",
            "2025-05-01, 2025-04-30",
    })
    void aDayWithoutPublicationFallsBackToTheLatestDayBefore(LocalDate on, LocalDate published) {
        assertThat(RATES.rate("EUR", "USD", on).date()).isEqualTo(published);
        assertThat(RATES.rate("USD", "GBP", on).date()).isEqualTo(published);
        assertThat(RATES.rate("EUR", "USD", on).rate()).isEqualByComparingTo(RATES.rate("EUR", "USD", published).rate());
    }

    @ParameterizedTest(name = "{0} -> {1} on {2} refused")
    @CsvSource({
            "EUR, USD, 2025-04-29",
            "USD, GBP, 2020-01-01",
            "EUR, XYZ, 2025-05-09",
            "XYZ, EUR, 2025-05-09",
            "USD, XYZ, 2025-05-09",
            "EUR, CYP, 2025-05-09",
    })
    void refusesADayOlderThanTheTableOrAnUnknownCurrency(String from, String to, LocalDate on) {
        assertThatThrownBy(() -> RATES.rate(from, to, on))
                .isInstanceOf(UnknownExchangeRateException.class)
                .hasMessageContaining(from).hasMessageContaining(to).hasMessageContaining(on.toString());
    }

    @Test
    void refusesMissingArguments() {
        assertThatThrownBy(() -> RATES.rate(null, "USD", LocalDate.parse("2025-05-09")))
                .isInstanceOf(UnknownExchangeRateException.class);
        assertThatThrownBy(() -> RATES.rate("EUR", "USD", null)).isInstanceOf(UnknownExchangeRateException.class);
    }

    @Test
    void theBundledTableCoversTheMainCurrencies() {
        assertThat(RATES.table().currencies()).contains("EUR", "USD", "GBP", "CHF", "JPY", "SEK", "DKK", "NOK", "PLN",
                "CZK", "HUF", "RON", "CAD", "AUD", "CNY");
        assertThat(RATES.table().newest()).isEqualTo(LocalDate.parse("2025-05-09"));
        assertThat(RATES.table().oldest()).isEqualTo(LocalDate.parse("2025-04-30"));
        assertThat(RATES.table().size()).isEqualTo(7);
    }

    /** Both legs of a cross come from one day: the latest on which both currencies were published. */
    @Test
    void aCrossUsesTheLatestDayOnWhichBothCurrenciesWerePublished() throws IOException {
        ReferenceRateTable table = ReferenceRateTable.read(new StringReader("""
                Date,USD,GBP,
                2025-05-09,1.25,N/A,
                2025-05-08,1.20,0.80,
                """), "test");
        ReferenceExchangeRates rates = new ReferenceExchangeRates(table, "test");

        assertThat(rates.rate("EUR", "USD", LocalDate.parse("2025-05-09")).date()).isEqualTo("2025-05-09");
        ExchangeRate cross = rates.rate("USD", "GBP", LocalDate.parse("2025-05-09"));
        assertThat(cross.date()).isEqualTo("2025-05-08");
        assertThat(cross.rate()).isEqualByComparingTo("0.666667");
        assertThat(rates.rate("EUR", "GBP", LocalDate.parse("2025-05-10")).date()).isEqualTo("2025-05-08");
    }
}
