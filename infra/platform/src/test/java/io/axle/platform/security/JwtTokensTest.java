package io.axle.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;

class JwtTokensTest {

    @TempDir
    Path dataDir;

    @Test
    void issuedTokenCarriesSubjectRolesAndLifetime() {
        JwtTokens tokens = new JwtTokens(JwtTokens.key("a-configured-secret", dataDir), Duration.ofMinutes(30),
                Clock.systemUTC());

        JwtTokens.IssuedToken issued = tokens.issue("alice", List.of("OPERATOR", "ANALYST"));
        Jwt jwt = tokens.decoder().decode(issued.value());

        assertThat(issued.expiresInSeconds()).isEqualTo(1800);
        assertThat(jwt.getSubject()).isEqualTo("alice");
        assertThat(jwt.getClaimAsStringList(JwtTokens.ROLES_CLAIM)).containsExactly("OPERATOR", "ANALYST");
        assertThat(jwt.getHeaders()).containsEntry("alg", "HS256");
    }

    @Test
    void tokenSignedWithAnotherSecretIsRejected() {
        JwtTokens ours = new JwtTokens(JwtTokens.key("secret-one", dataDir), Duration.ofHours(1), Clock.systemUTC());
        JwtTokens theirs = new JwtTokens(JwtTokens.key("secret-two", dataDir), Duration.ofHours(1), Clock.systemUTC());

        String forged = theirs.issue("mallory", List.of("ADMIN")).value();

        assertThatThrownBy(() -> ours.decoder().decode(forged)).isInstanceOf(JwtException.class);
    }

    @Test
    void expiredTokenIsRejected() {
        Clock twoHoursAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        JwtTokens tokens = new JwtTokens(JwtTokens.key("s", dataDir), Duration.ofHours(1), twoHoursAgo);

        String expired = tokens.issue("alice", List.of("OPERATOR")).value();

        assertThatThrownBy(() -> tokens.decoder().decode(expired)).isInstanceOf(JwtException.class);
    }

    @Test
    void tokenWithoutExpiryIsRejected() {
        javax.crypto.SecretKey key = JwtTokens.key("s", dataDir);
        JwtTokens tokens = new JwtTokens(key, Duration.ofHours(1), Clock.systemUTC());
        String forever = new org.springframework.security.oauth2.jwt.NimbusJwtEncoder(
                new com.nimbusds.jose.jwk.source.ImmutableSecret<>(key)).encode(
                org.springframework.security.oauth2.jwt.JwtEncoderParameters.from(
                        org.springframework.security.oauth2.jwt.JwsHeader.with(
                                org.springframework.security.oauth2.jose.jws.MacAlgorithm.HS256).build(),
                        org.springframework.security.oauth2.jwt.JwtClaimsSet.builder().issuer(JwtTokens.ISSUER)
                                .subject("alice").issuedAt(Instant.now()).build())).getTokenValue();

        assertThatThrownBy(() -> tokens.decoder().decode(forever)).isInstanceOf(JwtException.class)
                .hasMessageContaining("exp");
    }

    @Test
    void tokenOfAUserThatNoLongerExistsIsRejected() {
        JwtTokens tokens = new JwtTokens(JwtTokens.key("s", dataDir), Duration.ofHours(1), Clock.systemUTC());
        String token = tokens.issue("gone", java.util.List.of("ANALYST")).value();
        var onlyAlice = tokens.decoder(jwt -> "alice".equals(jwt.getSubject())
                ? org.springframework.security.oauth2.core.OAuth2TokenValidatorResult.success()
                : org.springframework.security.oauth2.core.OAuth2TokenValidatorResult.failure(
                        new org.springframework.security.oauth2.core.OAuth2Error("invalid_token", "no such user", null)));

        assertThatThrownBy(() -> onlyAlice.decode(token)).isInstanceOf(JwtException.class)
                .hasMessageContaining("no such user");
        assertThat(onlyAlice.decode(tokens.issue("alice", java.util.List.of("ANALYST")).value()).getSubject())
                .isEqualTo("alice");
    }

    @Test
    void generatedSecretIsStoredOnceAndReusedAfterRestart() throws Exception {
        JwtTokens first = new JwtTokens(JwtTokens.key("", dataDir), Duration.ofHours(1), Clock.systemUTC());
        String token = first.issue("alice", List.of("ADMIN")).value();
        String stored = Files.readString(dataDir.resolve("jwt.secret"));

        JwtTokens afterRestart = new JwtTokens(JwtTokens.key(null, dataDir), Duration.ofHours(1), Clock.systemUTC());

        assertThat(stored).isNotBlank();
        assertThat(afterRestart.decoder().decode(token).getSubject()).isEqualTo("alice");
        assertThat(Files.readString(dataDir.resolve("jwt.secret"))).isEqualTo(stored);
    }
}
