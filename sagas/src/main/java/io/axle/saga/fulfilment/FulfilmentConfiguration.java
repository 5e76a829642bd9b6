package io.axle.saga.fulfilment;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Makes {@link FulfilmentProperties} a bean, so that Axon can inject it into {@link OrderFulfilmentSaga}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FulfilmentProperties.class)
public class FulfilmentConfiguration {
}
