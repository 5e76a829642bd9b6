package io.axle.billing.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Factur-X files checked by the Mustang validator: veraPDF for PDF/A-3b, and the EN 16931 Schematron rules for
 * the XML. It runs when {@code org.mustangproject:validator} is on the test class path (a test dependency of this
 * module); without it the test is skipped, saying so.
 */
class FacturXValidationTest {

    private static final String VALIDATOR = "org.mustangproject.validator.ZUGFeRDValidator";

    @TempDir
    static Path dir;

    @BeforeAll
    static void validatorPresent() {
        boolean present;
        try {
            Class.forName(VALIDATOR);
            present = true;
        } catch (ClassNotFoundException e) {
            present = false;
        }
        assumeTrue(present, "org.mustangproject:validator is not a test dependency; Factur-X not validated here");
    }

    @Test
    void invoicesCreditNotesAndForeignCurrencyInvoicesAreValidPdfA3bWithValidEn16931Xml() throws Exception {
        PdfDocumentRenderer renderer = Renderers.create(dir);
        for (var document : java.util.List.of(Documents.frenchBusiness(), Documents.reverseCharge(),
                Documents.englishInDollars(), Documents.frenchConsumer(), Documents.frenchCreditNote(),
                Documents.exportOutsideEu())) {
            String report = validate(renderer.render(document).pdf(), document.number());

            assertThat(report).as(document.number()).contains("flavour=3b", "isCompliant=true",
                    "<profile>urn:cen.eu:en16931:2017</profile>");
            assertThat(report.replaceAll("\\s+", " ")).as(document.number())
                    .containsPattern("</xml> <messages></messages> <summary status=\"valid\"/> </validation>");
        }
    }

    @Test
    void aPlainPdfIsNotFacturX() throws Exception {
        String report = validate(Renderers.create(dir, false).render(Documents.frenchBusiness()).pdf(), "plain");

        assertThat(report).contains("summary status=\"invalid\"");
    }

    private static String validate(byte[] pdf, String name) throws Exception {
        Path file = dir.resolve(name + ".pdf");
        Files.write(file, pdf);
        Object validator = Class.forName(VALIDATOR).getConstructor().newInstance();
        return (String) validator.getClass().getMethod("validate", String.class).invoke(validator, file.toString());
    }
}
