package io.axle.command.document.alert;

import java.util.List;

/**
 * One alert rule, checked: documents of {@code type} ({@code *} for any) whose field {@code field} passes condition
 * {@code op} with {@code value} raise alert {@code id} with {@code severity} and {@code message}, mailed to
 * {@code recipients}. A rule without a field matches on the type alone. {@code part} says what of the field is tested:
 * its value, or the note the pipeline wrote on it (why its confidence is low: a failed check, a guess).
 *
 * @param message a template: {@code {totalInclTax}} stands for that field's value, {@code {type}} for the type
 */
public record AlertRule(String id, String type, String field, Part part, String op, String value, String severity,
                        String message, List<String> recipients) {

    /** The severities a rule may have, least urgent first. */
    public static final List<String> SEVERITIES = List.of("info", "warning", "critical");
    /** The type that stands for any type. */
    public static final String ANY_TYPE = "*";

    public AlertRule {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }

    /** What of a field a condition tests. */
    public enum Part {
        /** The field's value, as recorded (dates ISO-8601, amounts plain decimals). */
        VALUE,
        /** The field's note: why its confidence is low, or who gave the value. */
        NOTE
    }

    /** Whether the rule applies to documents of {@code documentType}. */
    boolean appliesTo(String documentType) {
        return ANY_TYPE.equals(type) || type.equalsIgnoreCase(documentType);
    }

    /** The fields the rule looks at: its condition's and those its message names, each once. */
    List<String> fieldsNamed() {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        if (field != null) {
            names.add(field);
        }
        java.util.regex.Matcher placeholder = AlertEvaluator.PLACEHOLDER.matcher(message);
        while (placeholder.find()) {
            if (!"type".equals(placeholder.group(1))) {
                names.add(placeholder.group(1));
            }
        }
        return List.copyOf(names);
    }
}
