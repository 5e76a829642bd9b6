package io.axle.billing.document;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.XRLog;
import io.axle.api.invoice.BillingDocument;
import io.axle.api.invoice.DocumentKind;
import io.axle.billing.CustomerType;
import io.axle.billing.DocumentRenderer;
import io.axle.billing.RenderedDocument;
import io.axle.billing.TemplateDescriptor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Calendar;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.w3c.dom.Document;

/**
 * Renders billing documents to signed PDF: Handlebars template → XHTML → PDF (openhtmltopdf on PDFBox) with DejaVu
 * Sans embedded from the jar, then {@link PdfSigner}. The bytes depend only on the document, the template and the
 * certificate: the document information dates are the issue instant, the producer is {@code Axle}, the trailer
 * {@code /ID} is a hash of the document, font subset tags are derived from the glyphs used, and the signature is
 * dated at issue. Unless turned off, documents are Factur-X: PDF/A-3b with their EN 16931 XML embedded
 * ({@link FacturX}, {@link PdfA3Invoice}). Templates may not fetch anything: every external resource (image, stylesheet, font) is refused,
 * except {@code data:} URIs.
 */
public class PdfDocumentRenderer implements DocumentRenderer {

    static final String FONT_FAMILY = "DejaVu Sans";
    private static final byte[] REGULAR = font("fonts/DejaVuSans.ttf");
    private static final byte[] BOLD = font("fonts/DejaVuSans-Bold.ttf");
    private static final String BASE_URI = "file:///axle-invoice/";
    private static final ThreadLocal<TrueTypeFont[]> PARSED_FONTS = ThreadLocal.withInitial(() -> new TrueTypeFont[2]);

    static {
        XRLog.setLoggerImpl(new Slf4jXRLogger());
    }

    private final HandlebarsInvoiceTemplates templates;
    private final PdfSigner signer;
    private final Function<String, ZoneId> companyZone;
    private final boolean facturX;

    /**
     * @param companyZone the time zone of a company id, in which the issue date is printed (UTC when unknown)
     * @param facturX whether documents are Factur-X: PDF/A-3b with their EN 16931 XML embedded
     */
    public PdfDocumentRenderer(HandlebarsInvoiceTemplates templates, PdfSigner signer,
                               Function<String, ZoneId> companyZone, boolean facturX) {
        this.templates = templates;
        this.signer = signer;
        this.companyZone = companyZone;
        this.facturX = facturX;
    }

    /** A renderer of Factur-X documents. */
    public PdfDocumentRenderer(HandlebarsInvoiceTemplates templates, PdfSigner signer,
                               Function<String, ZoneId> companyZone) {
        this(templates, signer, companyZone, true);
    }

    @Override
    public RenderedDocument render(BillingDocument document) {
        byte[] fingerprint = fingerprint(document);
        byte[] unsigned = renderUnsigned(document, fingerprint);
        byte[] signed = signer.sign(unsigned, document.issuedAt(), reason(document), documentId(fingerprint));
        return new RenderedDocument(signed, RenderedDocument.sha256(signed));
    }

    /** The PDF before signing: what {@link #render} signs, exposed for measuring the two steps apart. */
    public byte[] renderUnsigned(BillingDocument document) {
        return renderUnsigned(document, fingerprint(document));
    }

