package io.axle.billing;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Binds {@code axle.billing.*}; the documents, exchange rates and mail arrive through their own auto-configurations. */
@AutoConfiguration
@EnableConfigurationProperties(BillingProperties.class)
public class BillingAutoConfiguration {
}
