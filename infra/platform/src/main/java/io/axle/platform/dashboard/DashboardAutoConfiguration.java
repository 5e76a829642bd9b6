package io.axle.platform.dashboard;

import java.time.Clock;

import io.axle.platform.messaging.DeadLetters;
import io.axle.platform.messaging.ProcessorAdminAutoConfiguration;
import io.axle.platform.messaging.Processors;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** The home page's figures ({@link DashboardController}), where the processors can be inspected. */
@AutoConfiguration(after = ProcessorAdminAutoConfiguration.class)
@ConditionalOnBean(Processors.class)
@Import(DashboardController.class)
public class DashboardAutoConfiguration {

    @Bean
    Kpis axleKpis(MeterRegistry meters, Processors processors, DeadLetters deadLetters) {
        return new Kpis(meters, processors, deadLetters, Clock.systemUTC());
    }
}
