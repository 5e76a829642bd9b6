package io.axle.billing.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.axle.api.invoice.BillingDocument;
import io.axle.billing.RenderedDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same document, template and certificate give the same bytes: in one renderer, in two, and in another JVM
 * with another default locale and time zone. This is what lets the SHA-256 recorded at issue identify the file.
 */
class RenderingDeterminismTest {

    @TempDir
    Path dir;

    @Test
    void twoRenderersGiveIdenticalBytes() {
        PdfDocumentRenderer first = Renderers.create(dir);
        PdfDocumentRenderer second = Renderers.create(dir);

        for (BillingDocument document : List.of(Documents.frenchBusiness(), Documents.englishInDollars(),
                Documents.frenchCreditNote())) {
            RenderedDocument a = first.render(document);
            RenderedDocument again = first.render(document);
            RenderedDocument b = second.render(document);

            assertThat(again.pdf()).isEqualTo(a.pdf());
            assertThat(b.pdf()).isEqualTo(a.pdf());
            assertThat(b.sha256()).isEqualTo(a.sha256()).isEqualTo(PdfDocumentRenderer.sha256(a.pdf()))
                    .matches("[0-9a-f]{64}");
        }
    }

    @Test
    void theUnsignedPdfIsDeterministicToo() {
        PdfDocumentRenderer renderer = Renderers.create(dir);

        assertThat(renderer.renderUnsigned(Documents.reverseCharge()))
                .isEqualTo(renderer.renderUnsigned(Documents.reverseCharge()));
    }

    @Test
    void documentsThatNameNoOrderNumberKeepTheFingerprintTheyHadBeforeDocumentsCouldNameOne() {
        assertThat(HexFormat.of().formatHex(PdfDocumentRenderer.fingerprint(Documents.frenchBusiness())))
                .isEqualTo("db5cba29c1db8d65b6b1c43b73d5c2158e1574244a86d01980d4193f2b27bd34");
        assertThat(HexFormat.of().formatHex(PdfDocumentRenderer.fingerprint(Documents.frenchCreditNote())))
                .isEqualTo("27bbc55c8d97eda1cc017e13c37b7b67c29ec914fa9409bd356f69ca8cafcace");
    }

    @Test
    void theOrderNumberIsPartOfWhatTheDocumentSays() {
        BillingDocument numbered = Documents.forOrder(Documents.frenchBusiness(), "SO-2026-000042");

        assertThat(PdfDocumentRenderer.documentId(numbered))
                .isNotEqualTo(PdfDocumentRenderer.documentId(Documents.frenchBusiness()))
                .isNotEqualTo(PdfDocumentRenderer.documentId(Documents.forOrder(Documents.frenchBusiness(),
                        "SO-2026-000043")));
    }

    @Test
    void differentDocumentsGetDifferentIdsAndHashes() {
        PdfDocumentRenderer renderer = Renderers.create(dir);

        assertThat(PdfDocumentRenderer.documentId(Documents.frenchBusiness()))
                .isNotEqualTo(PdfDocumentRenderer.documentId(Documents.reverseCharge()));
        assertThat(renderer.render(Documents.frenchBusiness()).sha256())
                .isNotEqualTo(renderer.render(Documents.issuedAt(Documents.frenchBusiness(),
                        Documents.ISSUED_AT.plusSeconds(1))).sha256());
    }

    @Test
    void anotherJvmWithAnotherLocaleAndTimeZoneRendersTheSameBytes() throws Exception {
        String here = Renderers.create(dir).render(Documents.frenchBusiness()).sha256();

        Path output = dir.resolve("other-jvm.sha256");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Duser.language=de", "-Duser.country=AT", "-Duser.timezone=America/Los_Angeles",
                "-Dfile.encoding=ISO-8859-1", "-cp", System.getProperty("java.class.path"),
                RenderInAnotherJvm.class.getName(), dir.toString(), output.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("other-jvm.log").toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the other JVM finished").isTrue();
        assertThat(process.exitValue()).as(log()).isZero();

        assertThat(Files.readString(output, StandardCharsets.UTF_8).strip()).isEqualTo(here);
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("other-jvm.log"));
        } catch (IOException e) {
            return "no log";
        }
    }

    /** Renders the French business invoice with the keystore of {@code args[0]}, writes its SHA-256 to args[1]. */
    public static final class RenderInAnotherJvm {
        public static void main(String[] args) throws IOException {
            String sha = Renderers.create(Path.of(args[0])).render(Documents.frenchBusiness()).sha256();
            Files.writeString(Path.of(args[1]), sha, StandardCharsets.UTF_8);
        }
    }
}
