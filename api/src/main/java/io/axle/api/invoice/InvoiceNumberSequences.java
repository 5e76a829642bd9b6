package io.axle.api.invoice;

/**
 * The InvoiceNumbering aggregates, one per company, kind of document and year, and the numbers they hand out:
 * {@link #id} names a sequence, {@link #format} spells a number, for example {@code INV-2026-000042} for an invoice and
 * {@code CN-2026-000007} for a credit note. Invoices and credit notes each have their own gap-free sequence.
 */
public record InvoiceNumberSequences() {

    /** Prefix of every invoice sequence identifier. */
    public static final String ID_PREFIX = "invoice-numbers:";
    /** Prefix of every credit-note sequence identifier. */
    public static final String CREDIT_NOTE_ID_PREFIX = "credit-note-numbers:";

    /** Identifier of the invoice sequence of {@code company} in {@code year}, e.g. {@code invoice-numbers:acme:2026}. */
    public static String id(String company, int year) {
        return id(DocumentKind.INVOICE, company, year);
    }

    /** Identifier of the {@code kind} sequence of {@code company} in {@code year}. */
    public static String id(DocumentKind kind, String company, int year) {
        return (kind == DocumentKind.CREDIT_NOTE ? CREDIT_NOTE_ID_PREFIX : ID_PREFIX) + company + ":" + year;
    }

    /** The invoice number {@code sequence} of {@code year}: {@code INV-2026-000042}, at least six digits. */
    public static String format(int year, long sequence) {
        return format(DocumentKind.INVOICE, year, sequence);
    }

    /** Number {@code sequence} of {@code year} for {@code kind}: {@code INV-2026-000042} or {@code CN-2026-000042}. */
    public static String format(DocumentKind kind, int year, long sequence) {
        return String.format("%s-%d-%06d", kind == DocumentKind.CREDIT_NOTE ? "CN" : "INV", year, sequence);
    }
}
