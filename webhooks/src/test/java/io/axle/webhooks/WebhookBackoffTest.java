package io.axle.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookBackoffTest {

    private static final Duration INITIAL = Duration.ofSeconds(10);
    private static final Duration MAX = Duration.ofMinutes(1);

    @Test
    void doublesAfterEachFailureUpToTheMaximum() {
        WebhookBackoff noJitter = new WebhookBackoff(INITIAL, MAX, () -> 0.0);

        assertThat(noJitter.after(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(noJitter.after(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(noJitter.after(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(noJitter.after(4)).isEqualTo(MAX);
        assertThat(noJitter.after(60)).isEqualTo(MAX);
    }

    @Test
    void addsUpToHalfAgainAtRandom() {
        assertThat(new WebhookBackoff(INITIAL, MAX, () -> 0.5).after(2)).isEqualTo(Duration.ofSeconds(25));
        assertThat(new WebhookBackoff(INITIAL, MAX, () -> 0.999).after(4)).isLessThan(Duration.ofSeconds(90));
    }
}
