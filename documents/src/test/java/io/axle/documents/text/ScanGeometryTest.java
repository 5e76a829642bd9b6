package io.axle.documents.text;

import static io.axle.documents.text.GeneratedDocuments.INVOICE;
import static io.axle.documents.text.GeneratedDocuments.LETTER;
import static io.axle.documents.text.GeneratedDocuments.a4;
import static io.axle.documents.text.GeneratedDocuments.noisy;
import static io.axle.documents.text.GeneratedDocuments.rotated;
import static io.axle.documents.text.GeneratedDocuments.scan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScanGeometryTest {

    /** The documents benchmark's speckle: 0.2% of the pixels turned black or white. */
    private static final double SPECKLE = 0.002;

    @ParameterizedTest(name = "{0} dpi, speckle {1}, seed {2}")
    @CsvSource({
            "200, 0.002, 1", "200, 0.002, 2", "200, 0.002, 3", "250, 0.002, 4", "250, 0.002, 5",
            "300, 0.002, 6", "300, 0.002, 7", "200, 0.0005, 8", "300, 0.0005, 9", "200, 0.01, 10"})
    void anUprightSpeckledA4PageWithAShortTextBlockIsNotTurned(int dpi, double speckle, long seed) {
        List<String> lines = seed % 2 == 0 ? INVOICE : LETTER;

        double angle = ScanGeometry.deskewAngle(noisy(a4(lines, dpi), speckle, seed));

        assertThat(angle).as("deskew of an upright page").isZero();
    }

    @ParameterizedTest(name = "{0} dpi, skewed {1}°")
    @CsvSource({"200, 3", "200, -2", "250, 1.5", "300, -4", "200, 6", "300, 8"})
    void aSkewedSpeckledA4PageIsLevelled(int dpi, double skew) {
        double angle = ScanGeometry.deskewAngle(rotated(noisy(a4(INVOICE, dpi), SPECKLE, 11), skew));

        assertThat(angle).isCloseTo(-skew, within(0.5));
    }

    @ParameterizedTest(name = "skewed {0}°")
    @CsvSource({"3", "-3", "1"})
    void aSkewedNoisyA5ScanIsLevelled(double skew) {
        double angle = ScanGeometry.deskewAngle(ScanGeometry.grey(rotated(noisy(scan(INVOICE), 0.01, 3), skew)));

        assertThat(angle).isCloseTo(-skew, within(0.5));
    }
}
