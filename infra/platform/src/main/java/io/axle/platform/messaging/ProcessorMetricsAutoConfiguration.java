package io.axle.platform.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.springboot.autoconfig.MicrometerMetricsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/** Axon's Micrometer metrics through {@link AxleMetricRegistry}, in place of Axon's own registry. */
@AutoConfiguration(before = MicrometerMetricsAutoConfiguration.class)
@ConditionalOnClass({GlobalMetricRegistry.class, MicrometerMetricsAutoConfiguration.class})
@ConditionalOnProperty(value = "axon.metrics.auto-configuration.enabled", matchIfMissing = true)
public class ProcessorMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    GlobalMetricRegistry globalMetricRegistry(MeterRegistry meterRegistry) {
        return new AxleMetricRegistry(meterRegistry);
    }
}
