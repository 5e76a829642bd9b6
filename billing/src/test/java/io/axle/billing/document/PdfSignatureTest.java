package io.axle.billing.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Date;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signature, checked by poppler's pdfsig and again in Java with BouncyCastle. */
class PdfSignatureTest {

    @TempDir
    static Path dir;
    static PdfDocumentRenderer renderer;
    static byte[] pdf;

    @BeforeAll
    static void render() {
        renderer = Renderers.create(dir);
        pdf = renderer.render(Documents.frenchBusiness()).pdf();
    }

    @Test
    void pdfsigFindsOneValidDetachedSignatureByTheCompanyCoveringTheWholeFile() {
        String report = Poppler.signatures(pdf);

        assertThat(report).contains("Signature #1:", "Signature Validation: Signature is Valid.",
                "Signer Certificate Common Name: " + Renderers.SIGNER, "Signature Type: adbe.pkcs7.detached",
                "Total document signed", "Signing Time: Nov 20 2026 09:30:00", "Signing Hash Algorithm: SHA-256");
        assertThat(report).doesNotContain("Signature #2");
        // a self-signed certificate is not trusted by any reader; the signature itself is what must be valid
        assertThat(report).containsPattern("Certificate Validation: .*(not|isn't|unknown|Untrusted|untrusted)");
    }

    @Test
    void bouncyCastleVerifiesTheCmsSignatureOverTheSignedRanges() throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDSignature signature = document.getLastSignatureDictionary();
            assertThat(signature.getSubFilter()).isEqualTo("adbe.pkcs7.detached");
            int[] range = signature.getByteRange();
            assertThat(range[0]).isZero();
            assertThat(range[2] + range[3]).isEqualTo(pdf.length);
            assertThat(signature.getSignDate().toInstant()).isEqualTo(Documents.ISSUED_AT);

            CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(signature.getSignedContent(pdf)),
                    withoutPadding(signature.getContents(pdf)));
            SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
            @SuppressWarnings("unchecked")
            X509CertificateHolder certificate = (X509CertificateHolder) cms.getCertificates()
                    .getMatches(signer.getSID()).iterator().next();

            assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate))).isTrue();
            X509Certificate expected = renderer.signer().credentials().certificate();
            assertThat(certificate.getEncoded()).isEqualTo(expected.getEncoded());
            Attribute signingTime = signer.getSignedAttributes().get(CMSAttributes.signingTime);
            Date signedAt = Time.getInstance(signingTime.getAttrValues().getObjectAt(0)).getDate();
            assertThat(signedAt.toInstant()).isEqualTo(Documents.ISSUED_AT);
        }
    }

    @Test
    void aChangedByteBreaksTheSignature() throws Exception {
        byte[] tampered = pdf.clone();
        int inFirstRange = 200;
        tampered[inFirstRange] = (byte) (tampered[inFirstRange] ^ 0x01);

        assertThat(Poppler.signatures(tampered)).doesNotContain("Signature is Valid.");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDSignature signature = document.getLastSignatureDictionary();
            CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(signature.getSignedContent(tampered)),
                    withoutPadding(signature.getContents(tampered)));
            SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
            @SuppressWarnings("unchecked")
            X509CertificateHolder certificate = (X509CertificateHolder) cms.getCertificates()
                    .getMatches(signer.getSID()).iterator().next();
            boolean valid;
            try {
                valid = signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate));
            } catch (org.bouncycastle.cms.CMSSignerDigestMismatchException mismatch) {
                valid = false;
            }
            assertThat(valid).isFalse();
        }
    }

    /** {@code /Contents} is padded with zeros up to its reserved size; the DER object ends before them. */
    static byte[] withoutPadding(byte[] contents) throws IOException {
        try (ASN1InputStream in = new ASN1InputStream(contents)) {
            ASN1Primitive object = in.readObject();
            return object.getEncoded();
        }
    }
}
