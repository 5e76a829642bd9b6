package io.axle.billing.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axle.api.invoice.BillingDocument;
import io.axle.billing.RenderedDocument;
import io.axle.billing.UnknownTemplateException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Real PDFs read back with poppler's pdftotext, pdffonts and pdfsig, as a customer's reader would read them. */
class PdfDocumentRendererTest {

    @TempDir
    static Path dir;
    static PdfDocumentRenderer renderer;

    @BeforeAll
    static void createRenderer() {
        renderer = Renderers.create(dir);
    }

    @Test
    void aFrenchBusinessInvoiceShowsEverythingItMust() {
        String text = Poppler.text(renderer.render(Documents.frenchBusiness()).pdf());

        assertThat(text).contains("FACTURE", "INV-2026-000042", "Date d’émission", "20/11/2026", "Date d’échéance",
                "20/12/2026", "Référence commande", "order-INV-2026-000042");
        // seller and buyer, with registration and both VAT numbers
        assertThat(text).contains("Société Générale Électricité SAS", "12 rue de la Paix", "75002 Paris",
                "SIREN 303 265 045 — RCS Paris", "N° TVA intracommunautaire : FR40303265045",
                "Garage Dupré & Fils", "69002 Lyon, France", "N° TVA intracommunautaire : FR12345678901");
        // lines: description, quantity, unit price, discount, VAT rate, net
        assertThat(text).containsPattern("Plaquettes de frein — série Été\\s+2\\s+617,28 €\\s+20 %\\s+1 234,56 €");
        assertThat(text).containsPattern("Huile moteur 5W30 \\(bidon 5 L\\)\\s+3\\s+49,90 €\\s+10 %\\s+5,5 %\\s+134,73 €");
        // totals per rate and overall
        assertThat(text).containsPattern("20 %\\s+1 234,56 €\\s+246,91 €");
        assertThat(text).containsPattern("5,5 %\\s+134,73 €\\s+7,41 €");
        assertThat(text).containsPattern("Total HT\\s+1 369,29 €").containsPattern("Total TVA\\s+254,32 €")
                .containsPattern("Total TTC\\s+1 623,61 €");
        // payment details, custom fields, French B2B late-payment terms
        assertThat(text).contains("IBAN : FR76 3000 6000 0112 3456 7890 189", "À régler au plus tard le 20/12/2026");
        assertThat(text).containsPattern("Bon de commande\\s+BC-2026-117").containsPattern(
                "Centre de coût\\s+Atelier Zürich");
        assertThat(text.replaceAll("\\s+", " "))
                .contains("indemnité forfaitaire pour frais de recouvrement de 40 €");
        assertThat(text).doesNotContain("Autoliquidation");
    }

    @Test
    void anInvoiceNamesItsOrderByNumberWhenItHasOne() {
        String text = Poppler.text(renderer.render(Documents.forOrder(Documents.frenchBusiness(), "SO-2026-000042"))
                .pdf());

        assertThat(text).containsPattern("Référence commande\\s+SO-2026-000042").doesNotContain("order-INV-2026-000042");
    }

    @Test
    void aReverseChargedInvoiceSaysSoAndCarriesItsLegalMention() {
        String text = Poppler.text(renderer.render(Documents.reverseCharge()).pdf()).replaceAll("\\s+", " ");

        assertThat(text).contains("Müller Fahrzeugtechnik GmbH", "Zürichstraße 12", "80331 München, Allemagne",
                "N° TVA intracommunautaire : DE129273398", "N° TVA intracommunautaire : FR40303265045");
        assertThat(text).contains("Autoliquidation : la TVA est due par le preneur");
        assertThat(text).contains("Mentions légales", "Autoliquidation — article 196 de la directive 2006/112/CE");
        assertThat(text).contains("Total TVA 0,00 €");
    }

