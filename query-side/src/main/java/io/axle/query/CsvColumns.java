package io.axle.query;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The columns of a CSV export and how each row fills them, written as RFC 4180 wants: comma-separated, CRLF line ends,
 * a cell holding a comma, quote or line break quoted with its quotes doubled. Text starting with {@code = + - @} (or a
 * tab or carriage return) is prefixed with {@code '} so that a spreadsheet shows it rather than running it as a
 * formula; numbers are written as plain decimals ({@code 1234.50}, never {@code 1.2345E+3}) and are not prefixed.
 */
public final class CsvColumns<T> {

    private final List<String> headers = new ArrayList<>();
    private final List<Function<? super T, ?>> values = new ArrayList<>();

    private CsvColumns() {
    }

    /** Columns for rows of {@code type}, added with {@link #column}. */
    public static <T> CsvColumns<T> of(Class<T> type) {
        return new CsvColumns<>();
    }

    /** Adds a column headed {@code header} whose cell is {@code value} of the row (empty when null). */
    public CsvColumns<T> column(String header, Function<? super T, ?> value) {
        headers.add(header);
        values.add(value);
        return this;
    }

    public void writeHeader(Writer out) throws IOException {
        writeLine(out, new ArrayList<>(headers));
    }

    public void writeRow(Writer out, T row) throws IOException {
        List<Object> cells = new ArrayList<>(values.size());
        for (Function<? super T, ?> value : values) {
            cells.add(value.apply(row));
        }
        writeLine(out, cells);
    }

    private static void writeLine(Writer out, List<?> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells.get(i)));
        }
        out.write("\r\n");
    }

    /** One cell as written: plain decimals for numbers, guarded and quoted text for the rest. */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
