package io.axle.billing.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The certificate that signs: generated once and kept, or read from a configured PKCS#12 keystore. */
class SigningCredentialsTest {

    @TempDir
    Path dir;

    @Test
    void aGeneratedCertificateIsKeptAndReusedAfterARestart() throws Exception {
        Path keystore = dir.resolve("billing/signing.p12");

        SigningCredentials first = SigningCredentials.loadOrGenerate(keystore, "Axle Demo SAS", "Axle invoice signing");
        SigningCredentials again = SigningCredentials.loadOrGenerate(keystore, "Someone Else", "Other");

        assertThat(again.fingerprint()).isEqualTo(first.fingerprint()).matches("[0-9a-f]{64}");
        assertThat(again.privateKey().getEncoded()).isEqualTo(first.privateKey().getEncoded());
        assertThat(first.signerName()).isEqualTo("Axle Demo SAS");
        assertThat(Files.getPosixFilePermissions(keystore)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        Path password = dir.resolve("billing/signing.p12.password");
        assertThat(Files.getPosixFilePermissions(password)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(password).strip()).hasSizeGreaterThanOrEqualTo(24);
    }

    @Test
    void theGeneratedCertificateIsSelfSignedRsa2048ValidForTenYears() throws Exception {
        X509Certificate certificate = SigningCredentials.loadOrGenerate(dir.resolve("signing.p12"), "Axle Demo SAS",
                "Axle invoice signing").certificate();

        assertThat(certificate.getSubjectX500Principal()).isEqualTo(certificate.getIssuerX500Principal());
        assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=Axle Demo SAS",
                "OU=Axle invoice signing");
        certificate.verify(certificate.getPublicKey());
        assertThat(certificate.getPublicKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(((java.security.interfaces.RSAPublicKey) certificate.getPublicKey()).getModulus().bitLength())
                .isEqualTo(2048);
        Duration ahead = Duration.between(Instant.now(), certificate.getNotAfter().toInstant());
        assertThat(ahead).isBetween(Duration.ofDays(3650), Duration.ofDays(3654));
        assertThat(certificate.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(certificate.getBasicConstraints()).as("not a CA").isEqualTo(-1);
    }

    @Test
    void aConfiguredKeystoreIsReadWithItsAlias() throws Exception {
        Path keystore = dir.resolve("company.p12");
        char[] password = "s3cret".toCharArray();
        KeyPair pair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        X509Certificate certificate = SigningCredentials.selfSigned(pair, "ACME Billing", null, Instant.now());
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("a-trusted-root", certificate);
        store.setKeyEntry("billing", pair.getPrivate(), password, new Certificate[] {certificate});
        try (OutputStream out = Files.newOutputStream(keystore)) {
            store.store(out, password);
        }

        SigningCredentials byAlias = SigningCredentials.load(keystore, password, "billing");
        SigningCredentials firstKey = SigningCredentials.load(keystore, password, null);

        assertThat(byAlias.signerName()).isEqualTo("ACME Billing");
        assertThat(firstKey.fingerprint()).isEqualTo(byAlias.fingerprint());
        assertThatThrownBy(() -> SigningCredentials.load(keystore, password, "a-trusted-root"))
                .hasMessageContaining("no private key under alias 'a-trusted-root'")
                .hasMessageContaining("axle.billing.documents.signing.alias");
        assertThatThrownBy(() -> SigningCredentials.load(keystore, "wrong".toCharArray(), "billing"))
                .hasMessageContaining("check axle.billing.documents.signing.keystore and .password");
    }

    @Test
    void aKeystoreWhosePasswordFileIsLostIsNotSilentlyReplaced() {
        Path keystore = dir.resolve("signing.p12");
        String fingerprint = SigningCredentials.loadOrGenerate(keystore, "A", "B").fingerprint();
        assertThat(fingerprint).isNotBlank();

        assertThatThrownBy(() -> {
            Files.delete(SigningCredentials.passwordFile(keystore));
            SigningCredentials.loadOrGenerate(keystore, "A", "B");
        }).hasMessageContaining("password file").hasMessageContaining("delete both files");
        assertThat(keystore).exists();
    }
}
