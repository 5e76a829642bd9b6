package io.axle.platform.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import java.util.Objects;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Issues and checks HS256 access tokens. The key is derived from {@code axle.security.jwt-secret}, or from a secret
 * generated once and kept in {@code ${axle.data-dir}/jwt.secret}, so tokens stay valid across restarts and nodes.
 */
public class JwtTokens {

    public static final String ISSUER = "axle";
    public static final String ROLES_CLAIM = "roles";

    /** An issued token and its lifetime in seconds. */
    public record IssuedToken(String value, long expiresInSeconds) {
    }

    private final SecretKey key;
    private final Duration lifetime;
    private final Clock clock;
    private final JwtEncoder encoder;

    public JwtTokens(SecretKey key, Duration lifetime, Clock clock) {
        this.key = key;
        this.lifetime = lifetime;
        this.clock = clock;
        this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(key));
    }

    public IssuedToken issue(String subject, Collection<String> roles) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(subject)
                .issuedAt(now)
                .expiresAt(now.plus(lifetime))
                .claim(ROLES_CLAIM, List.copyOf(roles))
                .build();
        String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
        return new IssuedToken(token, lifetime.toSeconds());
    }

    /** A decoder accepting only HS256 tokens signed with this key, issued by Axle, with an expiry not yet passed. */
    public JwtDecoder decoder() {
        return decoder(jwt -> OAuth2TokenValidatorResult.success());
    }

    /** As {@link #decoder()}, each token also checked by {@code subjectCheck} (that its user still exists, say). */
    public JwtDecoder decoder(OAuth2TokenValidator<Jwt> subjectCheck) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
        OAuth2TokenValidator<Jwt> expiring = new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(ISSUER), expiring, subjectCheck));
        return decoder;
    }

    /** The signing key for a configured secret, or for the one kept under the data directory (created if absent). */
    public static SecretKey key(String configuredSecret, Path dataDir) {
        String secret = configuredSecret;
        if (secret == null || secret.isBlank()) {
            secret = storedSecret(dataDir.resolve("jwt.secret"));
        }
        try {
            byte[] bytes = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return new SecretKeySpec(bytes, "HmacSHA256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized String storedSecret(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] random = new byte[48];
            new SecureRandom().nextBytes(random);
            String secret = Base64.getEncoder().encodeToString(random);
            try {
                Files.writeString(file, secret, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system
                }
                return secret;
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                return Files.readString(file).strip();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the JWT secret " + file, e);
        }
    }
}
