package io.axle.documents.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TypeDetectorTest {

    private final TypeDetector detector = new TypeDetector();

    static Stream<Arguments> files() throws IOException {
        return Stream.of(
                Arguments.of("PDF", pdf(), DocumentFormat.PDF, "application/pdf"),
                Arguments.of("JPEG", image("jpg"), DocumentFormat.JPEG, "image/jpeg"),
                Arguments.of("PNG", image("png"), DocumentFormat.PNG, "image/png"),
                Arguments.of("TIFF", image("tiff"), DocumentFormat.TIFF, "image/tiff"),
                Arguments.of("GIF", image("gif"), DocumentFormat.UNSUPPORTED, "image/gif"),
                Arguments.of("ZIP", zip(), DocumentFormat.UNSUPPORTED, "application/zip"),
                Arguments.of("plain text", "Invoice 42".getBytes(StandardCharsets.UTF_8), DocumentFormat.UNSUPPORTED,
                        "text/plain"),
                Arguments.of("empty", new byte[0], DocumentFormat.UNSUPPORTED, "application/octet-stream"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void recognisesTheFormatFromTheBytesAlone(String name, byte[] bytes, DocumentFormat format, String mediaType) {
        DetectedType type = detector.detect(bytes);

        assertThat(type).isEqualTo(new DetectedType(format, mediaType));
        assertThat(type.supported()).isEqualTo(format != DocumentFormat.UNSUPPORTED);
    }

    @Test
    void leavesTheStreamAtItsStart() throws IOException {
        byte[] pdf = pdf();
        InputStream in = new BufferedInputStream(new ByteArrayInputStream(pdf));

        detector.detect(in);

        assertThat(in.readAllBytes()).isEqualTo(pdf);
    }

    private static byte[] pdf() throws IOException {
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    private static byte[] image(String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(20, 20, BufferedImage.TYPE_BYTE_GRAY), format, out);
        return out.toByteArray();
    }

    private static byte[] zip() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("invoice.pdf"));
            zip.write(pdf());
        }
        return out.toByteArray();
    }
}
