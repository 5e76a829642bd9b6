package io.axle.saga.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class CampaignPropertiesTest {

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(CampaignConfiguration.class);

    @Test
    void everythingHasADefault() {
        context.run(ctx -> assertThat(ctx.getBean(CampaignProperties.class))
                .isEqualTo(new CampaignProperties(20, Duration.ofSeconds(30), Duration.ofSeconds(10))));
    }

    @Test
    void settingsAreReadUnderAxleFlashCampaign() {
        context.withPropertyValues("axle.flash.campaign.parallel-starts=5", "axle.flash.campaign.retry=1m",
                        "axle.flash.campaign.command-retry=3s")
               .run(ctx -> assertThat(ctx.getBean(CampaignProperties.class))
                       .isEqualTo(new CampaignProperties(5, Duration.ofMinutes(1), Duration.ofSeconds(3))));
    }

    @Test
    void noParallelStartIsRefusedAtStartup() {
        context.withPropertyValues("axle.flash.campaign.parallel-starts=0").run(ctx -> assertThat(ctx).hasFailed());
    }

    @Test
    void aZeroRetryIsRefusedAtStartup() {
        context.withPropertyValues("axle.flash.campaign.retry=0s").run(ctx -> assertThat(ctx).hasFailed());
    }
}
