package io.axle.saga.billing;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Makes {@link InvoicingProperties} a bean, so that Axon can inject it into {@link InvoicingSaga}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InvoicingProperties.class)
public class InvoicingConfiguration {
}
