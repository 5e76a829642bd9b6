package io.axle.platform.versioning;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** The upcasters every Axle process reads events through; Axon's Spring configuration chains the beans it finds. */
@AutoConfiguration
public class VersioningAutoConfiguration {

    @Bean
    CustomerRegisteredEventUpcaster customerRegisteredEventUpcaster() {
        return new CustomerRegisteredEventUpcaster();
    }
}
