package io.axle.platform.web;

import java.time.Clock;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.axle.platform.audit.AuditController;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.data.mongo.MongoDataAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.util.unit.DataSize;

/**
 * The web edge every Axle process shares: request metadata, request limits, problem responses (also for what Tomcat
 * and the error page refuse), dates within range, idempotency and the audit API.
 */
@AutoConfiguration(after = MongoDataAutoConfiguration.class, before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import({ProblemAdvice.class, ProblemErrorController.class, DateRangeBodyAdvice.class, AuditController.class})
public class WebAutoConfiguration {

    /** Before Spring Security (-100), so that even a 401 carries the correlation id. */
    public static final int REQUEST_METADATA_FILTER_ORDER = -110;
    /** Right after the request metadata: limits are checked before anything reads the request. */
    public static final int REQUEST_LIMITS_FILTER_ORDER = -109;
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
    FilterRegistrationBean<RequestLimitsFilter> axleRequestLimitsFilter(
            ObjectMapper objectMapper,
            @Value("${axle.web.max-header-size:8KB}") DataSize maxHeaderSize,
            @Value("${axle.web.max-body-size:1MB}") DataSize maxBodySize) {
        FilterRegistrationBean<RequestLimitsFilter> registration = new FilterRegistrationBean<>(
                new RequestLimitsFilter(maxHeaderSize.toBytes(), maxBodySize.toBytes(), objectMapper));
        registration.setOrder(REQUEST_LIMITS_FILTER_ORDER);
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Bean
    DateRangeFormatters axleDateRangeFormatters() {
        return new DateRangeFormatters();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(MongoTemplate.class)
    IdempotencyStore axleIdempotencyStore(MongoTemplate mongoTemplate,
                                          @Value("${axle.idempotency.retention:24h}") Duration retention) {
        return new MongoIdempotencyStore(mongoTemplate, retention);
    }

    @Bean
    @ConditionalOnBean(IdempotencyStore.class)
    FilterRegistrationBean<IdempotencyFilter> axleIdempotencyFilter(IdempotencyStore store, ObjectMapper objectMapper,
                                                                    @Value("${axle.idempotency.in-flight-timeout:60s}") Duration timeout,
                                                                    @Value("${axle.web.max-body-size:1MB}") DataSize maxBodySize) {
        FilterRegistrationBean<IdempotencyFilter> registration = new FilterRegistrationBean<>(
                new IdempotencyFilter(store, objectMapper, timeout, Clock.systemUTC(), maxBodySize.toBytes()));
        registration.setOrder(IDEMPOTENCY_FILTER_ORDER);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /** Replaces Tomcat's HTML error report (and Spring Boot's copy of it) on the host with problems. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
    static class TomcatProblems {

        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> axleTomcatProblemReports(ObjectMapper objectMapper) {
            return new ProblemReportCustomizer(objectMapper);
        }
    }

    /** Runs after Spring Boot's own Tomcat customizer, whose error report valve it takes out again. */
    static final class ProblemReportCustomizer
            implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        private final ObjectMapper mapper;

        ProblemReportCustomizer(ObjectMapper mapper) {
            this.mapper = mapper;
        }

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    for (Valve valve : host.getPipeline().getValves()) {
                        if (valve instanceof ErrorReportValve) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                    host.getPipeline().addValve(new ProblemErrorReportValve(mapper));
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
