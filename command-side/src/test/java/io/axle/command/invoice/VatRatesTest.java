package io.axle.command.invoice;

import io.axle.command.RuleViolationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VatRatesTest {

    private final VatRates rates = VatRates.bundled();

    /** The European Commission's "VAT rates in the EU" table, rates applicable on 1 January 2025. */
    @ParameterizedTest(name = "{0} {1} = {2}%")
    @CsvSource({
            "FR, STANDARD,       20",
            "FR, REDUCED,        10",
            "FR, SECOND_REDUCED, 5.5",
            "FR, SUPER_REDUCED,  2.1",
            "FR, ZERO,           0",
            "DE, STANDARD,       19",
            "DE, REDUCED,        7",
            "DE, ZERO,           0",
            "BE, STANDARD,       21",
            "BE, REDUCED,        12",
            "BE, SECOND_REDUCED, 6",
            "BE, ZERO,           0",
            "ES, STANDARD,       21",
            "ES, REDUCED,        10",
            "ES, SUPER_REDUCED,  4",
            "ES, ZERO,           0",
            "IT, STANDARD,       22",
            "IT, REDUCED,        10",
            "IT, SECOND_REDUCED, 5",
            "IT, SUPER_REDUCED,  4",
            "IT, ZERO,           0",
            "NL, STANDARD,       21",
            "NL, REDUCED,        9",
            "NL, ZERO,           0",
    })
    void bundledTableHasThePublishedRates(String country, RateCategory category, BigDecimal percent) {
        VatRate rate = rates.rate(country, category);

        assertThat(rate.percent()).isEqualByComparingTo(percent);
        assertThat(rate.source()).contains("VAT rates in the EU");
    }

    @Test
    void bundledTableCoversTheRequiredCountries() {
        assertThat(rates.countries()).contains("BE", "DE", "ES", "FR", "IT", "NL");
    }

    @ParameterizedTest(name = "{0} {1} refused")
    @CsvSource({
            "US, STANDARD,       country,      no VAT rates for country 'US'",
            "PL, STANDARD,       country,      no VAT rates for country 'PL'",
            "DE, SUPER_REDUCED,  rateCategory, DE has no SUPER_REDUCED VAT rate",
            "NL, SECOND_REDUCED, rateCategory, NL has no SECOND_REDUCED VAT rate",
            "ES, SECOND_REDUCED, rateCategory, ES has no SECOND_REDUCED VAT rate",
    })
    void refusesACountryOrCategoryTheTableLacks(String country, RateCategory category, String field, String detail) {
        assertThatThrownBy(() -> rates.rate(country, category))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> {
                    assertThat(e.refusal().status()).isEqualTo(422);
                    assertThat(e.refusal().field()).isEqualTo(field);
                    assertThat(e.refusal().rule()).isEqualTo("vat-rate-known");
                })
                .hasMessageContaining(detail);
    }

    @Test
    void aReplacementTableIsReadWithoutCode() throws IOException {
        VatRates replaced = VatRates.read(new StringReader("""
                # a new rate, as a future update would bring
                country,category,rate,source
                FR,STANDARD,21,test table
                """), "test");

        assertThat(replaced.rate("FR", RateCategory.STANDARD).percent()).isEqualByComparingTo("21");
        assertThat(replaced.covers("DE")).isFalse();
    }

    /** Each case is a table whose lines are separated by {@code ;}. */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "FR,STANDARD,20,src                               | line 1: expected the header",
            "country,category,rate,source;FR,STANDARD,abc,src | line 2: 'abc' is not a number",
            "country,category,rate,source;FR,MIDDLE,10,src    | line 2: unknown rate category 'MIDDLE'",
            "country,category,rate,source;XX,STANDARD,10,src  | line 2: 'XX' is not an ISO 3166",
            "country,category,rate,source;FR,STANDARD,120,src | line 2: rate 120 is not between 0 and 100",
            "country,category,rate,source;FR,STANDARD,20,     | line 2: the source is missing",
            "country,category,rate,source;FR,STANDARD,20      | line 2: expected 4 columns",
            "country,category,rate,source;FR,ZERO,0,a;FR,ZERO,0,b | line 3: FR ZERO is listed twice",
            "country,category,rate,source                      | has no rates",
    })
    void refusesAMalformedTable(String csv, String error) {
        assertThatThrownBy(() -> VatRates.read(new StringReader(csv.replace(";", "\n")), "test"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("VAT rate table test")
                .hasMessageContaining(error);
    }
}
