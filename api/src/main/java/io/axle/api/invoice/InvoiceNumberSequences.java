package io.axle.api.invoice;

/**
 * The InvoiceNumbering aggregates, one per company and year, and the invoice numbers they hand out: {@link #id} names
 * the sequence of a company's year, {@link #format} spells a number, for example {@code INV-2026-000042}.
 */
public record InvoiceNumberSequences() {

    /** Prefix of every sequence identifier. */
    public static final String ID_PREFIX = "invoice-numbers:";

    /** Identifier of the sequence of {@code company} in {@code year}, e.g. {@code invoice-numbers:acme:2026}. */
    public static String id(String company, int year) {
        return ID_PREFIX + company + ":" + year;
    }

    /** The invoice number {@code sequence} of {@code year}: {@code INV-2026-000042}, at least six digits. */
    public static String format(int year, long sequence) {
        return String.format("INV-%d-%06d", year, sequence);
    }
}
