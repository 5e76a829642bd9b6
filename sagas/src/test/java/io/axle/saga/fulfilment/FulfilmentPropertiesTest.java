package io.axle.saga.fulfilment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class FulfilmentPropertiesTest {

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(FulfilmentConfiguration.class);

    @Test
    void timeoutDefaultsToThirtySeconds() {
        context.run(ctx -> assertThat(ctx.getBean(FulfilmentProperties.class).timeout())
                .isEqualTo(Duration.ofSeconds(30)));
    }

    @Test
    void timeoutIsReadFromAxleFulfilmentTimeout() {
        context.withPropertyValues("axle.fulfilment.timeout=2s")
               .run(ctx -> assertThat(ctx.getBean(FulfilmentProperties.class).timeout())
                       .isEqualTo(Duration.ofSeconds(2)));
    }

    @Test
    void nonPositiveTimeoutIsRefusedAtStartup() {
        context.withPropertyValues("axle.fulfilment.timeout=0s")
               .run(ctx -> assertThat(ctx).hasFailed());
    }
}