    /** The PDF before signing, {@code fingerprint} being the document's {@link #fingerprint}. */
    private byte[] renderUnsigned(BillingDocument document, byte[] fingerprint) {
        Calendar issued = PdfSigner.calendar(document.issuedAt());
        ZoneId zone = zone(document.company());
        HandlebarsInvoiceTemplates.Chosen chosen = templates.chooseAndRender(document, customerType(document), zone);
        TemplateDescriptor template = chosen.template();
        Document dom = Xhtml.parse(chosen.xhtml(), template.id());
        PDDocument pdf = new PDDocument();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder()
                    .useFastMode()
                    .usePdfUaAccessibility(true)
                    .usePDDocument(pdf)
                    .withW3cDocument(dom, BASE_URI)
                    .withProducer("Axle")
                    .useExternalResourceAccessControl((uri, type) -> uri != null && uri.startsWith("data:"),
                            ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI)
                    .useExternalResourceAccessControl((uri, type) -> uri != null && uri.startsWith("data:"),
                            ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI);
            if (facturX) {
                builder.usePdfAConformance(PdfRendererBuilder.PdfAConformance.PDFA_3_B)
                        .useColorProfile(PdfA3Invoice.SRGB);
            }
            PDFont regular = font(pdf, false);
            PDFont bold = font(pdf, true);
            for (String family : new String[] {FONT_FAMILY, "sans-serif", "serif", "monospace"}) {
                builder.useFont(new PDFontSupplier(regular), family, 400, FontStyle.NORMAL, true);
                builder.useFont(new PDFontSupplier(bold), family, 700, FontStyle.NORMAL, true);
            }
            try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
                renderer.createPDFWithoutClosing();
                fixMetadata(pdf, document, template, fingerprint, issued);
                if (facturX) {
                    PdfA3Invoice.complete(pdf, document, zone, issued);
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
                pdf.save(out);
                return out.toByteArray();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render " + document.number() + " with template " + template.id()
                    + ": " + e.getMessage(), e);
        } finally {
            closeQuietly(pdf);
        }
    }

    /**
     * DejaVu Sans for {@code pdf}, embedded as a subset. Glyph substitution is off, ligatures with it: with them "fi"
     * would be one glyph that text extraction (search, copy, software reading the PDF) returns as U+FB01. The parsed
     * fonts are kept per thread (a parsed font is not safe to share between threads) and reused by every document
     * that thread renders, which saves parsing them each time.
     */
    private static PDFont font(PDDocument pdf, boolean bold) throws IOException {
        TrueTypeFont[] fonts = PARSED_FONTS.get();
        int index = bold ? 1 : 0;
        if (fonts[index] == null) {
            TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(bold ? BOLD : REGULAR));
            font.setEnableGsub(false);
            fonts[index] = font;
        }
        return PDType0Font.load(pdf, fonts[index], true);
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException | RuntimeException ignored) {
            // nothing left to release
        }
    }

    public PdfSigner signer() {
        return signer;
    }

    private static CustomerType customerType(BillingDocument document) {
        return CustomerType.of(document.buyer() == null ? null : document.buyer().vatNumber());
    }

    private ZoneId zone(String company) {
        ZoneId zone = company == null ? null : companyZone.apply(company);
        return zone == null ? ZoneOffset.UTC : zone;
    }

    private void fixMetadata(PDDocument pdf, BillingDocument document, TemplateDescriptor template,
                             byte[] fingerprint, Calendar issued) {
        PDDocumentInformation info = pdf.getDocumentInformation();
        if (info.getTitle() == null || info.getTitle().isBlank()) {
            info.setTitle(title(document, template.language()));
        }
        if (info.getSubject() == null || info.getSubject().isBlank()) {
            info.setSubject(document.number());
        }
        info.setAuthor(document.seller() == null ? null : document.seller().name());
        info.setCreator("Axle billing (template " + template.id() + ")");
        info.setProducer("Axle");
        info.setCreationDate(issued);
        info.setModificationDate(issued);
        pdf.getDocumentCatalog().setLanguage(template.language());
        byte[] id = Arrays.copyOf(fingerprint, 16);
        COSArray ids = new COSArray();
        ids.add(new COSString(id));
        ids.add(new COSString(id));
        pdf.getDocument().getTrailer().setItem(COSName.ID, ids);
        pdf.setDocumentId(documentId(fingerprint));
    }

    private static String title(BillingDocument document, String language) {
        boolean french = "fr".equals(language);
        String kind = document.kind() == DocumentKind.CREDIT_NOTE ? (french ? "Avoir" : "Credit note")
                : (french ? "Facture" : "Invoice");
        return kind + " " + document.number();
    }

    private static String reason(BillingDocument document) {
        return (document.kind() == DocumentKind.CREDIT_NOTE ? "Credit note " : "Invoice ") + document.number()
                + " issued by " + (document.seller() == null ? "?" : document.seller().name());
    }

    private static final String UNNUMBERED_ORDER = ", orderNumber=null]";

    /** A hash of everything the document says; custom fields are sorted, their map having no stable order. */
    static byte[] fingerprint(BillingDocument d) {
        BillingDocument withoutFields = new BillingDocument(d.kind(), d.number(), d.company(), d.templateId(),
                d.language(), d.seller(), d.buyer(), d.orderId(), d.currency(), d.accountingCurrency(),
                d.exchangeRate(), d.exchangeRateDate(), d.issuedAt(), d.dueDate(), d.lines(), d.linesNet(),
                d.globalDiscountPercent(), d.globalDiscount(), d.totalExclTax(), d.totalTax(), d.totalInclTax(),
                d.taxes(), d.totalTaxInAccountingCurrency(), d.reverseCharge(), d.legalMentions(), null,
                d.correctedNumber(), d.reason(), null);
        String described = withoutFields.toString();
        // spelt without the order number when there is none, as before documents named it, so they keep their bytes
        String canonical = described.substring(0, described.length() - UNNUMBERED_ORDER.length()) + "]\n"
                + new TreeMap<>(d.customFields())
                + (d.orderNumber() == null ? "" : "\norder number " + d.orderNumber());
        return digest(canonical.getBytes(StandardCharsets.UTF_8));
    }

    static long documentId(BillingDocument document) {
        return documentId(fingerprint(document));
    }

    /** The document id that seeds the trailer {@code /ID}, from the document's {@link #fingerprint}. */
    private static long documentId(byte[] fingerprint) {
        return ByteBuffer.wrap(fingerprint).getLong();
    }

    /** The lowercase hex SHA-256 of {@code bytes}; see {@link RenderedDocument#sha256(byte[])}. */
    public static String sha256(byte[] bytes) {
        return RenderedDocument.sha256(bytes);
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] font(String resource) {
        try (InputStream in = PdfDocumentRenderer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("font " + resource + " is missing from the billing jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
