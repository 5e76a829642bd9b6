package io.axle.query.run;

import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Makes the {@value RunMetrics#PROCESSING_GROUP} processing group subscribing: events are counted where published. */
@Configuration(proxyBeanMethods = false)
public class RunMetricsConfiguration {

    @Bean
    ConfigurerModule subscribingRunMetrics() {
        return configurer -> configurer.eventProcessing()
                .registerSubscribingEventProcessor(RunMetrics.PROCESSING_GROUP);
    }
}
