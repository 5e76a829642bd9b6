package io.axle.command.document.alert;

import io.axle.api.document.DocumentField;
import io.axle.command.document.alert.DocumentAlertProperties.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The evaluator, table-driven: each row a rule, a document's type and fields, and whether the rule matches. */
class AlertEvaluatorTest {

    private static final String BAD_IBAN = "not a valid IBAN (country format or mod-97 checksum)";

    static Stream<Arguments> rows() {
        return Stream.of(
                // rule (type, field, part, op, value), document (type, fields), matches
                row("invoice", "totalInclTax", null, ">", "10000", "invoice", fields("totalInclTax", "10000.01"), true),
                row("invoice", "totalInclTax", null, ">", "10000", "invoice", fields("totalInclTax", "10000.00"),
                        false),
                row("invoice", "totalInclTax", null, ">", "10000", "invoice", fields("totalInclTax", "9999.99"), false),
                row("invoice", "totalInclTax", null, ">", "10000", "receipt", fields("totalInclTax", "20000"), false),
                row("invoice", "totalInclTax", null, ">", "10000", "INVOICE", fields("totalInclTax", "20000"), true),
                row("invoice", "totalInclTax", null, ">", "10000", "invoice", fields("totalTax", "20000"), false),
                row("invoice", "totalInclTax", null, ">", "10000", "invoice", fields("totalInclTax", "n/a"), false),
                row("*", "totalInclTax", null, ">=", "10000", "receipt", fields("totalInclTax", "10000"), true),
                row("*", "totalInclTax", null, "<", "0", "credit-note", fields("totalInclTax", "-12.5"), true),
                row("*", "totalInclTax", null, "<", "0", "credit-note", fields("totalInclTax", "0"), false),
                row("*", "totalInclTax", null, "<=", "0", "credit-note", fields("totalInclTax", "0.00"), true),
                row("*", "vatRate", null, "=", "20", "invoice", fields("vatRate", "20.0"), true),
                row("*", "vatRate", null, "=", "20", "invoice", fields("vatRate", "5.5"), false),
                row("*", "currency", null, "=", "usd", "invoice", fields("currency", "USD"), true),
                row("*", "currency", null, "=", "USD", "invoice", fields(), false),
                row("vehicle-registration", "vin", null, "present", null, "vehicle-registration",
                        fields("vin", "VF1RFB00X56789012"), true),
                row("vehicle-registration", "vin", null, "present", null, "vehicle-registration",
                        fields("vin", " "), false),
                row("vehicle-registration", "vin", null, "present", null, "vehicle-registration", fields(), false),
                row("invoice", "dueDate", null, "absent", null, "invoice", fields("issueDate", "2026-03-01"), true),
                row("invoice", "dueDate", null, "absent", null, "invoice", fields("dueDate", "2026-04-01"), false),
                row("*", "supplierName", null, "matches", "(?i)\\bacme\\b", "invoice",
                        fields("supplierName", "ACME SARL"), true),
                row("*", "supplierName", null, "matches", "(?i)\\bacme\\b", "invoice",
                        fields("supplierName", "Acmeco GmbH"), false),
                row("*", "iban", "note", "matches", "(?i)not a valid IBAN", "contract",
                        List.of(new DocumentField("iban", "FR7630006000011234567890188", 0.3, 1, true, BAD_IBAN)),
                        true),
                row("*", "iban", "note", "matches", "(?i)not a valid IBAN", "contract",
                        List.of(new DocumentField("iban", "FR7630006000011234567890189", 0.97, 1, false, "")), false),
                row("*", "iban", "note", "matches", "(?i)not a valid IBAN", "contract", fields(), false),
                row("contract", null, null, null, null, "contract", fields(), true),
                row("contract", null, null, null, null, "letter", fields(), false),
                row("*", null, null, null, null, "unknown", fields(), true));
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} {4} on {5} {6} -> {7}")
    @MethodSource("rows")
    void aRuleMatchesWhenItsTypeAndConditionHold(String type, String field, String part, String op, String value,
                                                  String documentType, List<DocumentField> fields, boolean matches) {
        AlertEvaluator evaluator = evaluator(new Rule("r", type, field, part, op, value, "info", "m", null));

        assertThat(evaluator.evaluate(documentType, fields)).hasSize(matches ? 1 : 0);
    }

