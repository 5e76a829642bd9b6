package io.axle.vehicles.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FirmwareVersionsTest {

    @Nested
    class Ordering {

        @ParameterizedTest
        @CsvSource({"1.0.0,1.0.1", "1.9,1.10", "1.2,1.2.1", "2.0.0-rc1,2.0.0", "2.0.0-rc1,2.0.0-rc2", "1.a,1.1",
                "SW0415,SW0416", "0.9.9,1.0"})
        void olderBeforeNewer(String older, String newer) {
            assertThat(FirmwareVersions.compare(older, newer)).isNegative();
            assertThat(FirmwareVersions.compare(newer, older)).isPositive();
        }

        @Test
        void sameVersionIgnoringCase() {
            assertThat(FirmwareVersions.compare("2.0.0-RC1", "2.0.0-rc1")).isZero();
        }
    }

    @Nested
    class Ranges {

        @ParameterizedTest
        @CsvSource(delimiter = ';', value = {"1.0;[1.0,2.0);true", "1.9.9;[1.0,2.0);true", "2.0;[1.0,2.0);false",
                "0.9;[1.0,2.0);false", "1.0;(1.0,2.0];false", "2.0;(1.0,2.0];true", "0.1;(,1.5];true",
                "1.6;(,1.5];false", "9.0;[1.2,);true", "1.1;[1.2,);false", "1.3;[1.3];true", "1.3.1;[1.3];false"})
        void inRange(String version, String range, boolean expected) {
            assertThat(FirmwareVersions.inRange(version, range)).isEqualTo(expected);
        }

        @Test
        void noRangeIsAnyVersion() {
            assertThat(FirmwareVersions.inRange("0.0.1", null)).isTrue();
            assertThat(FirmwareVersions.inRange("0.0.1", " ")).isTrue();
            assertThat(FirmwareVersions.rangeViolation(null)).isNull();
        }

        @ParameterizedTest
        @CsvSource(delimiter = ';', value = {"1.0", "[1.0,2.0", "[2.0,1.0)", "(,)", "(1.3)", "[1.0,x y)", "[,]"})
        void malformedRangesAreNamed(String range) {
            assertThat(FirmwareVersions.rangeViolation(range)).isNotNull();
        }
    }

    @Nested
    class Hardware {

        @Test
        void exactPartOrPrefix() {
            List<String> patterns = List.of("ECM-2*", "TCM-100");
            assertThat(FirmwareVersions.fits(patterns, "ecm-2041")).isTrue();
            assertThat(FirmwareVersions.fits(patterns, "TCM-100")).isTrue();
            assertThat(FirmwareVersions.fits(patterns, "TCM-1001")).isFalse();
            assertThat(FirmwareVersions.fits(patterns, "ECM-1")).isFalse();
            assertThat(FirmwareVersions.fits(patterns, null)).isFalse();
            assertThat(FirmwareVersions.fits(List.of(), "anything")).isTrue();
        }

        @Test
        void patternsAndVersionsAreChecked() {
            assertThat(FirmwareVersions.isHardwarePattern("ECM-2*")).isTrue();
            assertThat(FirmwareVersions.isHardwarePattern("*")).isFalse();
            assertThat(FirmwareVersions.isVersion("2.0.0-rc1")).isTrue();
            assertThat(FirmwareVersions.isVersion("-1")).isFalse();
            assertThat(FirmwareVersions.isVersion("1 0")).isFalse();
        }
    }
}
