package io.axle.command.document.alert;

import io.axle.command.document.alert.DocumentAlertProperties.Rule;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules' configuration is checked at start-up, each mistake named with its property and what to write. */
class DocumentAlertPropertiesTest {

    private static List<AlertRule> check(List<String> everyone, Rule... rules) {
        return new DocumentAlertProperties(List.of(rules), everyone, null).rules(AlertConditions.builtIn());
    }

    private static Rule rule(String id, String field, String op, String value, String severity) {
        return new Rule(id, "invoice", field, null, op, value, severity, "m", null);
    }

    @Test
    void theApplicationDefaultsHoldTheFourRulesAndTheyPassTheChecks() throws Exception {
        List<org.springframework.core.env.PropertySource<?>> sources = new org.springframework.boot.env
                .YamlPropertySourceLoader().load("defaults", new org.springframework.core.io.ClassPathResource(
                        "application.yml"));
        org.springframework.core.env.StandardEnvironment environment = new org.springframework.core.env
                .StandardEnvironment();
        sources.forEach(environment.getPropertySources()::addLast);
        DocumentAlertProperties defaults = org.springframework.boot.context.properties.bind.Binder.get(environment)
                .bind(DocumentAlertProperties.PREFIX, DocumentAlertProperties.class).get();

        List<AlertRule> rules = defaults.rules(AlertConditions.builtIn());

        assertThat(rules).extracting(AlertRule::id).containsExactly("large-invoice", "contract-received",
                "vehicle-registration-vin", "iban-check-failed");
        assertThat(rules.get(0)).isEqualTo(new AlertRule("large-invoice", "invoice", "totalInclTax",
                AlertRule.Part.VALUE, ">", "10000", "warning",
                "Invoice above 10000: {totalInclTax} {currency} incl. tax", List.of()));
        assertThat(rules.get(3).part()).isEqualTo(AlertRule.Part.NOTE);
        assertThat(rules).extracting(AlertRule::severity).containsExactly("warning", "info", "warning", "critical");
    }

    @Test
    void aGoodRuleIsKeptWithItsRecipientsAndEveryonesAfterThem() {
        List<AlertRule> rules = check(List.of("controller@axle.example", "ap@axle.example"),
                new Rule("large-invoice", " invoice ", "totalInclTax", null, ">", "10000", " Warning ",
                        " Invoice above 10000 ", List.of("ap@axle.example")));

        assertThat(rules).containsExactly(new AlertRule("large-invoice", "invoice", "totalInclTax",
                AlertRule.Part.VALUE, ">", "10000", "warning", "Invoice above 10000",
                List.of("ap@axle.example", "controller@axle.example")));
    }

    @Test
    void aRuleWithoutTypeAppliesToAnyType() {
        assertThat(check(List.of(), new Rule("any", null, null, null, null, null, "info", "m", null)).get(0).type())
                .isEqualTo("*");
    }

    @Test
    void anUnknownOpIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> check(List.of(), rule("large-invoice", "totalInclTax", "=>", "10000", "warning")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("axle.documents.alerts.rules[0] (large-invoice): op '=>' is unknown; use one of"
                        + " >, >=, <, <=, =, present, absent, matches");
    }

    @Test
    void aComparisonWithSomethingElseThanANumberIsRefused() {
        assertThatThrownBy(() -> check(List.of(), rule("ok", "totalInclTax", ">", "1", "info"),
                rule("large", "totalInclTax", ">", "10 000", "info")))
                .hasMessageContaining("axle.documents.alerts.rules[1] (large): value '10 000' is not a number");
        assertThatThrownBy(() -> check(List.of(), rule("large", "totalInclTax", "<=", null, "info")))
                .hasMessageContaining("value 'null' is not a number");
    }

    @Test
    void aBadRegularExpressionIsRefused() {
        assertThatThrownBy(() -> check(List.of(), rule("acme", "supplierName", "matches", "(acme", "info")))
                .hasMessageContaining("axle.documents.alerts.rules[0] (acme): value '(acme' is not a regular"
                        + " expression");
    }

    @Test
    void everyMistakeIsListedAtOnce() {
        assertThatThrownBy(() -> check(List.of("not an address"),
                new Rule(null, "invoice", null, null, null, null, "info", "m", null),
                rule("a", "totalInclTax", null, null, "info"),
                rule("a", null, "present", null, "info"),
                rule("b", "iban", "present", null, "urgent"),
                new Rule("c", "*", "iban", "label", "present", null, "info", " ", List.of("bob@"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("axle.documents.alerts.recipients: 'not an address' is not a mail address")
                .hasMessageContaining("axle.documents.alerts.rules[0].id is missing")
                .hasMessageContaining("axle.documents.alerts.rules[1] (a): field 'totalInclTax' needs an op")
                .hasMessageContaining("axle.documents.alerts.rules[2].id 'a' is used by an earlier rule")
                .hasMessageContaining("axle.documents.alerts.rules[2] (a): op 'present' needs a field to test")
                .hasMessageContaining("axle.documents.alerts.rules[3] (b): severity 'urgent' is unknown; use one of"
                        + " info, warning, critical")
                .hasMessageContaining("axle.documents.alerts.rules[4] (c): part 'label' is unknown; use value or note")
                .hasMessageContaining("axle.documents.alerts.rules[4] (c): message is missing")
                .hasMessageContaining("axle.documents.alerts.rules[4].recipients: 'bob@' is not a mail address");
    }

    @Test
    void aConditionMayNotTakeABuiltInName() {
        AlertCondition shadow = AlertConditions.condition("present", subject -> true);
        assertThatThrownBy(() -> new AlertConditions(List.of(shadow)))
                .hasMessageContaining("Two alert conditions are named 'present'");
    }
}
