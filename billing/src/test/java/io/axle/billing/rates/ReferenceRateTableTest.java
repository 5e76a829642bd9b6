package io.axle.billing.rates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading tables in the ECB's layout, and refusing malformed ones with the line and column at fault. */
class ReferenceRateTableTest {

    @Test
    void readsTheEcbHistoricalLayoutWithItsTrailingCommasAndNotAvailableCells() throws IOException {
        ReferenceRateTable table = ReferenceRateTable.read(new StringReader("""
                Date,USD,JPY,CYP,GBP,
                2025-05-09,1.1252,163.36,N/A,0.8477,
                2025-05-08,1.1297,163.45,,0.8476,
                """), "test");

        assertThat(table.size()).isEqualTo(2);
        assertThat(table.currencies()).containsExactly("EUR", "GBP", "JPY", "USD");
        assertThat(table.perEuro("JPY", LocalDate.parse("2025-05-08"))).isEqualByComparingTo("163.45");
        assertThat(table.perEuro("CYP", LocalDate.parse("2025-05-08"))).isNull();
    }

    @Test
    void readsTheEcbDailyLayoutWithSpacesAndAnEnglishDate() throws IOException {
        ReferenceRateTable table = ReferenceRateTable.read(new StringReader("""
                Date, USD, JPY, GBP,
                09 May 2025, 1.1252, 163.36, 0.8477,
                """), "test");

        assertThat(table.newest()).isEqualTo(LocalDate.parse("2025-05-09"));
        assertThat(table.perEuro("GBP", table.newest())).isEqualByComparingTo("0.8477");
    }

    @Test
    void skipsCommentsBlankLinesAndAByteOrderMarkAndAllowsNoTrailingComma() throws IOException {
        ReferenceRateTable table = ReferenceRateTable.read(new StringReader(
                "\uFEFF# our own rates\n\nDate,USD,GBP\n2026-01-05,1.2,\n2026-01-02,1.1,0.9\n"), "test");

        assertThat(table.oldest()).isEqualTo(LocalDate.parse("2026-01-02"));
        assertThat(table.perEuro("USD", LocalDate.parse("2026-01-05"))).isEqualByComparingTo("1.2");
        assertThat(table.perEuro("GBP", LocalDate.parse("2026-01-05"))).isNull();
    }

    /** Each case is a table whose lines are separated by {@code ;}; the message names the line and column. */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "Day,USD;2025-05-09,1.1                            | line 1, column 1: expected the header 'Date,USD",
            "Date,USD,usd;2025-05-09,1.1,1.1                   | line 1, column 3: 'usd' is not an ISO 4217",
            "Date,USD,EUR;2025-05-09,1.1,1                     | line 1, column 3 (EUR): EUR is the base",
            "Date,USD,GBP,USD;2025-05-09,1.1,0.8,1.1           | line 1, column 4 (USD): USD is listed twice",
            "Date;2025-05-09                                   | line 1, column 2: the header names no currency",
            "Date,USD,GBP;2025-05-09,1.1,abc                   | line 2, column 3 (GBP): 'abc' is not a number",
            "Date,USD,GBP;2025-05-09,1,1;2025-05-08,1.1,1,2,   | line 3, column 4: expected 3 columns",
            "Date,USD,GBP;2025-05-09,1.1                       | line 2, column 3: expected 3 columns",
            "Date,USD,GBP;2025-05-09,-1.1,0.8                  | line 2, column 2 (USD): rate -1.1 is not positive",
            "Date,USD,GBP;2025-05-09,0,0.8                     | line 2, column 2 (USD): rate 0 is not positive",
            "Date,USD;09/05/2025,1.1                           | line 2, column 1 (Date): '09/05/2025' is not a date",
            "Date,USD;2025-05-09,1.1;# dup;2025-05-09,1.2      | line 4, column 1 (Date): 2025-05-09 is listed twice",
            "Date,USD,GBP                                      | has a header but no publication day",
            "# nothing                                         | is empty",
    })
    void refusesAMalformedTableNamingLineAndColumn(String csv, String error) {
        assertThatThrownBy(() -> ReferenceRateTable.read(new StringReader(csv.replace(";", "\n")), "rates.csv"))
                .isInstanceOf(MalformedRateTableException.class)
                .hasMessageStartingWith("Exchange rate table rates.csv")
                .hasMessageContaining(error);
    }

    @Test
    void theExceptionCarriesLineAndColumn() {
        assertThatThrownBy(() -> ReferenceRateTable.read(new StringReader("Date,USD,GBP\n2025-05-09,1.1,x\n"), "t"))
                .isInstanceOfSatisfying(MalformedRateTableException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(3);
                });
    }
}
