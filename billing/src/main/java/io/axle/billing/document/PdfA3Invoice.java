package io.axle.billing.document;

import io.axle.api.invoice.BillingDocument;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;

/**
 * Turns a rendered invoice into a Factur-X one: PDF/A-3b with the {@link FacturX} XML embedded as
 * {@code factur-x.xml} (relationship {@code Data}, listed in the catalog's {@code /AF}), and XMP metadata that
 * repeats the document information, declares PDF/A-3b and PDF/UA-1 and carries the Factur-X extension schema
 * (document type, file name, version, conformance level). All dates are the issue instant.
 */
final class PdfA3Invoice {

    /** The sRGB output intent PDF/A needs, from the JDK. */
    static final byte[] SRGB = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
    private static final DateTimeFormatter XMP_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private PdfA3Invoice() {
    }

    static void complete(PDDocument pdf, BillingDocument document, ZoneId zone, Calendar issued) throws IOException {
        embed(pdf, FacturX.xml(document, zone), issued);
        metadata(pdf, issued);
    }

    private static void embed(PDDocument pdf, byte[] xml, Calendar issued) throws IOException {
        PDEmbeddedFile file = new PDEmbeddedFile(pdf, new ByteArrayInputStream(xml), COSName.FLATE_DECODE);
        file.setSubtype("text/xml");
        file.setSize(xml.length);
        file.setCreationDate(issued);
        file.setModDate(issued);
        PDComplexFileSpecification specification = new PDComplexFileSpecification();
        specification.setFile(FacturX.FILE_NAME);
        specification.setFileUnicode(FacturX.FILE_NAME);
        specification.setEmbeddedFile(file);
        specification.setEmbeddedFileUnicode(file);
        specification.setFileDescription("Factur-X invoice (" + FacturX.CONFORMANCE_LEVEL + ")");
        specification.getCOSObject().setName(COSName.getPDFName("AFRelationship"), "Data");

        PDEmbeddedFilesNameTreeNode files = new PDEmbeddedFilesNameTreeNode();
        files.setNames(Map.of(FacturX.FILE_NAME, specification));
        PDDocumentCatalog catalog = pdf.getDocumentCatalog();
        PDDocumentNameDictionary names = catalog.getNames() == null ? new PDDocumentNameDictionary(catalog)
                : catalog.getNames();
        names.setEmbeddedFiles(files);
        catalog.setNames(names);
        COSArray associated = new COSArray();
        associated.add(specification);
        catalog.getCOSObject().setItem(COSName.getPDFName("AF"), associated);
    }

    private static void metadata(PDDocument pdf, Calendar issued) throws IOException {
        PDDocumentInformation info = pdf.getDocumentInformation();
        String date = issued.toInstant().atOffset(ZoneOffset.UTC).format(XMP_DATE);
        StringBuilder xmp = new StringBuilder(4096);
        xmp.append("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
                .append("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n")
                .append("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
        xmp.append("<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">")
                .append("<pdfaid:part>3</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></rdf:Description>\n");
        xmp.append("<rdf:Description rdf:about=\"\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">")
                .append("<pdfuaid:part>1</pdfuaid:part></rdf:Description>\n");
        xmp.append("<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">")
                .append("<dc:format>application/pdf</dc:format>");
        if (info.getTitle() != null) {
            xmp.append("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">").append(escape(info.getTitle()))
                    .append("</rdf:li></rdf:Alt></dc:title>");
        }
        if (info.getAuthor() != null) {
            xmp.append("<dc:creator><rdf:Seq><rdf:li>").append(escape(info.getAuthor()))
                    .append("</rdf:li></rdf:Seq></dc:creator>");
        }
        if (info.getSubject() != null) {
            xmp.append("<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">").append(escape(info.getSubject()))
                    .append("</rdf:li></rdf:Alt></dc:description>");
        }
        xmp.append("</rdf:Description>\n");
        xmp.append("<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"><pdf:Producer>")
                .append(escape(info.getProducer())).append("</pdf:Producer></rdf:Description>\n");
        xmp.append("<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">");
        if (info.getCreator() != null) {
            xmp.append("<xmp:CreatorTool>").append(escape(info.getCreator())).append("</xmp:CreatorTool>");
        }
        xmp.append("<xmp:CreateDate>").append(date).append("</xmp:CreateDate>")
                .append("<xmp:ModifyDate>").append(date).append("</xmp:ModifyDate>")
                .append("<xmp:MetadataDate>").append(date).append("</xmp:MetadataDate></rdf:Description>\n");
        xmp.append("<rdf:Description rdf:about=\"\" xmlns:fx=\"").append(FacturX.XMP_NAMESPACE).append("\">")
                .append("<fx:DocumentType>INVOICE</fx:DocumentType>")
                .append("<fx:DocumentFileName>").append(FacturX.FILE_NAME).append("</fx:DocumentFileName>")
                .append("<fx:Version>1.0</fx:Version>")
                .append("<fx:ConformanceLevel>").append(FacturX.CONFORMANCE_LEVEL).append("</fx:ConformanceLevel>")
                .append("</rdf:Description>\n");
        xmp.append("<rdf:Description rdf:about=\"\"")
                .append(" xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"")
                .append(" xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"")
                .append(" xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">")
                .append("<pdfaExtension:schemas><rdf:Bag>\n");
        schema(xmp, "Factur-X PDFA Extension Schema", FacturX.XMP_NAMESPACE, "fx", List.of(
                new String[] {"DocumentFileName", "Text", "external", "The name of the embedded XML document"},
                new String[] {"DocumentType", "Text", "external", "The type of the hybrid document in capital letters, e.g. INVOICE or ORDER"},
                new String[] {"Version", "Text", "external", "The actual version of the standard applying to the embedded XML document"},
                new String[] {"ConformanceLevel", "Text", "external", "The conformance level of the embedded XML document"}));
        schema(xmp, "PDF/UA Universal Accessibility Schema", "http://www.aiim.org/pdfua/ns/id/", "pdfuaid", List.<String[]>of(
                new String[] {"part", "Integer", "internal", "Indicates, which part of ISO 14289 standard is followed"}));
        xmp.append("</rdf:Bag></pdfaExtension:schemas></rdf:Description>\n");
        xmp.append("</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");

        PDMetadata metadata = new PDMetadata(pdf);
        try (var out = metadata.createOutputStream()) {
            out.write(xmp.toString().getBytes(StandardCharsets.UTF_8));
        }
        pdf.getDocumentCatalog().setMetadata(metadata);
    }

    private static void schema(StringBuilder xmp, String name, String namespace, String prefix,
                               List<String[]> properties) {
        xmp.append("<rdf:li rdf:parseType=\"Resource\"><pdfaSchema:schema>").append(name)
                .append("</pdfaSchema:schema><pdfaSchema:namespaceURI>").append(namespace)
                .append("</pdfaSchema:namespaceURI><pdfaSchema:prefix>").append(prefix)
                .append("</pdfaSchema:prefix><pdfaSchema:property><rdf:Seq>");
        for (String[] property : properties) {
            xmp.append("<rdf:li rdf:parseType=\"Resource\"><pdfaProperty:name>").append(property[0])
                    .append("</pdfaProperty:name><pdfaProperty:valueType>").append(property[1])
                    .append("</pdfaProperty:valueType><pdfaProperty:category>").append(property[2])
                    .append("</pdfaProperty:category><pdfaProperty:description>").append(property[3])
                    .append("</pdfaProperty:description></rdf:li>");
        }
        xmp.append("</rdf:Seq></pdfaSchema:property></rdf:li>\n");
    }

    private static String escape(String value) {
        return value == null ? "" : value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
