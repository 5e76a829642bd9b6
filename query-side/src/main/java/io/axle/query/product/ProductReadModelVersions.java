package io.axle.query.product;

import io.axle.platform.messaging.VersionedProjection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Declares the products read model's two versions to the platform, which switches queries between them. */
@Configuration(proxyBeanMethods = false)
class ProductReadModelVersions {

    @Bean
    VersionedProjection productsVersions() {
        return ProductQueries.VERSIONS;
    }
}
