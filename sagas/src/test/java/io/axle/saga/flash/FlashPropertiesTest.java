package io.axle.saga.flash;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.axle.api.flash.FlashStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class FlashPropertiesTest {

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(FlashConfiguration.class);

    @Test
    void everythingHasADefault() {
        context.run(ctx -> {
            FlashProperties properties = ctx.getBean(FlashProperties.class);
            assertThat(properties.timeouts()).isEqualTo(FlashProperties.DEFAULT_TIMEOUTS);
            assertThat(properties.stepAttempts()).isEqualTo(3);
            assertThat(properties.restoreAttempts()).isEqualTo(3);
            assertThat(properties.commandRetry()).isEqualTo(Duration.ofSeconds(10));
            assertThat(properties.releaseRetry()).isEqualTo(Duration.ofSeconds(30));
            assertThat(properties.releaseAttempts()).isEqualTo(20);
        });
    }

    @ParameterizedTest
    @CsvSource({"DIAGNOSTIC_SESSION, PT30S", "SECURITY_ACCESS, PT30S", "BACKUP, PT5M", "ERASE, PT1M", "TRANSFER, PT10M",
            "TRANSFER_EXIT, PT30S", "VERIFY, PT2M", "RESET, PT30S", "RESTORE, PT15M"})
    void eachStepHasTheDocumentedDefaultTimeout(FlashStep step, Duration timeout) {
        assertThat(FlashProperties.defaults().timeout(step)).isEqualTo(timeout);
    }

    @Test
    void aStepTimeoutIsSetByTheStepsNameTheOthersKeepTheirDefault() {
        context.withPropertyValues("axle.flash.timeouts.transfer=15m", "axle.flash.timeouts.diagnostic-session=45s",
                        "axle.flash.timeouts.RESTORE=20m")
               .run(ctx -> {
                   FlashProperties properties = ctx.getBean(FlashProperties.class);
                   assertThat(properties.timeout(FlashStep.TRANSFER)).isEqualTo(Duration.ofMinutes(15));
                   assertThat(properties.timeout(FlashStep.DIAGNOSTIC_SESSION)).isEqualTo(Duration.ofSeconds(45));
                   assertThat(properties.timeout(FlashStep.RESTORE)).isEqualTo(Duration.ofMinutes(20));
                   assertThat(properties.timeout(FlashStep.BACKUP)).isEqualTo(Duration.ofMinutes(5));
               });
    }

    @Test
    void attemptsAndRetriesAreRead() {
        context.withPropertyValues("axle.flash.step-attempts=5", "axle.flash.restore-attempts=2",
                        "axle.flash.command-retry=3s", "axle.flash.release-retry=1m", "axle.flash.release-attempts=4")
               .run(ctx -> assertThat(ctx.getBean(FlashProperties.class)).isEqualTo(new FlashProperties(null, 5, 2,
                       Duration.ofSeconds(3), Duration.ofMinutes(1), 4)));
    }

    @Test
    void aZeroTimeoutIsRefusedAtStartup() {
        context.withPropertyValues("axle.flash.timeouts.erase=0s").run(ctx -> assertThat(ctx).hasFailed());
    }

    @Test
    void noAttemptAtAllIsRefusedAtStartup() {
        context.withPropertyValues("axle.flash.restore-attempts=0").run(ctx -> assertThat(ctx).hasFailed());
    }

    @Test
    void anUnknownStepIsRefusedAtStartup() {
        context.withPropertyValues("axle.flash.timeouts.flash=1m").run(ctx -> assertThat(ctx).hasFailed());
    }
}
