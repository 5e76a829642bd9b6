package io.axle.command.document.alert;

import io.axle.api.document.DocumentField;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates the alert rules on a document's type and fields, and nothing else: no I/O, no clock, the same answer for
 * the same document. Rules come checked ({@link DocumentAlertProperties#rules}); each one that matches gives an
 * {@link Alert} with its message filled in, in the order the rules are configured.
 */
public final class AlertEvaluator {

    /** A placeholder in a message: {@code {fieldName}}. */
    static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_-]*)}");

    private final List<AlertRule> rules;
    private final AlertConditions conditions;

    AlertEvaluator(List<AlertRule> rules, AlertConditions conditions) {
        this.rules = List.copyOf(rules);
        this.conditions = conditions;
    }

    /** An alert a rule raises: the rule's id and severity, and its message for this document. */
    public record Alert(String rule, String severity, String message) {
    }

    /** The alerts a document of {@code type} with {@code fields} raises; {@code type} null is {@code unknown}. */
    public List<Alert> evaluate(String type, List<DocumentField> fields) {
        String documentType = type == null ? "unknown" : type;
        List<Alert> alerts = new ArrayList<>();
        for (AlertRule rule : rules) {
            if (rule.appliesTo(documentType) && holds(rule, fields)) {
                alerts.add(new Alert(rule.id(), rule.severity(), message(rule.message(), documentType, fields)));
            }
        }
        return alerts;
    }

    /** The rule {@code id}, if it is configured. */
    public Optional<AlertRule> rule(String id) {
        return rules.stream().filter(rule -> rule.id().equals(id)).findFirst();
    }

    /** The rules, in their configured order. */
    public List<AlertRule> rules() {
        return rules;
    }

    private boolean holds(AlertRule rule, List<DocumentField> fields) {
        if (rule.field() == null) {
            return true;
        }
        DocumentField field = field(fields, rule.field());
        String subject = field == null ? null
                : rule.part() == AlertRule.Part.NOTE ? field.note() : field.value();
        subject = subject == null || subject.isBlank() ? null : subject;
        return conditions.find(rule.op()).holds(subject, rule.value());
    }

    /** {@code template} with each {@code {name}} replaced by that field's value (empty when missing). */
    static String message(String template, String type, List<DocumentField> fields) {
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder message = new StringBuilder();
        while (placeholder.find()) {
            String name = placeholder.group(1);
            DocumentField field = field(fields, name);
            String value = "type".equals(name) ? type : field == null || field.value() == null ? "" : field.value();
            placeholder.appendReplacement(message, Matcher.quoteReplacement(value));
        }
        placeholder.appendTail(message);
        return message.toString().replaceAll("[ \\t]{2,}", " ").strip();
    }

    /** The field named {@code name}, or null. */
    static DocumentField field(List<DocumentField> fields, String name) {
        if (fields == null) {
            return null;
        }
        return fields.stream().filter(field -> name.equals(field.name())).findFirst().orElse(null);
    }
}
