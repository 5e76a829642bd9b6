package io.axle.vehicles.obd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TroubleCodesTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            // checked against SAE J2012's titles
            "P0133 | O2 Sensor Slow Response (Bank 1, Sensor 1)",
            "P0128 | Coolant Thermostat Below Regulating Temperature",
            "P0300 | Random/Multiple Cylinder Misfire Detected",
            "P0420 | Catalyst System Efficiency Below Threshold (Bank 1)",
            "P0171 | System Too Lean (Bank 1)",
            "P0101 | Mass or Volume Air Flow Circuit Range/Performance",
            "P0442 | Evaporative Emission System Leak Detected (Small Leak)",
            "P0700 | Transmission Control System Malfunction",
            "P2002 | Diesel Particulate Filter Efficiency Below Threshold (Bank 1)",
            "U0100 | Lost Communication with ECM/PCM \"A\"",
            "U0158 | Lost Communication with Head Up Display",
            "C0035 | Left Front Wheel Speed Sensor Circuit Malfunction",
            "B0001 | Driver Frontal Stage 1 Deployment Control",
            "p0420 | Catalyst System Efficiency Below Threshold (Bank 1)",
    })
    void describesGenericCodesInEnglish(String code, String description) {
        assertThat(TroubleCodes.describe(code, Locale.ENGLISH)).contains(description);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "P0171 | System zu mager (Bank 1)",
            "P0420 | Katalysatorwirkungsgrad unter Schwellwert (Bank 1)",
            "U0100 | Kommunikation mit ECM/PCM \"A\" verloren",
    })
    void describesInGermanWhereAsked(String code, String description) {
        assertThat(TroubleCodes.describe(code, Locale.GERMANY)).contains(description);
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
