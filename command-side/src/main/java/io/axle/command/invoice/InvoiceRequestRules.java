package io.axle.command.invoice;

import io.axle.api.invoice.CreditedLine;
import io.axle.api.invoice.Invoices;
import io.axle.api.invoice.RequestInvoiceCommand;
import io.axle.command.RuleViolationException;
import io.axle.command.Rules;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks of what is asked of an invoice: an invoice request and the lines of a credit-note request. Custom fields
 * are bounded because every template may print them and every event carries them.
 */
final class InvoiceRequestRules {

    /** Most custom fields one invoice may carry. */
    static final int MAX_CUSTOM_FIELDS = 20;
    /** Longest custom field name. */
    static final int MAX_CUSTOM_FIELD_NAME = 64;
    /** Longest custom field value. */
    static final int MAX_CUSTOM_FIELD_VALUE = 500;
    /** Longest reason of a credit note. */
    static final int MAX_REASON = 500;

    private InvoiceRequestRules() {
    }

    /** Checks a request; refusals are 422 naming the field and rule. */
    static void checkRequest(RequestInvoiceCommand command) {
        Rules.required(command.orderId(), "orderId");
        Rules.required(command.invoiceId(), "invoiceId");
        String expected = Invoices.idForOrder(command.orderId());
        if (!expected.equals(command.invoiceId())) {
            throw RuleViolationException.unprocessable("invoiceId", "invoice-id-for-order",
                    "the invoice of order " + command.orderId() + " is " + expected + ", not " + command.invoiceId());
        }
        Rules.required(command.customerId(), "customerId");
        BigDecimal discount = command.globalDiscountPercent();
        if (discount != null) {
            Rules.percent(discount, "globalDiscountPercent");
        }
        checkCustomFields(command.customFields());
    }

    /** The custom fields in the order given, never null. */
    static Map<String, String> customFields(Map<String, String> fields) {
        return fields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    private static void checkCustomFields(Map<String, String> fields) {
        if (fields == null) {
            return;
        }
        if (fields.size() > MAX_CUSTOM_FIELDS) {
            throw RuleViolationException.unprocessable("customFields", "max-entries",
                    "at most " + MAX_CUSTOM_FIELDS + " custom fields, got " + fields.size());
        }
        for (Map.Entry<String, String> field : fields.entrySet()) {
            String name = field.getKey();
            if (name == null || name.isBlank()) {
                throw RuleViolationException.unprocessable("customFields", "name-required",
                        "every custom field needs a name");
            }
            if (name.length() > MAX_CUSTOM_FIELD_NAME) {
                throw RuleViolationException.unprocessable("customFields", "name-max-length",
                        "custom field names have at most " + MAX_CUSTOM_FIELD_NAME + " characters: " + name);
            }
            String valueField = "customFields." + name;
            Rules.required(field.getValue(), valueField);
            if (field.getValue().length() > MAX_CUSTOM_FIELD_VALUE) {
                throw RuleViolationException.unprocessable(valueField, "max-length",
                        valueField + " has at most " + MAX_CUSTOM_FIELD_VALUE + " characters");
            }
        }
    }

    /** Checks a credit note's reason: required and bounded. */
    static void checkReason(String reason) {
        Rules.required(reason, "reason");
        if (reason.strip().length() > MAX_REASON) {
            throw RuleViolationException.unprocessable("reason", "max-length",
                    "reason has at most " + MAX_REASON + " characters");
        }
    }

    /**
     * Checks the lines of a credit-note request against what is left to credit of each invoice line
     * ({@code remaining}, by position) and answers them. Refusals are 422 naming the line.
     */
    static List<CreditedLine> checkCreditedLines(List<CreditedLine> lines, Map<Integer, BigDecimal> remaining,
                                                 Map<Integer, BigDecimal> invoiced) {
        Set<Integer> positions = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String field = "lines[" + i + "]";
            CreditedLine line = lines.get(i);
            Rules.required(line, field);
            if (!invoiced.containsKey(line.position())) {
                throw RuleViolationException.unprocessable(field + ".position", "invoice-line",
                        "the invoice has no line " + line.position() + "; its lines are " + invoiced.keySet());
            }
            if (!positions.add(line.position())) {
                throw RuleViolationException.unprocessable(field + ".position", "unique-position",
                        "line " + line.position() + " appears more than once");
            }
            Rules.quantity(line.quantity(), field + ".quantity");
            BigDecimal left = remaining.get(line.position());
            if (line.quantity().compareTo(left) > 0) {
                throw RuleViolationException.unprocessable(field + ".quantity", "not-more-than-invoiced",
                        "line " + line.position() + ": " + line.quantity().toPlainString() + " to credit, but only "
                                + left.toPlainString() + " of " + invoiced.get(line.position()).toPlainString()
                                + " invoiced is not yet credited or requested on a credit note");
            }
        }
        return List.copyOf(lines);
    }
}
