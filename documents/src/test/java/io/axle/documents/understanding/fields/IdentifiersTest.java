package io.axle.documents.understanding.fields;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.axle.documents.understanding.fields.Identifiers.Check.Outcome;

/**
 * IBAN (mod 97), BIC (shape and country), SIRET (Luhn; La Poste's digit sum), EU VAT numbers (format; the French key),
 * VIN (no I/O/Q; check digit mandatory in North America, a warning elsewhere), plates.
 */
class IdentifiersTest {

    private static final Map<String, Function<String, Identifiers.Check>> CHECKS = Map.of(
            "IBAN", Identifiers::iban, "BIC", Identifiers::bic, "SIRET", Identifiers::siret,
            "VAT", Identifiers::euVatNumber, "VIN", Identifiers::vin);

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(textBlock = """
            IBAN,  FR7630006000011234567890189, PASSED
            IBAN,  DE89370400440532013000,      PASSED
            IBAN,  GB82WEST12345698765432,      PASSED
            IBAN,  FR7630006000011234567890188, FAILED
            IBAN,  DE89370400440532013001,      FAILED
            IBAN,  FR76300060000112345678,      FAILED
            BIC,   BNPAFRPP,                    PASSED
            BIC,   DEUTDEFF500,                 PASSED
            BIC,   BNPAXXPP,                    FAILED
            BIC,   BNPAFRP,                     FAILED
            SIRET, 73282932000074,              PASSED
            SIRET, 44229857700010,              PASSED
            SIRET, 35600000000010,              PASSED
            SIRET, 73282932000075,              FAILED
            SIRET, 35600000000011,              FAILED
            SIRET, 7328293200007,               FAILED
            VAT,   FR44732829320,               PASSED
            VAT,   FR54442298577,               PASSED
            VAT,   FR45732829320,               FAILED
            VAT,   DE123456789,                 PASSED
            VAT,   DE12345678,                  FAILED
            VAT,   NL123456789B01,              PASSED
            VAT,   US123456789,                 FAILED
            VIN,   1G4AH59H45G118341,           PASSED
            VIN,   1J9RP1A36A1644345,           PASSED
            VIN,   VF1RFB00956789012,           PASSED
            VIN,   1G4AH59H55G118341,           FAILED
            VIN,   VF1RFB00X56789012,           WARNING
            VIN,   1G4AH59H45G11834I,           FAILED
            VIN,   VF1RFB009567890O2,           FAILED
            VIN,   1G4AQ59H45G118341,           FAILED
            VIN,   1G4AH59H45G11834,            FAILED
            """)
    void checksIdentifiers(String kind, String value, Outcome outcome) {
        assertThat(CHECKS.get(kind).apply(value).outcome()).isEqualTo(outcome);
    }

    @Test
    void computesTheVinCheckDigitOfTheTestVectors() {
        assertThat(Identifiers.vinCheckDigit("1G4AH59H45G118341")).isEqualTo('4');
        assertThat(Identifiers.vinCheckDigit("1J9RP1A36A1644345")).isEqualTo('6');
        assertThat(Identifiers.vin("VF1RFB00956789O12").reason()).contains("I, O or Q");
    }

    @ParameterizedTest(name = "plate {0} -> {1}")
    @CsvSource(textBlock = """
            AB-123-CD,  AB-123-CD
            ab 123 cd,  AB-123-CD
            AB123CD,    AB-123-CD
            123 ABC 75, 123 ABC 75
            4567 XY 2A, 4567 XY 2A
            B-AB 1234,  B-AB 1234
            M-XY 12E,   M-XY 12E
            AB12 CDE,   AB12 CDE
            """)
    void normalisesPlates(String raw, String expected) {
        assertThat(Identifiers.plate(raw)).hasValue(expected);
    }

    @Test
    void refusesPlatesWithLettersTheFrenchSystemDoesNotUse() {
        assertThat(Identifiers.plate("AI-123-CD")).isEmpty();
        assertThat(Identifiers.plate("AB-123-OU")).isEmpty();
        assertThat(Identifiers.plate("hello")).isEmpty();
    }
}
