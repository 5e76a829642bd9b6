package io.axle.platform.web;

import java.time.Clock;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.axle.platform.audit.AuditController;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.data.mongo.MongoDataAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The web edge every Axle process shares: request metadata, problem responses, idempotency and the audit API. */
@AutoConfiguration(after = MongoDataAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import({ProblemAdvice.class, AuditController.class})
public class WebAutoConfiguration {

    /** Before Spring Security (-100), so that even a 401 carries the correlation id. */
    public static final int REQUEST_METADATA_FILTER_ORDER = -110;
    /** After Spring Security and the rate limit, so that the key is scoped to a known caller. */
    public static final int IDEMPOTENCY_FILTER_ORDER = -80;

    @Bean
    FilterRegistrationBean<RequestMetadataFilter> axleRequestMetadataFilter() {
        FilterRegistrationBean<RequestMetadataFilter> registration =
                new FilterRegistrationBean<>(new RequestMetadataFilter());
        registration.setOrder(REQUEST_METADATA_FILTER_ORDER);
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(MongoTemplate.class)
    IdempotencyStore axleIdempotencyStore(MongoTemplate mongoTemplate) {
        return new MongoIdempotencyStore(mongoTemplate);
    }

    @Bean
    @ConditionalOnBean(IdempotencyStore.class)
    FilterRegistrationBean<IdempotencyFilter> axleIdempotencyFilter(IdempotencyStore store, ObjectMapper objectMapper,
                                                                    @Value("${axle.idempotency.in-flight-timeout:60s}") Duration timeout) {
        FilterRegistrationBean<IdempotencyFilter> registration = new FilterRegistrationBean<>(
                new IdempotencyFilter(store, objectMapper, timeout, Clock.systemUTC()));
        registration.setOrder(IDEMPOTENCY_FILTER_ORDER);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
