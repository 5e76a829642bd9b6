package io.axle.saga.flash;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Makes {@link FlashProperties} a bean, so that Axon can inject it into {@link FlashJobSaga}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FlashProperties.class)
public class FlashConfiguration {
}
