package io.axle.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** CSV as RFC 4180 writes it, with text a spreadsheet would run as a formula defused. */
class CsvColumnsTest {

    private record Row(String text, BigDecimal amount, Instant at) {
    }

    private static final CsvColumns<Row> COLUMNS = CsvColumns.of(Row.class)
            .column("text", Row::text)
            .column("amount", Row::amount)
            .column("at", Row::at);

    @Test
    void writesAHeaderThenOneCrlfLineARow() throws IOException {
        assertThat(write(new Row("plain", new BigDecimal("12.50"), Instant.parse("2026-03-02T09:00:00Z"))))
                .isEqualTo("text,amount,at\r\nplain,12.50,2026-03-02T09:00:00Z\r\n");
    }

    @Test
    void quotesCellsHoldingSeparatorsQuotesOrLineBreaks() {
        assertThat(CsvColumns.cell("Dupré, fils")).isEqualTo("\"Dupré, fils\"");
        assertThat(CsvColumns.cell("the \"best\"")).isEqualTo("\"the \"\"best\"\"\"");
        assertThat(CsvColumns.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvColumns.cell(null)).isEmpty();
    }

    @Test
    void prefixesTextThatASpreadsheetWouldRunAsAFormula() {
        assertThat(CsvColumns.cell("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(CsvColumns.cell("+1")).isEqualTo("'+1");
        assertThat(CsvColumns.cell("-2")).isEqualTo("'-2");
        assertThat(CsvColumns.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvColumns.cell("\tx")).isEqualTo("'\tx");
    }

    @Test
    void writesNumbersAsPlainDecimalsWithoutAGuard() {
        assertThat(CsvColumns.cell(new BigDecimal("1.2345E+3"))).isEqualTo("1234.5");
        assertThat(CsvColumns.cell(new BigDecimal("-5.00"))).isEqualTo("-5.00");
        assertThat(CsvColumns.cell(-3)).isEqualTo("-3");
    }

    private static String write(Row row) throws IOException {
        StringWriter out = new StringWriter();
        COLUMNS.writeHeader(out);
        COLUMNS.writeRow(out, row);
        return out.toString();
    }
}
