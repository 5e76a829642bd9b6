package io.axle.vehicles.obd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TroubleCodesTest {

    @ParameterizedTest(name = "{0} ({1}): {2}")
    @CsvSource(delimiter = '|', value = {
            // checked against SAE J2012's titles
            "P0133 | en    | O2 Sensor Slow Response (Bank 1, Sensor 1)",
            "P0128 | en    | Coolant Thermostat Below Regulating Temperature",
            "P0300 | en    | Random/Multiple Cylinder Misfire Detected",
            "P0420 | en    | Catalyst System Efficiency Below Threshold (Bank 1)",
            "P0171 | en    | System Too Lean (Bank 1)",
            "P0101 | en    | Mass or Volume Air Flow Circuit Range/Performance",
            "P0442 | en    | Evaporative Emission System Leak Detected (Small Leak)",
            "P0700 | en    | Transmission Control System Malfunction",
            "P2002 | en    | Diesel Particulate Filter Efficiency Below Threshold (Bank 1)",
            "U0100 | en    | Lost Communication with ECM/PCM \"A\"",
            "U0158 | en    | Lost Communication with Head Up Display",
            "C0035 | en    | Left Front Wheel Speed Sensor Circuit Malfunction",
            "B0001 | en    | Driver Frontal Stage 1 Deployment Control",
            "p0420 | en-GB | Catalyst System Efficiency Below Threshold (Bank 1)",
            // German where asked
            "P0171 | de    | System zu mager (Bank 1)",
            "P0420 | de-DE | Katalysatorwirkungsgrad unter Schwellwert (Bank 1)",
            "U0100 | de-AT | Kommunikation mit ECM/PCM \"A\" verloren",
    })
    void describesGenericCodesInEnglishOrGerman(String code, String languageTag, String description) {
        assertThat(TroubleCodes.describe(code, Locale.forLanguageTag(languageTag))).contains(description);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"P0171", "P0300"})
    void answersFrenchInEnglishForTheTableHasNoFrench(String code) {
        assertThat(TroubleCodes.describe(code, Locale.FRENCH)).isEqualTo(TroubleCodes.describe(code, Locale.ENGLISH));
        assertThat(TroubleCodes.describe(code, Locale.FRENCH)).isPresent();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource({"P1234", "B1000", "X0100", "P01", "''"})
    void knowsNothingOfManufacturerCodesOrNonCodes(String code) {
        assertThat(TroubleCodes.describe(code, Locale.ENGLISH)).isEmpty();
    }
}
