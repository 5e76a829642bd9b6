package io.axle.command.document;

import io.axle.command.RuleViolationException;
import io.axle.documents.understanding.classification.TypeRules;
import io.axle.documents.understanding.fields.Amounts;
import io.axle.documents.understanding.fields.Dates;
import io.axle.documents.understanding.fields.FieldExtractor;
import io.axle.documents.understanding.fields.Identifiers;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * A value an operator gives a field, normalised as the extractor normalises what it reads (ISO-8601 dates, plain
 * decimals, identifiers without spaces, ISO 4217 currencies) and checked as it checks them (IBAN, BIC, SIRET, EU VAT
 * number, VIN). A value that fails is refused (422) naming {@code fields[i].value} and the rule.
 */
final class FieldValues {

    /** Every field the extractor knows. */
    static final List<String> NAMES = FieldExtractor.fieldsOf(TypeRules.UNKNOWN);

    private FieldValues() {
    }

    /** The normal form of {@code value} for field {@code name}, the {@code index}-th of the request. */
    static String normalise(int index, String name, String value) {
        if (name == null || !NAMES.contains(name)) {
            throw RuleViolationException.unprocessable("fields[" + index + "].name", "known-field",
                    "'" + name + "' is not a field; fields are " + String.join(", ", NAMES));
        }
        String field = "fields[" + index + "].value";
        if (value == null || value.isBlank()) {
            throw RuleViolationException.unprocessable(field, "required",
                    name + " needs a value; to drop the field, name it in remove");
        }
        String given = value.strip();
        return switch (name) {
            case "issueDate", "dueDate" -> date(given).orElseThrow(() -> refused(field, "iso-date",
                    name + " must be a date such as 2026-03-12 (ISO-8601)"));
            case "totalExclTax", "totalTax", "totalInclTax" -> Amounts.parse(given)
                    .map(amount -> amount.value().toPlainString()).orElseThrow(() -> refused(field, "decimal",
                            name + " must be an amount such as 1234.56"));
            case "vatRate" -> rate(given).orElseThrow(() -> refused(field, "decimal",
                    "vatRate must be a percentage such as 20 or 5.5"));
            case "currency" -> currency(given).orElseThrow(() -> refused(field, "iso-4217",
                    "currency must be an ISO 4217 code such as EUR"));
            case "iban" -> checked(field, "iban", compact(given), Identifiers::iban);
            case "bic" -> checked(field, "bic", compact(given), Identifiers::bic);
            case "siret" -> checked(field, "siret", compact(given), Identifiers::siret);
            case "supplierVatNumber" -> checked(field, "eu-vat-number", compact(given), Identifiers::euVatNumber);
            case "vin" -> checked(field, "vin", compact(given), Identifiers::vin);
            case "plate" -> Identifiers.plate(given.toUpperCase(Locale.ROOT)).orElse(given.toUpperCase(Locale.ROOT));
            default -> given;
        };
    }

    private static Optional<String> date(String given) {
        try {
            return Optional.of(LocalDate.parse(given).toString());
        } catch (DateTimeParseException e) {
            return Dates.parse(given, false).filter(date -> !date.ambiguous()).map(date -> date.value().toString());
        }
    }

    private static Optional<String> rate(String given) {
        try {
            BigDecimal rate = new BigDecimal(given.replace("%", "").replace(',', '.').strip());
            return rate.signum() < 0 || rate.compareTo(BigDecimal.valueOf(100)) > 0 ? Optional.empty()
                    : Optional.of(rate.stripTrailingZeros().toPlainString());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> currency(String given) {
        String code = given.toUpperCase(Locale.ROOT);
        try {
            return code.length() == 3 ? Optional.of(Currency.getInstance(code).getCurrencyCode()) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String compact(String given) {
        return given.replaceAll("[\\s.-]", "").toUpperCase(Locale.ROOT);
    }

    private static String checked(String field, String rule, String value,
                                  Function<String, Identifiers.Check> check) {
        Identifiers.Check result = check.apply(value);
        if (result.outcome() == Identifiers.Check.Outcome.FAILED) {
            throw refused(field, rule, value + ": " + result.reason());
        }
        return value;
    }

    private static RuleViolationException refused(String field, String rule, String detail) {
        return RuleViolationException.unprocessable(field, rule, detail);
    }
}
