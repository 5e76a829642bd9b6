package io.axle.billing.document;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code axle.billing.documents.*}: where templates are added without code, which certificate signs the PDFs and
 * whether they are Factur-X.
 * Paths left unset live under {@code axle.data-dir}: {@code invoice-templates/} for templates and
 * {@code billing/signing.p12} for the certificate generated when none is configured.
 */
@ConfigurationProperties("axle.billing.documents")
public class DocumentProperties {

    /** Folder of extra templates ({@code <id>.hbs} + {@code <id>.properties}); default {@code <data-dir>/invoice-templates}. */
    private Path templatesDir;
    /**
     * Whether invoices and credit notes are Factur-X (PDF/A-3b with their EN 16931 XML embedded). Changing it changes
     * the bytes of every document rendered afterwards, so documents issued before no longer re-render identically.
     */
    private boolean facturX = true;
    private final Signing signing = new Signing();

    public boolean isFacturX() {
        return facturX;
    }

    public void setFacturX(boolean facturX) {
        this.facturX = facturX;
    }

    public Path getTemplatesDir() {
        return templatesDir;
    }

    public void setTemplatesDir(Path templatesDir) {
        this.templatesDir = templatesDir;
    }

    public Signing getSigning() {
        return signing;
    }

    /** The templates folder, defaulting to {@code invoice-templates} under {@code dataDir}. */
    public Path templatesDir(Path dataDir) {
        return templatesDir != null ? templatesDir : dataDir.resolve("invoice-templates");
    }

    /**
     * The signing certificate: a PKCS#12 {@code keystore} with its {@code password} and the {@code alias} of the key
     * (the first key entry when unset). Without a keystore, a self-signed certificate is generated once into
     * {@code generated-keystore} (default {@code <data-dir>/billing/signing.p12}) and reused after restarts.
     */
    public static class Signing {
        private Path keystore;
        private String password;
        private String alias;
        private Path generatedKeystore;

        public Path getKeystore() { return keystore; }
        public void setKeystore(Path keystore) { this.keystore = keystore; }
        public String getPassword() { return password; }
        public void setPassword(String password) { this.password = password; }
        public String getAlias() { return alias; }
        public void setAlias(String alias) { this.alias = alias; }
        public Path getGeneratedKeystore() { return generatedKeystore; }
        public void setGeneratedKeystore(Path generatedKeystore) { this.generatedKeystore = generatedKeystore; }

        /** Where the generated certificate is kept, defaulting to {@code billing/signing.p12} under {@code dataDir}. */
        public Path generatedKeystore(Path dataDir) {
            return generatedKeystore != null ? generatedKeystore : dataDir.resolve("billing").resolve("signing.p12");
        }
    }
}
