package io.axle.billing.rates;

/**
 * A rate table that cannot be read: a configuration error that stops start-up, naming the file, the line and the
 * column (1-based; 0 when the whole file is at fault) so that whoever edits the file can find the cell.
 */
public class MalformedRateTableException extends IllegalArgumentException {

    private final int line;
    private final int column;

    MalformedRateTableException(String origin, int line, int column, String columnName, String why) {
        super("Exchange rate table " + origin + where(line, column, columnName) + ": " + why);
        this.line = line;
        this.column = column;
    }

    private static String where(int line, int column, String columnName) {
        if (line == 0) {
            return "";
        }
        if (column == 0) {
            return ", line " + line;
        }
        return ", line " + line + ", column " + column + (columnName == null ? "" : " (" + columnName + ")");
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
