package io.axle.documents.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.stream.Stream;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScanResolutionTest {

    static Stream<Arguments> images() {
        BufferedImage page = new BufferedImage(40, 40, BufferedImage.TYPE_BYTE_GRAY);
        return Stream.of(
                Arguments.of("PNG stating 200 dpi", GeneratedDocuments.pngAtScanResolution(page),
                        GeneratedDocuments.DPI),
                Arguments.of("PNG stating nothing", GeneratedDocuments.encode(page, "png"), ScanResolution.UNKNOWN),
                Arguments.of("JPEG stating nothing", GeneratedDocuments.encode(page, "jpg"), ScanResolution.UNKNOWN),
                Arguments.of("TIFF stating nothing", GeneratedDocuments.encode(page, "tiff"), ScanResolution.UNKNOWN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void readsTheResolutionAFileStates(String name, byte[] image, int dpi) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);

            assertThat(ScanResolution.of(reader, 0)).isEqualTo(dpi);
        }
    }
}