    @Test
    void aForeignCurrencyInvoiceShowsTheRateAndTheVatInTheAccountingCurrency() {
        String text = Poppler.text(renderer.render(Documents.englishInDollars()).pdf()).replaceAll("\\s+", " ");

        assertThat(text).contains("INVOICE", "Issue date 2026-11-20", "Due date 2026-12-20", "Garage Zürich AG",
                "8001 Zürich, Switzerland", "VAT number: CHE-123.456.789", "VAT number: FR40303265045");
        assertThat(text).contains("Workshop hour 1.5 $80.0125 20% $120.02");
        assertThat(text).contains("Global discount (5%) -$67.73", "Total excl. VAT $1,286.85", "Total VAT $257.37",
                "Total incl. VAT $1,544.22");
        assertThat(text).contains(
                "1 USD = 0.9234 EUR (ECB reference rate of 2026-11-19); VAT in EUR: €237.66");
        assertThat(text).doesNotContain("indemnité");
    }

    @Test
    void aCreditNoteIsTitledAsSuchAndNamesTheInvoiceAndTheReason() {
        String text = Poppler.text(renderer.render(Documents.frenchCreditNote()).pdf()).replaceAll("\\s+", " ");

        assertThat(text).contains("AVOIR", "CN-2026-000007",
                "Avoir n° CN-2026-000007 rectifiant la facture n° INV-2026-000042",
                "motif : Retour de marchandise endommagée", "Total crédité TTC 142,14 €");
        assertThat(text).doesNotContain("FACTURE", "Date d’échéance", "indemnité forfaitaire");
    }

    @Test
    void anEnglishCreditNoteIsTitledCreditNote() {
        BillingDocument creditNote = Documents.withTemplate(Documents.frenchCreditNote(), "standard-en-business");

        String text = Poppler.text(renderer.render(creditNote).pdf()).replaceAll("\\s+", " ");

        assertThat(text).contains("CREDIT NOTE", "Credit note CN-2026-000007 correcting invoice INV-2026-000042",
                "reason: Retour de marchandise endommagée");
    }

