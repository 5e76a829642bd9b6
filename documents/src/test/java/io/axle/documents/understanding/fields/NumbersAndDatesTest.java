package io.axle.documents.understanding.fields;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NumbersAndDatesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1 234,56 €   | 1234.56   | false
            €1,234.56    | 1234.56   | false
            1.234,56     | 1234.56   | false
            1,234.56     | 1234.56   | false
            1'234.56 CHF | 1234.56   | false
            1 234 567,8  | 1234567.8 | false
            1234.5       | 1234.5    | false
            845,00 EUR   | 845.00    | false
            $12.00       | 12.00     | false
            -45,10       | -45.10    | false
            1000         | 1000      | false
            1.234        | 1234      | true
            1,234        | 1234      | true
            """)
    void readsAmountsInFrenchEnglishAndGermanFormats(String raw, String expected, boolean ambiguous) {
        assertThat(Amounts.parse(raw)).hasValue(new Amounts.Amount(new BigDecimal(expected), ambiguous));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "€", "abc", "1,2345", "12,34,5"})
    void refusesWhatIsNotAnAmount(String raw) {
        assertThat(Amounts.parse(raw)).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            12/03/2026        | 2026-03-12 | false | false
            12.03.2026        | 2026-03-12 | false | false
            12-03-26          | 2026-03-12 | false | false
            2026-03-12        | 2026-03-12 | false | false
            12 mars 2026      | 2026-03-12 | false | false
            1er mars 2026     | 2026-03-01 | false | false
            12 août 2026      | 2026-08-12 | false | false
            12. März 2026     | 2026-03-12 | false | false
            March 12, 2026    | 2026-03-12 | false | true
            March 12th, 2026  | 2026-03-12 | false | true
            12 March 2026     | 2026-03-12 | false | true
            3 Dec 2026        | 2026-12-03 | false | true
            03/25/2026        | 2026-03-25 | true  | true
            12/03/2026        | 2026-03-12 | true  | true
            25/03/2026        | 2026-03-25 | false | true
            """)
    void readsDatesInFrenchEnglishAndGermanFormats(String raw, LocalDate expected, boolean ambiguous, boolean english) {
        assertThat(Dates.parse(raw, english)).hasValue(new Dates.ParsedDate(expected, ambiguous));
    }

    @ParameterizedTest
    @ValueSource(strings = {"31/02/2026", "13/13/2026", "2026-13-01", "mars 2026", "12 trucs 2026"})
    void refusesWhatIsNotADate(String raw) {
        assertThat(Dates.parse(raw, false)).isEmpty();
    }
}
