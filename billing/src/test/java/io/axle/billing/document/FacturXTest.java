package io.axle.billing.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.axle.api.invoice.BillingDocument;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** Factur-X: the EN 16931 XML inside the PDF says what the page says, and the PDF declares itself PDF/A-3b. */
class FacturXTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @TempDir
    static Path dir;
    static PdfDocumentRenderer renderer;

    @BeforeAll
    static void createRenderer() {
        renderer = Renderers.create(dir);
    }

    @Test
    void theXmlIsEmbeddedAsFacturXDataAndListedAsAssociatedFile() throws Exception {
        byte[] pdf = renderer.render(Documents.frenchBusiness()).pdf();

        try (PDDocument document = Loader.loadPDF(pdf)) {
            var files = document.getDocumentCatalog().getNames().getEmbeddedFiles().getNames();
            assertThat(files).containsOnlyKeys("factur-x.xml");
            PDComplexFileSpecification file = files.get("factur-x.xml");
            assertThat(file.getCOSObject().getNameAsString(COSName.getPDFName("AFRelationship"))).isEqualTo("Data");
            assertThat(file.getFileUnicode()).isEqualTo("factur-x.xml");
            assertThat(file.getEmbeddedFile().getSubtype()).isEqualTo("text/xml");
            assertThat(file.getEmbeddedFile().getModDate().toInstant()).isEqualTo(Documents.ISSUED_AT);
            COSArray associated = document.getDocumentCatalog().getCOSObject().getCOSArray(COSName.getPDFName("AF"));
            assertThat(associated).hasSize(1);
            assertThat(associated.getObject(0)).isSameAs(file.getCOSObject());
            assertThat(file.getEmbeddedFile().toByteArray())
                    .isEqualTo(FacturX.xml(Documents.frenchBusiness(), PARIS));
        }
    }

    @Test
    void theXmpDeclaresPdfA3bAndTheFacturXConformanceLevel() throws Exception {
        byte[] pdf = renderer.render(Documents.frenchBusiness()).pdf();

        try (PDDocument document = Loader.loadPDF(pdf)) {
            String xmp = new String(document.getDocumentCatalog().getMetadata().toByteArray(), StandardCharsets.UTF_8);
            assertThat(xmp).contains("<pdfaid:part>3</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>",
                    "<fx:DocumentType>INVOICE</fx:DocumentType>", "<fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>",
                    "<fx:Version>1.0</fx:Version>", "<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>",
                    "<pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#</pdfaSchema:namespaceURI>",
                    "<xmp:CreateDate>2026-11-20T09:30:00+00:00</xmp:CreateDate>", "<pdf:Producer>Axle</pdf:Producer>",
                    "Facture INV-2026-000042");
            assertThat(document.getDocumentCatalog().getOutputIntents()).hasSize(1);
        }
    }

    @Test
    void anInvoiceCarriesItsPartiesLinesTaxesAndTotals() throws Exception {
        Xml xml = new Xml(FacturX.xml(Documents.frenchBusiness(), PARIS));

        assertThat(xml.text("//rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID"))
                .isEqualTo("urn:cen.eu:en16931:2017");
        assertThat(xml.text("//rsm:ExchangedDocument/ram:ID")).isEqualTo("INV-2026-000042");
        assertThat(xml.text("//rsm:ExchangedDocument/ram:TypeCode")).isEqualTo("380");
        assertThat(xml.text("//rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString")).isEqualTo("20261120");
        assertThat(xml.text("//ram:SellerTradeParty/ram:Name")).isEqualTo("Société Générale Électricité SAS");
        assertThat(xml.text("//ram:SellerTradeParty/ram:SpecifiedTaxRegistration/ram:ID")).isEqualTo("FR40303265045");
        assertThat(xml.text("//ram:BuyerTradeParty/ram:Name")).isEqualTo("Garage Dupré & Fils");
        assertThat(xml.text("//ram:BuyerTradeParty/ram:PostalTradeAddress/ram:CountryID")).isEqualTo("FR");
        assertThat(xml.text("//ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID"))
                .isEqualTo("order-INV-2026-000042");
        assertThat(new Xml(FacturX.xml(Documents.forOrder(Documents.frenchBusiness(), "SO-2026-000042"), PARIS))
                .text("//ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID")).isEqualTo("SO-2026-000042");
        assertThat(xml.texts("//ram:IncludedSupplyChainTradeLineItem//ram:LineTotalAmount"))
                .containsExactly("1234.56", "134.73");
        // the 10 % discount of line 2 is a line allowance: 3 × 49.90 = 149.70 less 14.97
        assertThat(xml.text("//ram:IncludedSupplyChainTradeLineItem[2]//ram:SpecifiedTradeAllowanceCharge/ram:ActualAmount"))
                .isEqualTo("14.97");
        assertThat(xml.texts("//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:CategoryCode"))
                .containsExactly("S", "S");
        assertThat(xml.texts("//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:RateApplicablePercent"))
                .containsExactly("20.00", "5.50");
        assertThat(xml.text("//ram:SpecifiedTradeSettlementPaymentMeans/ram:PayeePartyCreditorFinancialAccount/ram:IBANID"))
                .isEqualTo("FR7630006000011234567890189");
        assertThat(xml.text("//ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime/udt:DateTimeString"))
                .isEqualTo("20261220");
        assertThat(xml.text("//ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:GrandTotalAmount"))
                .isEqualTo("1623.61");
        xml.assertTotalsAddUp();
    }

    @Test
    void aReverseChargedInvoiceUsesCategoryAeWithItsReasonAndBothVatNumbers() throws Exception {
        Xml xml = new Xml(FacturX.xml(Documents.reverseCharge(), PARIS));

        assertThat(xml.text("//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:CategoryCode"))
                .isEqualTo("AE");
        assertThat(xml.text("//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:ExemptionReason"))
                .isEqualTo("Reverse charge");
        assertThat(xml.text("//ram:IncludedSupplyChainTradeLineItem//ram:ApplicableTradeTax/ram:CategoryCode"))
                .isEqualTo("AE");
        assertThat(xml.text("//ram:BuyerTradeParty/ram:SpecifiedTaxRegistration/ram:ID")).isEqualTo("DE129273398");
        assertThat(xml.texts("//rsm:ExchangedDocument/ram:IncludedNote/ram:Content"))
                .containsExactly("Autoliquidation — article 196 de la directive 2006/112/CE");
        xml.assertTotalsAddUp();
    }

    @Test
    void aForeignCurrencyInvoiceStatesTheVatInTheAccountingCurrencyAndSplitsTheGlobalDiscountPerRate()
            throws Exception {
        Xml xml = new Xml(FacturX.xml(Documents.englishInDollars(), PARIS));

        assertThat(xml.text("//ram:InvoiceCurrencyCode")).isEqualTo("USD");
        assertThat(xml.text("//ram:TaxCurrencyCode")).isEqualTo("EUR");
        assertThat(xml.text("//ram:TaxTotalAmount[@currencyID='USD']")).isEqualTo("257.37");
        assertThat(xml.text("//ram:TaxTotalAmount[@currencyID='EUR']")).isEqualTo("237.66");
        assertThat(xml.text("//ram:ApplicableHeaderTradeSettlement/ram:SpecifiedTradeAllowanceCharge/ram:ActualAmount"))
                .isEqualTo("67.73");
        assertThat(xml.text("//ram:AllowanceTotalAmount")).isEqualTo("67.73");
        assertThat(xml.text("//ram:IncludedSupplyChainTradeLineItem[2]//ram:NetPriceProductTradePrice/ram:ChargeAmount"))
                .isEqualTo("80.0125");
        assertThat(xml.text("//ram:IncludedSupplyChainTradeLineItem[2]//ram:BilledQuantity")).isEqualTo("1.5");
        xml.assertTotalsAddUp();
    }

    @Test
    void aCreditNoteIsType381AndNamesTheInvoiceItCorrects() throws Exception {
        Xml xml = new Xml(FacturX.xml(Documents.frenchCreditNote(), PARIS));

        assertThat(xml.text("//rsm:ExchangedDocument/ram:TypeCode")).isEqualTo("381");
        assertThat(xml.text("//ram:InvoiceReferencedDocument/ram:IssuerAssignedID")).isEqualTo("INV-2026-000042");
        assertThat(xml.texts("//rsm:ExchangedDocument/ram:IncludedNote/ram:Content"))
                .contains("Retour de marchandise endommagée");
        assertThat(xml.count("//ram:SpecifiedTradeSettlementPaymentMeans")).isZero();
        xml.assertTotalsAddUp();
    }

    @Test
    void aZeroRateToABuyerOutsideTheEuIsAnExportWithItsReason() throws Exception {
        Xml xml = new Xml(FacturX.xml(Documents.exportOutsideEu(), PARIS));

        assertThat(xml.text("//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:CategoryCode"))
                .isEqualTo("G");
        assertThat(xml.text("//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:ExemptionReason"))
                .isEqualTo("Export outside the EU");
        assertThat(xml.text("//ram:BuyerTradeParty/ram:PostalTradeAddress/ram:CountryID")).isEqualTo("CH");
        xml.assertTotalsAddUp();
    }

    @Test
    void aZeroRateInsideTheEuWithoutReverseChargeIsZeroRated() throws Exception {
        BillingDocument export = Documents.exportOutsideEu();
        var frenchBuyer = new io.axle.api.invoice.Party("Élodie Dupré", "8 avenue Jean Jaurès", "69007", "Lyon", "FR",
                null, null, null, null);
        BillingDocument zeroRated = new BillingDocument(export.kind(), export.number(), export.company(),
                export.templateId(), export.language(), export.seller(), frenchBuyer, export.orderId(),
                export.currency(), export.accountingCurrency(), export.exchangeRate(), export.exchangeRateDate(),
                export.issuedAt(), export.dueDate(), export.lines(), export.linesNet(),
                export.globalDiscountPercent(), export.globalDiscount(), export.totalExclTax(), export.totalTax(),
                export.totalInclTax(), export.taxes(), export.totalTaxInAccountingCurrency(), false, List.of(),
                java.util.Map.of(), null, null, null);

        assertThat(new Xml(FacturX.xml(zeroRated, PARIS))
                .text("//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:CategoryCode")).isEqualTo("Z");
    }

    @Test
    void turnedOffTheDocumentIsAPlainPdfWithoutAttachment() throws Exception {
        byte[] pdf = Renderers.create(dir, false).render(Documents.frenchBusiness()).pdf();

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getDocumentCatalog().getNames()).isNull();
            String xmp = document.getDocumentCatalog().getMetadata() == null ? ""
                    : new String(document.getDocumentCatalog().getMetadata().toByteArray(), StandardCharsets.UTF_8);
            assertThat(xmp).doesNotContain("pdfaid:part");
        }
        assertThat(Poppler.signatures(pdf)).contains("Signature is Valid.");
    }

    @Test
    void theXmlIsTheSameForTheSameDocument() {
        assertThat(FacturX.xml(Documents.frenchBusiness(), PARIS))
                .isEqualTo(FacturX.xml(Documents.frenchBusiness(), PARIS));
    }

    /** The CII XML read with XPath. */
    static final class Xml {
        private final Document document;
        private final XPath xpath = XPathFactory.newInstance().newXPath();

        Xml(byte[] bytes) throws Exception {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
            xpath.setNamespaceContext(new NamespaceContext() {
                @Override
                public String getNamespaceURI(String prefix) {
                    return switch (prefix) {
                        case "rsm" -> "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";
                        case "ram" -> "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";
                        case "udt" -> "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100";
                        default -> null;
                    };
                }

                @Override
                public String getPrefix(String uri) {
                    return null;
                }

                @Override
                public java.util.Iterator<String> getPrefixes(String uri) {
                    return null;
                }
            });
        }

        String text(String path) throws Exception {
            List<String> texts = texts(path);
            assertThat(texts).as(path).hasSize(1);
            return texts.get(0);
        }

        List<String> texts(String path) throws Exception {
            NodeList nodes = (NodeList) xpath.evaluate(path, document, XPathConstants.NODESET);
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                texts.add(nodes.item(i).getTextContent());
            }
            return texts;
        }

        int count(String path) throws Exception {
            return texts(path).size();
        }

        /** EN 16931 BR-CO-10, -11, -13, -14, -15: the totals are the sums of their parts. */
        void assertTotalsAddUp() throws Exception {
            String summation = "//ram:SpecifiedTradeSettlementHeaderMonetarySummation/";
            BigDecimal lines = sum("//ram:IncludedSupplyChainTradeLineItem//ram:LineTotalAmount");
            BigDecimal allowances = sum("//ram:ApplicableHeaderTradeSettlement/ram:SpecifiedTradeAllowanceCharge"
                    + "/ram:ActualAmount");
            BigDecimal taxes = sum("//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:CalculatedAmount");
            String currency = text("//ram:InvoiceCurrencyCode");
            assertThat(new BigDecimal(text(summation + "ram:LineTotalAmount"))).isEqualByComparingTo(lines);
            assertThat(new BigDecimal(text(summation + "ram:TaxBasisTotalAmount")))
                    .isEqualByComparingTo(lines.subtract(allowances));
            BigDecimal tax = new BigDecimal(text(summation + "ram:TaxTotalAmount[@currencyID='" + currency + "']"));
            assertThat(tax).isEqualByComparingTo(taxes);
            assertThat(new BigDecimal(text(summation + "ram:GrandTotalAmount")))
                    .isEqualByComparingTo(lines.subtract(allowances).add(tax));
        }

        private BigDecimal sum(String path) throws Exception {
            return texts(path).stream().map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }
}