    @Test
    void theDefaultRulesRaiseOnTheirDocuments() {
        AlertEvaluator defaults = evaluator(
                new Rule("large-invoice", "invoice", "totalInclTax", null, ">", "10000", "warning",
                        "Invoice above 10000: {totalInclTax} {currency} incl. tax", null),
                new Rule("contract-received", "contract", null, null, null, null, "info",
                        "Contract received: check its terms and dates", null),
                new Rule("vehicle-registration-vin", "vehicle-registration", "vin", null, "present", null, "warning",
                        "VIN {vin} to check against the registry", null),
                new Rule("iban-check-failed", "*", "iban", "note", "matches", "(?i)not a valid IBAN", "critical",
                        "IBAN {iban} fails its check", null));

        assertThat(defaults.evaluate("invoice", List.of(field("totalInclTax", "12500.00"), field("currency", "EUR"),
                new DocumentField("iban", "FR7630006000011234567890188", 0.3, 1, true, BAD_IBAN))))
                .containsExactly(
                        new AlertEvaluator.Alert("large-invoice", "warning",
                                "Invoice above 10000: 12500.00 EUR incl. tax"),
                        new AlertEvaluator.Alert("iban-check-failed", "critical",
                                "IBAN FR7630006000011234567890188 fails its check"));
        assertThat(defaults.evaluate("contract", List.of())).containsExactly(new AlertEvaluator.Alert(
                "contract-received", "info", "Contract received: check its terms and dates"));
        assertThat(defaults.evaluate("vehicle-registration", List.of(field("vin", "VF1RFB00X56789012"))))
                .containsExactly(new AlertEvaluator.Alert("vehicle-registration-vin", "warning",
                        "VIN VF1RFB00X56789012 to check against the registry"));
        assertThat(defaults.evaluate("invoice", List.of(field("totalInclTax", "420.00")))).isEmpty();
        assertThat(defaults.evaluate(null, List.of(field("totalInclTax", "99999.00")))).isEmpty();
    }

    @Test
    void aMessageNamesTheTypeAndLeavesMissingFieldsOut() {
        assertThat(AlertEvaluator.message("{type} over {totalInclTax} {currency} from {supplierName}", "invoice",
                List.of(field("totalInclTax", "12500.00"), field("supplierName", "ACME $1 \\ SARL"))))
                .isEqualTo("invoice over 12500.00 from ACME $1 \\ SARL");
    }

    @Test
    void aConditionAModuleAddsIsUsedByItsName() {
        AlertCondition vinUnknown = AlertConditions.condition("vin-unknown",
                vin -> vin != null && !vin.equals("VF1RFB00X56789012"));
        AlertConditions conditions = new AlertConditions(List.of(vinUnknown));
        List<AlertRule> rules = new DocumentAlertProperties(List.of(new Rule("vin", "vehicle-registration", "vin",
                null, "vin-unknown", null, "warning", "VIN {vin} unknown", null)), null, null).rules(conditions);
        AlertEvaluator evaluator = new AlertEvaluator(rules, conditions);

        assertThat(evaluator.evaluate("vehicle-registration", List.of(field("vin", "WVWZZZ1JZXW000001"))))
                .extracting(AlertEvaluator.Alert::message).containsExactly("VIN WVWZZZ1JZXW000001 unknown");
        assertThat(evaluator.evaluate("vehicle-registration", List.of(field("vin", "VF1RFB00X56789012")))).isEmpty();
    }

    private static AlertEvaluator evaluator(Rule... rules) {
        AlertConditions conditions = AlertConditions.builtIn();
        return new AlertEvaluator(new DocumentAlertProperties(List.of(rules), null, null).rules(conditions),
                conditions);
    }

    private static Arguments row(String type, String field, String part, String op, String value, String documentType,
                                 List<DocumentField> fields, boolean matches) {
        return Arguments.of(type, field, part, op, value, documentType, fields, matches);
    }

    private static List<DocumentField> fields(String... nameValues) {
        List<DocumentField> fields = new ArrayList<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            fields.add(field(nameValues[i], nameValues[i + 1]));
        }
        return fields;
    }

    private static DocumentField field(String name, String value) {
        return new DocumentField(name, value, 0.95, 1, false, "");
    }
}
