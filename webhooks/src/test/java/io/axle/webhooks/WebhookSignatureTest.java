package io.axle.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void isTheHexHmacSha256OfTheBodyPrefixedWithItsAlgorithm() {
        // RFC 4231, test case 2
        assertThat(WebhookSignature.of("what do ya want for nothing?", "Jefe"))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void changesWithTheSecret() {
        assertThat(WebhookSignature.of("{}", "secret-one")).isNotEqualTo(WebhookSignature.of("{}", "secret-two"));
    }
}
