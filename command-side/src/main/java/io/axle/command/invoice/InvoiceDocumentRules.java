package io.axle.command.invoice;

import io.axle.api.invoice.BillingDocument;
import io.axle.api.invoice.DocumentKind;
import io.axle.api.invoice.InvoiceLineItem;
import io.axle.command.RuleViolationException;
import io.axle.command.Rules;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks an invoice or credit note passes before it is issued. An issued document never changes, so whatever it
 * gets wrong stays wrong: it must say what the invoice it belongs to says (order, currency, corrected number), name
 * both parties, have lines, and add up ({@code totalExclTax + totalTax = totalInclTax}, in the currency's minor unit).
 * Each refusal is a 422 naming the field ({@code document.…}) and the rule.
 */
final class InvoiceDocumentRules {

    private static final Pattern SHA_256 = Pattern.compile("[0-9a-f]{64}");

    private InvoiceDocumentRules() {
    }

    /** Checks an invoice of order {@code orderId}. */
    static void checkInvoice(BillingDocument document, String pdfSha256, String orderId) {
        checkDocument(document, pdfSha256, DocumentKind.INVOICE, orderId);
        Rules.required(document.dueDate(), "document.dueDate");
    }

    /** Checks a credit note correcting invoice {@code invoiceNumber} of order {@code orderId}. */
    static void checkCreditNote(BillingDocument document, String pdfSha256, String orderId, String invoiceNumber,
                                String invoiceCurrency) {
        checkDocument(document, pdfSha256, DocumentKind.CREDIT_NOTE, orderId);
        if (!invoiceNumber.equals(document.correctedNumber())) {
            throw RuleViolationException.unprocessable("document.correctedNumber", "corrected-invoice",
                    "a credit note of invoice " + invoiceNumber + " must name it as corrected, not "
                            + document.correctedNumber());
        }
        if (!invoiceCurrency.equals(document.currency())) {
            throw RuleViolationException.unprocessable("document.currency", "invoice-currency",
                    "a credit note of invoice " + invoiceNumber + " is in its currency " + invoiceCurrency + ", not "
                            + document.currency());
        }
        Rules.required(document.reason(), "document.reason");
    }

    /** The number of decimals amounts in {@code currency} have (EUR 2, JPY 0). */
    static int minorUnit(String currency) {
        return Currency.getInstance(currency).getDefaultFractionDigits();
    }

    private static void checkDocument(BillingDocument document, String pdfSha256, DocumentKind kind, String orderId) {
        Rules.required(document, "document");
        if (document.kind() != kind) {
            throw RuleViolationException.unprocessable("document.kind", "document-kind",
                    "expected a document of kind " + kind + ", got " + document.kind());
        }
        Rules.required(document.number(), "document.number");
        Rules.required(document.company(), "document.company");
        if (!orderId.equals(document.orderId())) {
            throw RuleViolationException.unprocessable("document.orderId", "same-order",
                    "the document must be of order " + orderId + ", not " + document.orderId());
        }
        Rules.required(document.seller(), "document.seller");
        Rules.required(document.buyer(), "document.buyer");
        Rules.currency(document.currency(), "document.currency");
        if (minorUnit(document.currency()) < 0) {
            throw RuleViolationException.unprocessable("document.currency", "minor-unit",
                    document.currency() + " has no minor unit and cannot be invoiced");
        }
        Rules.currency(document.accountingCurrency(), "document.accountingCurrency");
        Rules.positive(document.exchangeRate(), "document.exchangeRate");
        Rules.required(document.issuedAt(), "document.issuedAt");
        checkLines(document.lines());
        checkTotals(document);
        Rules.required(pdfSha256, "pdfSha256");
        if (!SHA_256.matcher(pdfSha256).matches()) {
            throw RuleViolationException.unprocessable("pdfSha256", "sha-256",
                    "pdfSha256 must be the 64 lowercase hex digits of a SHA-256 digest");
        }
    }

    private static void checkLines(List<InvoiceLineItem> lines) {
        if (lines.isEmpty()) {
            throw RuleViolationException.unprocessable("document.lines", "not-empty",
                    "a document needs at least one line");
        }
        Set<Integer> positions = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String field = "document.lines[" + i + "]";
            InvoiceLineItem line = lines.get(i);
            Rules.required(line, field);
            Rules.positive(line.position(), field + ".position");
            if (!positions.add(line.position())) {
                throw RuleViolationException.unprocessable(field + ".position", "unique-position",
                        "line position " + line.position() + " appears more than once");
            }
            Rules.positive(line.quantity(), field + ".quantity");
        }
    }

    private static void checkTotals(BillingDocument document) {
        Rules.nonNegative(document.totalExclTax(), "document.totalExclTax");
        Rules.nonNegative(document.totalTax(), "document.totalTax");
        Rules.nonNegative(document.totalInclTax(), "document.totalInclTax");
        int minorUnit = minorUnit(document.currency());
        if (document.totalInclTax().stripTrailingZeros().scale() > minorUnit) {
            throw RuleViolationException.unprocessable("document.totalInclTax", "minor-unit",
                    document.currency() + " amounts have at most " + minorUnit + " decimals, totalInclTax was "
                            + document.totalInclTax().toPlainString());
        }
        BigDecimal sum = document.totalExclTax().add(document.totalTax());
        if (sum.compareTo(document.totalInclTax()) != 0) {
            throw RuleViolationException.unprocessable("document.totalInclTax", "sum",
                    "totalInclTax " + document.totalInclTax().toPlainString() + " must be totalExclTax + totalTax = "
                            + sum.toPlainString());
        }
    }
}
