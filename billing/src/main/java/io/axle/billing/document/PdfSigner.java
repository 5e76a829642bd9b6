package io.axle.billing.document;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Calendar;
import java.util.Date;
import java.util.Locale;
import java.util.TimeZone;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Signs a PDF with a detached PKCS#7 signature ({@code adbe.pkcs7.detached}) appended as an incremental update.
 * Nothing in the result depends on the clock or on chance: the signing time (the signature dictionary's {@code /M}
 * and the CMS {@code signingTime} attribute) is the one given, the trailer's new {@code /ID} part derives from the
 * given document id, and the signature algorithm is deterministic (RSA PKCS#1 v1.5, or deterministic ECDSA for EC
 * keys), so the same input and certificate give the same bytes.
 */
public class PdfSigner {

    private static final int MIN_SIGNATURE_SIZE = 9472;

    private final SigningCredentials credentials;
    private final String algorithm;
    private final BouncyCastleProvider provider = new BouncyCastleProvider();
    private final int signatureSize;

    public PdfSigner(SigningCredentials credentials) {
        this.credentials = credentials;
        String keyAlgorithm = credentials.privateKey().getAlgorithm();
        this.algorithm = switch (keyAlgorithm) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDDSA";
            default -> throw new IllegalStateException("signing keys must be RSA or EC, the configured one is "
                    + keyAlgorithm + "; set axle.billing.documents.signing.keystore to an RSA or EC key");
        };
        this.signatureSize = signatureSize(credentials);
    }

    public SigningCredentials credentials() {
        return credentials;
    }

    /**
     * {@code pdf} signed at {@code signingTime} (to the second) for {@code reason}; {@code documentId} seeds the
     * trailer {@code /ID} that the incremental update writes.
     */
    public byte[] sign(byte[] pdf, Instant signingTime, String reason, long documentId) {
        Instant when = signingTime.truncatedTo(ChronoUnit.SECONDS);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            document.setDocumentId(documentId);
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(PDSignature.SUBFILTER_ADBE_PKCS7_DETACHED);
            signature.setName(credentials.signerName());
            signature.setReason(reason);
            signature.setSignDate(calendar(when));
            try (SignatureOptions options = new SignatureOptions()) {
                options.setPreferredSignatureSize(signatureSize);
                document.addSignature(signature, content -> cms(content, when), options);
                ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 2 * signatureSize + 4096);
                document.saveIncremental(out);
                return out.toByteArray();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sign the PDF: " + e.getMessage(), e);
        }
    }

    private byte[] cms(InputStream content, Instant when) throws IOException {
        try {
            ContentSigner signer = new JcaContentSignerBuilder(algorithm).setProvider(provider)
                    .build(credentials.privateKey());
            AttributeTable signedAttributes = new AttributeTable(
                    new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(when)))));
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider(provider).build())
                    .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(signedAttributes))
                    .build(signer, credentials.certificate()));
            generator.addCertificates(new JcaCertStore(credentials.chain()));
            return generator.generate(new CMSProcessableByteArray(content.readAllBytes()), false)
                    .getEncoded(ASN1Encoding.DER);
        } catch (OperatorCreationException | CMSException | CertificateEncodingException e) {
            throw new IOException("cannot create the CMS signature: " + e.getMessage(), e);
        }
    }

    /** Room for the signature: the certificates it carries plus the signature value and attributes. */
    private static int signatureSize(SigningCredentials credentials) {
        int certificates = 0;
        for (X509Certificate certificate : credentials.chain()) {
            try {
                certificates += certificate.getEncoded().length;
            } catch (GeneralSecurityException e) {
                certificates += 4096;
            }
        }
        return Math.max(MIN_SIGNATURE_SIZE, certificates + 4096);
    }

    /** {@code instant} as a UTC calendar, as PDF dates are given to PDFBox. */
    static Calendar calendar(Instant instant) {
        Calendar calendar = Calendar.getInstance(TimeZone.getTimeZone("UTC"), Locale.ROOT);
        calendar.setTimeInMillis(instant.toEpochMilli());
        return calendar;
    }
}