    static Stream<Arguments> builtInTemplates() {
        return Stream.of(
                Arguments.of("standard-fr-business", Documents.frenchBusiness(), "FACTURE", "1 623,61 €"),
                Arguments.of("standard-fr-consumer", Documents.frenchConsumer(), "FACTURE", "29,88 €"),
                Arguments.of("standard-en-business", Documents.englishInDollars(), "INVOICE", "$1,544.22"),
                Arguments.of("standard-en-consumer", Documents.englishConsumer(), "INVOICE", "€29.88"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtInTemplates")
    void everyBuiltInTemplateRendersAReadableSignedPdfWithEmbeddedFonts(String templateId, BillingDocument document,
                                                                        String title, String total) {
        RenderedDocument rendered = renderer.render(Documents.withTemplate(document, templateId));

        assertThat(Poppler.text(rendered.pdf())).contains(title, document.number(), document.buyer().name(), total);
        assertEmbeddedDejaVuOnly(Poppler.fonts(rendered.pdf()));
        assertThat(Poppler.signatures(rendered.pdf())).contains("Signature is Valid.");
    }

    @Test
    void consumerTemplatesShowNoReverseChargeNorB2bPenalties() {
        String text = Poppler.text(renderer.render(Documents.frenchConsumer()).pdf());

        assertThat(text).contains("Élodie Dupré", "Balais d’essuie-glace (paire)").doesNotContain("indemnité",
                "Autoliquidation", "N° TVA intracommunautaire : FR1");
    }

    @Test
    void fontsAreDejaVuEmbeddedAndNothingElse() {
        String fonts = Poppler.fonts(renderer.render(Documents.reverseCharge()).pdf());

        assertEmbeddedDejaVuOnly(fonts);
        assertThat(fonts).contains("DejaVuSans-Bold");
    }

    @Test
    void theDocumentInformationIsFixedAtIssue() throws IOException {
        byte[] pdf = renderer.render(Documents.frenchBusiness()).pdf();

        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDDocumentInformation info = document.getDocumentInformation();
            assertThat(info.getProducer()).isEqualTo("Axle");
            assertThat(info.getCreationDate().toInstant()).isEqualTo(Documents.ISSUED_AT);
            assertThat(info.getModificationDate().toInstant()).isEqualTo(Documents.ISSUED_AT);
            assertThat(info.getTitle()).isEqualTo("Facture INV-2026-000042");
            assertThat(document.getDocumentCatalog().getLanguage()).isEqualTo("fr");
            assertThat(document.getDocument().getTrailer().getCOSArray(org.apache.pdfbox.cos.COSName.ID)).hasSize(2);
        }
    }

    @Test
    void anUnknownTemplateIdIsRefused() {
        BillingDocument unknown = Documents.withTemplate(Documents.frenchBusiness(), "no-such-template");

        assertThatThrownBy(() -> renderer.render(unknown)).isInstanceOf(UnknownTemplateException.class);
    }

    @Test
    void withoutATemplateIdTheTemplateIsChosenForLanguageAndCustomer() {
        String consumer = Poppler.text(renderer.render(Documents.frenchConsumer()).pdf());
        String business = Poppler.text(renderer.render(Documents.withTemplate(Documents.frenchBusiness(), null)).pdf());

        assertThat(consumer).doesNotContain("indemnité forfaitaire");
        assertThat(business.replaceAll("\\s+", " ")).contains("indemnité forfaitaire");
    }

    @Test
    void aLongInvoiceFlowsOntoMorePagesWithTheTableHeaderRepeated() {
        BillingDocument base = Documents.englishConsumer();
        List<io.axle.api.invoice.InvoiceLineItem> lines = new java.util.ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            lines.add(new io.axle.api.invoice.InvoiceLineItem(i, "SKU-" + i, "Part number " + i, java.math.BigDecimal.ONE,
                    new java.math.BigDecimal("1.00"), java.math.BigDecimal.ZERO, "standard",
                    new java.math.BigDecimal("20"), new java.math.BigDecimal("1.00")));
        }
        BillingDocument longOne = new BillingDocument(base.kind(), base.number(), base.company(), base.templateId(),
                base.language(), base.seller(), base.buyer(), base.orderId(), base.currency(),
                base.accountingCurrency(), base.exchangeRate(), base.exchangeRateDate(), base.issuedAt(),
                base.dueDate(), lines, base.linesNet(), base.globalDiscountPercent(), base.globalDiscount(),
                base.totalExclTax(), base.totalTax(), base.totalInclTax(), base.taxes(),
                base.totalTaxInAccountingCurrency(), base.reverseCharge(), base.legalMentions(), base.customFields(),
                null, null, null);

        String text = Poppler.text(renderer.render(longOne).pdf());

        java.util.regex.Matcher pages = java.util.regex.Pattern.compile("page (\\d+) / (\\d+)").matcher(text);
        List<String> footers = new java.util.ArrayList<>();
        while (pages.find()) {
            footers.add(pages.group());
        }
        assertThat(footers).hasSizeGreaterThan(1);
        int count = footers.size();
        for (int page = 1; page <= count; page++) {
            assertThat(footers).contains("page " + page + " / " + count);
        }
        assertThat(text).contains("Part number 60");
        // the lines table header is repeated on the pages it flows onto
        assertThat(text.split("Description\\s+Qty\\s+Unit price", -1)).hasSizeGreaterThan(2);
    }

    private static void assertEmbeddedDejaVuOnly(String pdffonts) {
        List<String> fonts = pdffonts.lines().skip(2).filter(l -> !l.isBlank()).toList();
        assertThat(fonts).isNotEmpty().allSatisfy(font -> {
            assertThat(font).contains("DejaVuSans");
            // columns: name type encoding emb sub uni object ID
            assertThat(font.substring(font.indexOf("Identity-H") + "Identity-H".length()).strip()).startsWith("yes");
        });
    }
}
