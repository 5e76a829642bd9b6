package io.axle.command.document.alert;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code axle.documents.alerts.*}: the alert rules on documents and who is mailed about them. The defaults are in the
 * application's defaults ({@code application.yml}); a configuration that gives {@code rules} replaces that list as a
 * whole.
 *
 * @param rules      the rules, in order
 * @param recipients mail addresses told of every alert, beside each rule's own recipients
 * @param from       the From of alert mails; empty = {@code axle.billing.mail.from}, else {@code Axle <axle@localhost>}
 */
@ConfigurationProperties("axle.documents.alerts")
public record DocumentAlertProperties(List<Rule> rules, List<String> recipients, String from) {

    static final String PREFIX = "axle.documents.alerts";

    public DocumentAlertProperties {
        rules = rules == null ? List.of() : List.copyOf(rules);
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }

    /**
     * One rule as configured.
     *
     * @param id         the rule's name, unique: {@code large-invoice}
     * @param type       a document type ({@code invoice}) or {@code *} for any; default {@code *}
     * @param field      the field the condition tests ({@code totalInclTax}); none = the type alone decides
     * @param part       {@code value} (default) or {@code note}: what of the field is tested
     * @param op         the condition: {@code >}, {@code >=}, {@code <}, {@code <=}, {@code =}, {@code present},
     *                   {@code absent}, {@code matches}, or one a module adds (such as {@code vin-unknown})
     * @param value      what the condition compares with: a number, a text, a regular expression
     * @param severity   {@code info}, {@code warning} or {@code critical}
     * @param message    what the alert says; {@code {fieldName}} stands for the field's value
     * @param recipients mail addresses told of this rule's alerts
     */
    public record Rule(String id, String type, String field, String part, String op, String value, String severity,
                       String message, List<String> recipients) {
    }

    /**
     * The rules checked against {@code conditions}; throws {@link IllegalStateException} listing every mistake, each
     * naming the property ({@code axle.documents.alerts.rules[1].op}) and what is wrong, so that Axle does not start
     * with a rule that could never work.
     */
    List<AlertRule> rules(AlertConditions conditions) {
        List<String> problems = new ArrayList<>();
        List<String> everyone = addresses(recipients, PREFIX + ".recipients", problems);
        List<AlertRule> checked = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            String at = PREFIX + ".rules[" + i + "]";
            int before = problems.size();
            String id = blankToNull(rule.id());
            if (id == null) {
                problems.add(at + ".id is missing: every rule has a name");
            } else if (!ids.add(id)) {
                problems.add(at + ".id '" + id + "' is used by an earlier rule: rule names are unique");
            }
            String named = at + (id == null ? "" : " (" + id + ")");
            String field = blankToNull(rule.field());
            String op = blankToNull(rule.op());
            AlertCondition condition = op == null ? null : conditions.find(op);
            if (op != null && condition == null) {
                problems.add(named + ": op '" + op + "' is unknown; use one of " + String.join(", ", conditions.ops()));
            } else if (op != null && field == null) {
                problems.add(named + ": op '" + op + "' needs a field to test");
            } else if (op == null && field != null) {
                problems.add(named + ": field '" + field + "' needs an op to test it with");
            } else if (condition != null) {
                try {
                    condition.checkOperand(rule.value());
                } catch (IllegalArgumentException e) {
                    problems.add(named + ": " + e.getMessage());
                }
            }
            AlertRule.Part part = part(rule.part(), named, problems);
            String severity = rule.severity() == null ? null : rule.severity().strip().toLowerCase(Locale.ROOT);
            if (!AlertRule.SEVERITIES.contains(severity)) {
                problems.add(named + ": severity '" + rule.severity() + "' is unknown; use one of "
                        + String.join(", ", AlertRule.SEVERITIES));
            }
            if (blankToNull(rule.message()) == null) {
                problems.add(named + ": message is missing: say what the alert means");
            }
            List<String> mailTo = new ArrayList<>(addresses(rule.recipients(), at + ".recipients", problems));
            everyone.stream().filter(address -> !mailTo.contains(address)).forEach(mailTo::add);
            if (problems.size() == before) {
                String type = blankToNull(rule.type());
                checked.add(new AlertRule(id, type == null ? AlertRule.ANY_TYPE : type, field, part, op,
                        rule.value(), severity, rule.message().strip(), mailTo));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The document alert rules are misconfigured:\n - "
                    + String.join("\n - ", problems));
        }
        return checked;
    }

    private static AlertRule.Part part(String part, String named, List<String> problems) {
        String given = blankToNull(part);
        if (given == null || given.equalsIgnoreCase("value")) {
            return AlertRule.Part.VALUE;
        }
        if (given.equalsIgnoreCase("note")) {
            return AlertRule.Part.NOTE;
        }
        problems.add(named + ": part '" + part + "' is unknown; use value or note");
        return AlertRule.Part.VALUE;
    }

    private static List<String> addresses(List<String> given, String property, List<String> problems) {
        List<String> addresses = new ArrayList<>();
        for (String address : given == null ? List.<String>of() : given) {
            try {
                InternetAddress parsed = new InternetAddress(address == null ? "" : address.strip(), true);
                parsed.validate();
                if (parsed.getAddress().indexOf('@') < 1) {
                    throw new AddressException("no domain");
                }
                addresses.add(parsed.toUnicodeString());
            } catch (AddressException e) {
                problems.add(property + ": '" + address + "' is not a mail address");
            }
        }
        return addresses;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
