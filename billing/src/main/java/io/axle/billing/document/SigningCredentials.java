package io.axle.billing.document;

import io.axle.billing.RenderedDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The private key and certificate chain that sign invoice PDFs. Either a configured PKCS#12 keystore, or a self-signed
 * certificate generated once and kept (with its generated password beside it, both readable by the owner only) so
 * that restarts reuse it and a re-rendered document keeps its bytes.
 */
public record SigningCredentials(PrivateKey privateKey, List<X509Certificate> chain) {

    static final String GENERATED_ALIAS = "invoice-signing";
    static final Duration GENERATED_VALIDITY = Duration.ofDays(3653);

    public SigningCredentials {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a signing certificate chain needs at least the signer's certificate");
        }
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** The signer's common name, as a PDF reader shows it. */
    public String signerName() {
        X500Name subject = X500Name.getInstance(certificate().getSubjectX500Principal().getEncoded());
        var names = subject.getRDNs(BCStyle.CN);
        return names.length == 0 ? certificate().getSubjectX500Principal().getName()
                : names[0].getFirst().getValue().toString();
    }

    /** The lowercase hex SHA-256 of the certificate's DER encoding. */
    public String fingerprint() {
        try {
            return RenderedDocument.sha256(certificate().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads key {@code alias} (the first key entry when null) from a PKCS#12 file. */
    public static SigningCredentials load(Path keystore, char[] password, String alias) {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            String name = alias;
            if (name == null || name.isBlank()) {
                name = Collections.list(store.aliases()).stream().filter(a -> isKey(store, a)).findFirst()
                        .orElseThrow(() -> new IllegalStateException("keystore " + keystore
                                + " holds no private key; set axle.billing.documents.signing.keystore to one that does"));
            }
            if (!(store.getKey(name, password) instanceof PrivateKey key)) {
                throw new IllegalStateException("keystore " + keystore + " has no private key under alias '" + name
                        + "'; set axle.billing.documents.signing.alias to one of " + Collections.list(store.aliases()));
            }
            Certificate[] certificates = store.getCertificateChain(name);
            return new SigningCredentials(key, java.util.Arrays.stream(certificates)
                    .map(X509Certificate.class::cast).toList());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read signing keystore " + keystore + " (" + e.getMessage()
                    + "); check axle.billing.documents.signing.keystore and .password", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open signing keystore " + keystore + ": " + e.getMessage(), e);
        }
    }

    /**
     * The credentials kept in {@code keystore}, generating a self-signed RSA-2048 certificate for {@code commonName}
     * valid ten years when the file does not exist yet. The password is kept in {@code <keystore>.password}.
     */
    public static synchronized SigningCredentials loadOrGenerate(Path keystore, String commonName,
                                                                 String unit) {
        Path passwordFile = passwordFile(keystore);
        Path lockFile = keystore.resolveSibling(keystore.getFileName() + ".lock");
        try {
            Files.createDirectories(keystore.toAbsolutePath().getParent());
            // processes sharing the data folder agree on one certificate
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                if (!Files.exists(keystore)) {
                    generate(keystore, passwordFile, commonName, unit);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the signing keystore " + keystore
                    + "; make its folder writable or set axle.billing.documents.signing.keystore", e);
        }
        try {
            char[] password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip().toCharArray();
            return load(keystore, password, GENERATED_ALIAS);
        } catch (IOException e) {
            throw new IllegalStateException("signing keystore " + keystore + " exists but its password file "
                    + passwordFile + " cannot be read (" + e + "); restore it, or delete both files to generate a new"
                    + " certificate (documents issued before will then no longer re-render to the same bytes)", e);
        }
    }

    static Path passwordFile(Path keystore) {
        return keystore.resolveSibling(keystore.getFileName() + ".password");
    }

    private static void generate(Path keystore, Path passwordFile, String commonName, String unit) {
        try {
            Path dir = keystore.toAbsolutePath().getParent();
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            X509Certificate certificate = selfSigned(pair, commonName, unit, Instant.now());
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            char[] password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret).toCharArray();

            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(GENERATED_ALIAS, pair.getPrivate(), password, new Certificate[] {certificate});
            Path tmpStore = ownerOnly(Files.createTempFile(dir, "signing", ".p12.tmp"));
            Path tmpPassword = ownerOnly(Files.createTempFile(dir, "signing", ".password.tmp"));
            try (OutputStream out = Files.newOutputStream(tmpStore)) {
                store.store(out, password);
            }
            Files.writeString(tmpPassword, new String(password) + "\n", StandardCharsets.UTF_8);
            // the password first: a keystore is never visible without the password that opens it
            move(tmpPassword, passwordFile);
            move(tmpStore, keystore);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the generated signing keystore " + keystore
                    + "; make its folder writable or set axle.billing.documents.signing.keystore", e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot generate a signing certificate: " + e.getMessage(), e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Path ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
        }
        return file;
    }

    static X509Certificate selfSigned(KeyPair pair, String commonName, String unit, Instant now)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName);
        if (unit != null && !unit.isBlank()) {
            name.addRDN(BCStyle.OU, unit);
        }
        X500Principal subject = new X500Principal(name.build().getEncoded());
        // valid from a year back: documents issued shortly before the certificate was made (and rendered again from
        // their events) are then still signed within its validity
        Instant notBefore = now.atOffset(ZoneOffset.UTC).toLocalDate().atStartOfDay().toInstant(ZoneOffset.UTC)
                .minus(Duration.ofDays(366));
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE), Date.from(notBefore),
                Date.from(now.plus(GENERATED_VALIDITY)), subject, pair.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
