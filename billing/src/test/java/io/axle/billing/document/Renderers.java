package io.axle.billing.document;

import java.nio.file.Path;
import java.time.ZoneId;

/** Renderers as the auto-configuration builds them, on a keystore and a templates folder of the test's own. */
public final class Renderers {

    public static final String SIGNER = "Société Générale Électricité SAS";

    private Renderers() {
    }

    /** A renderer signing with the certificate kept in {@code dir} (generated on first use). */
    public static PdfDocumentRenderer create(Path dir) {
        return create(dir, true);
    }

    /** The same, making Factur-X documents or plain PDFs. */
    public static PdfDocumentRenderer create(Path dir, boolean facturX) {
        SigningCredentials credentials = SigningCredentials.loadOrGenerate(dir.resolve("signing.p12"), SIGNER,
                DocumentAutoConfiguration.GENERATED_UNIT);
        return new PdfDocumentRenderer(new HandlebarsInvoiceTemplates(dir.resolve("invoice-templates")),
                new PdfSigner(credentials), company -> "axle".equals(company) ? ZoneId.of("Europe/Paris") : null,
                facturX);
    }
}
