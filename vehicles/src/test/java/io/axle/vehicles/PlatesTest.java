package io.axle.vehicles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatesTest {

    @ParameterizedTest(name = "{0} \"{1}\" → \"{2}\"")
    @CsvSource(delimiter = '|', value = {
            "FR | AB-123-CD   | AB-123-CD",
            "FR | ab 123 cd   | AB-123-CD",
            "FR | AB123CD     | AB-123-CD",
            "fr | ' GQ-001-ZZ ' | GQ-001-ZZ",
            "DE | B-AB 1234   | B-AB 1234",
            "DE | b ab1234    | B-AB 1234",
            "DE | M-A 1       | M-A 1",
            "DE | HH-XY 99E   | HH-XY 99E",
            "DE | TÖL-K 12 H  | TÖL-K 12H",
            "DE | mü-ab 12    | MÜ-AB 12",
            "BE | 1-ABC-123   | 1-ABC-123",
            "BE | 2 xyz 987   | 2-XYZ-987",
            "BE | 1ABC123     | 1-ABC-123",
            "BE | ABC-123     | ABC-123",
            "BE | 123 ABC     | 123-ABC",
            "ES | 1234 BCD    | 1234 BCD",
            "ES | 1234-bcd    | 1234 BCD",
            "ES | 0000BBB     | 0000 BBB",
            "IT | AB 123 CD   | AB 123 CD",
            "IT | ab-123-cd   | AB 123 CD",
            "IT | GA123XZ     | GA 123 XZ",
            "NL | AB-12-34    | AB-12-34",
            "NL | 12-34-AB    | 12-34-AB",
            "NL | 12-AB-34    | 12-AB-34",
            "NL | AB-12-CD    | AB-12-CD",
            "NL | AB-CD-12    | AB-CD-12",
            "NL | 12-AB-CD    | 12-AB-CD",
            "NL | 12-ABC-3    | 12-ABC-3",
            "NL | 1-abc-23    | 1-ABC-23",
            "NL | AB-123-C    | AB-123-C",
            "NL | A-123-BC    | A-123-BC",
            "NL | ABC-12-D    | ABC-12-D",
            "NL | A-12-BCD    | A-12-BCD",
            "NL | 1-AB-234    | 1-AB-234",
            "NL | 123-AB-4    | 123-AB-4",
            "NL | gx123b      | GX-123-B",
            // free text elsewhere, or with no country
            "CH | ZH 123456   | ZH 123456",
            "GB | ab12  cde   | AB12 CDE",
            "   | 123-ÆØÅ     | 123-ÆØÅ",
            "US | 7ABC123     | 7ABC123",
    })
    void acceptsAndNormalisesEachCountrysForm(String country, String plate, String canonical) {
        assertThat(Plates.violation(country, plate)).isEmpty();
        assertThat(Plates.normalise(country, plate)).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0} \"{1}\" refused")
    @CsvSource(delimiter = '|', value = {
            "FR | AB-123-C",
            "FR | AB-1234-CD",
            "FR | AI-123-CD",
            "FR | AB-123-OU",
            "FR | UB-123-CD",
            "FR | AB-000-CD",
            "FR | 123-AB-45",
            "FR | AB_123_CD",
            "DE | BAB1234",
            "DE | B-ABC 1234",
            "DE | ABCD-A 1",
            "DE | B-AB 12345",
            "DE | B-AB 0123",
            "DE | B-Ä 12",
            "DE | HHH-AB 1234",
            "DE | B-AB 12 X",
            "BE | 0-ABC-123",
            "BE | 1-AB-123",
            "BE | 1-ABC-1234",
            "ES | 1234 ABC",
            "ES | 1234 BCE",
            "ES | 1234 BQD",
            "ES | 123 BCD",
            "ES | M-1234-AB",
            "IT | AI 123 CD",
            "IT | AB 123 CQ",
            "IT | AB 1234 CD",
            "IT | 12 ABC 34",
            "NL | ABC-123",
            "NL | AB-12-34-5",
            "NL | ABCDEF",
            "NL | 123456",
            "NL | A-1-B",
            "CH | ''",
            "CH | '   '",
            "CH | ABCDEFGHIJKLMNOP",
            "CH | AB.123",
            "   | ---",
    })
    void refusesWhatIsNotAPlateOfThatCountry(String country, String plate) {
        assertThat(Plates.violation(country, plate)).contains("plate-format");
        assertThatThrownBy(() -> Plates.normalise(country, plate)).isInstanceOf(IllegalArgumentException.class);
    }
}
