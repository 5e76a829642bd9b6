package io.axle.vehicles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VinsTest {

    private static final Clock MID_2026 = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest(name = "{0} has check digit {1}")
    @CsvSource({
            // DOMAIN.md test vectors (49 CFR 565.15(c))
            "1G4AH59H45G118341, 4",
            "1J9RP1A36A1644345, 6",
            // computed by hand with the weights and transliteration of 49 CFR 565.15(c)
            "1HGCM82633A004352, 3",
            "JHMCM56557C404453, 5",
            "11111111111111111, 1",
            "2T1BURHEXJC000001, X",
            "5YJ3E1EA8KF000001, 8",
            "WBA3A5C52DF000001, 2",
    })
    void computesTheCheckDigit(String vin, char expected) {
        assertThat(Vins.checkDigit(vin)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {2} in {3}, {4}")
    @CsvSource({
            "1G4AH59H45G118341, 1G4,    Buick,            United States,  2005",
            "1J9RP1A36A1644345, 1J9644, Jeep,             United States,  2010",
            "1HGCM82633A004352, 1HG,    Honda,            United States,  2003",
            "JHMCM56557C404453, JHM,    Honda,            Japan,          2007",
            "2T1BURHEXJC000001, 2T1,    Toyota,           Canada,         2018",
            "5YJ3E1EA8KF000001, 5YJ,    Tesla,            United States,  2019",
            "WBA3A5C52DF000001, WBA,    BMW,              Germany,        2013",
            "VF1RFB00163000001, VF1,    Renault,          France,         2006",
            "ZFA312003YF000001, ZFA,    Fiat Automobiles, Italy,          2000",
            "SAJAA01T6KF000001, SAJ,    Jaguar,           United Kingdom, 2019",
    })
    void decodesManufacturerCountryAndModelYear(String vin, String wmi, String manufacturer, String country,
                                                int modelYear) {
        DecodedVin decoded = Vins.decode(vin, MID_2026);

        assertThat(decoded.vin()).isEqualTo(vin);
        assertThat(decoded.wmi()).isEqualTo(wmi);
        assertThat(decoded.manufacturer()).isEqualTo(manufacturer);
        assertThat(decoded.country()).isEqualTo(country);
        assertThat(decoded.modelYear()).isEqualTo(modelYear);
        assertThat(decoded.checkDigitValid()).isTrue();
        assertThat(decoded.warnings()).isEmpty();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            " 1g4ah59h45g118341 | 1G4AH59H45G118341",
            "1G4-AH59H4-5G118341| 1G4AH59H45G118341",
            "1G4 AH5 9H4 5G1 18341 | 1G4AH59H45G118341",
    })
    void normalisesCaseSpacesAndHyphens(String raw, String vin) {
        assertThat(Vins.decode(raw, MID_2026).vin()).isEqualTo(vin);
    }

    @ParameterizedTest(name = "{0} refused: {1}")
    @CsvSource(value = {
            "1G4AH59H45G11834,    vin-length",
            "1G4AH59H45G1183411,  vin-length",
            "'',                  vin-length",
            "1G4AH59H45G11834I,   vin-characters",
            "1G4AH59H45G11834O,   vin-characters",
            "1G4AH59H45G11834Q,   vin-characters",
            "1G4AH59H45G11834_,   vin-characters",
            "1G4AH59H45G11834É,   vin-characters",
            // North America: the check digit is mandatory
            "1G4AH59H55G118341,   vin-check-digit",
            "1HGCM8263XA004352,   vin-check-digit",
            "5YJ3E1EA0KF000001,   vin-check-digit",
    })
    void refusesWhatCannotBeAVin(String raw, String rule) {
        assertThatThrownBy(() -> Vins.decode(raw, MID_2026))
                .isInstanceOfSatisfying(VinException.class, e -> assertThat(e.rule()).isEqualTo(rule));
    }

    @Test
    void refusesAnAbsentVinForItsLength() {
        assertThatThrownBy(() -> Vins.decode(null, MID_2026))
                .isInstanceOfSatisfying(VinException.class, e -> assertThat(e.rule()).isEqualTo("vin-length"));
    }

    @Test
    void aWrongCheckDigitOutsideNorthAmericaIsAWarning() {
        DecodedVin decoded = Vins.decode("WVWZZZ1KZ6W000001", MID_2026);

        assertThat(decoded.checkDigitRequired()).isFalse();
        assertThat(decoded.checkDigitValid()).isFalse();
        assertThat(decoded.warnings()).containsExactly("check-digit");
        assertThat(decoded.manufacturer()).isEqualTo("Volkswagen");
        assertThat(decoded.country()).isEqualTo("Germany");
    }

    @Test
    void theCheckDigitIsRequiredInNorthAmericaOnly() {
        assertThat(Vins.decode("1G4AH59H45G118341", MID_2026).checkDigitRequired()).isTrue();
        assertThat(Vins.decode("WBA3A5C52DF000001", MID_2026).checkDigitRequired()).isFalse();
    }

    @Test
    void anUnknownWmiIsAWarning() {
        DecodedVin decoded = Vins.decode("11111111111111111", MID_2026);

        assertThat(decoded.manufacturer()).isNull();
        assertThat(decoded.country()).isEqualTo("United States");
        assertThat(decoded.warnings()).containsExactly("unknown-manufacturer");
    }

    @ParameterizedTest(name = "position 7 {1}, position 10 {2} → {3}")
    @CsvSource({
            // North America: a letter in position 7 places position 10 in 2010–2039, a digit in 1980–2009
            "1HGCM82633A004352, digit,  3, 2003",
            "1J9RP1A36A1644345, letter, A, 2010",
            "2T1BURHEXJC000001, letter, J, 2018",
    })
    void northAmericanModelYearsFollowPositionSeven(String vin, String position7, char position10, int year) {
        assertThat(Vins.decode(vin, MID_2026).modelYear()).isEqualTo(year);
    }

    @ParameterizedTest(name = "position 10 {0} in {1} → {2}")
    @CsvSource({
            // elsewhere: the latest year of the 30-year cycle that is not after next year
            "T, 2026-06-01T00:00:00Z, 2026",
            "V, 2026-06-01T00:00:00Z, 2027",
            "W, 2026-06-01T00:00:00Z, 1998",
            "A, 2026-06-01T00:00:00Z, 2010",
            "9, 2026-06-01T00:00:00Z, 2009",
            "1, 2026-06-01T00:00:00Z, 2001",
            "Y, 2029-01-01T00:00:00Z, 2030",
            "1, 2030-06-01T00:00:00Z, 2031",
    })
    void otherModelYearsAreTheLatestNotAfterNextYear(char code, Instant now, int year) {
        String vin = "WBA3A5C50" + code + "F000001";
        DecodedVin decoded = Vins.decode(vin, Clock.fixed(now, ZoneOffset.UTC));
        assertThat(decoded.modelYear()).isEqualTo(year);
    }

    @ParameterizedTest(name = "position 10 {0}")
    @CsvSource({"U", "Z", "0"})
    void positionTenWithoutAYearIsAWarning(char code) {
        DecodedVin decoded = Vins.decode("WBA3A5C50" + code + "F000001", MID_2026);

        assertThat(decoded.modelYear()).isNull();
        assertThat(decoded.warnings()).contains("unknown-model-year");
    }

    @Test
    void aSmallManufacturerIsNamedBySixCharactersWhereTheTableKnowsThreeOrTwo() {
        DecodedVin decoded = Vins.decode("1J9RP1A36A1644345", MID_2026);

        assertThat(decoded.wmi()).isEqualTo("1J9644");
        assertThat(decoded.manufacturer()).isEqualTo("Jeep");
        assertThat(decoded.warnings()).isEqualTo(List.of());
    }
}
