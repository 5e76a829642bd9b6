package io.axle.query.run;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.LoggingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes the {@value RunMetrics#PROCESSING_GROUP} processing group subscribing: events are counted where published. A
 * failure there is logged and the event left uncounted (a metric lost, not data), so that it never rolls back the
 * command that published the event.
 */
@Configuration(proxyBeanMethods = false)
public class RunMetricsConfiguration {

    @Bean
    ConfigurerModule subscribingRunMetrics() {
        return configurer -> configurer.eventProcessing()
                .registerSubscribingEventProcessor(RunMetrics.PROCESSING_GROUP)
                .registerListenerInvocationErrorHandler(RunMetrics.PROCESSING_GROUP, c -> new LoggingErrorHandler());
    }
}
