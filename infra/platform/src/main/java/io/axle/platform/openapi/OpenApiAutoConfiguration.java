package io.axle.platform.openapi;

import io.axle.platform.security.ApiKeyAuthenticationFilter;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springdoc.core.configuration.SpringDocConfiguration;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.webmvc.ui.SwaggerConfig;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The OpenAPI 3 description at {@code /v3/api-docs} and Swagger UI at {@code /swagger-ui.html}, for every Axle
 * process: the endpoints as springdoc finds them, with the roles, problems, security schemes and examples Axle adds.
 * {@code springdoc.api-docs.enabled=false} and {@code springdoc.swagger-ui.enabled=false} turn them off.
 */
@AutoConfiguration(before = {SpringDocConfiguration.class, SwaggerConfig.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OpenAPI.class)
public class OpenApiAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(OpenApiAutoConfiguration.class);

    static final String BEARER = "bearer";
    static final String API_KEY = "apiKey";

    @Bean
    @ConditionalOnMissingBean
    OpenAPI axleOpenApi() {
        String version = OpenApiAutoConfiguration.class.getPackage().getImplementationVersion();
        return new OpenAPI()
                .info(new Info()
                        .title("Axle API")
                        .version(version != null ? version : "development")
                        .description("Orders, stock, customers, invoices and simulation runs of the Axle back "
                                + "office. Sign in with POST /api/v1/auth/token and authorize with the access_token "
                                + "(or an X-API-Key). Each operation names the roles it needs; every refusal is an "
                                + "application/problem+json problem naming the field and the rule."))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                                .description("The access_token of POST /api/v1/auth/token"))
                        .addSecuritySchemes(API_KEY, new SecurityScheme()
                                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER)
                                .name(ApiKeyAuthenticationFilter.HEADER)
                                .description("A key of POST /api/v1/api-keys; its role is the key's")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER))
                .addSecurityItem(new SecurityRequirement().addList(API_KEY));
    }

    /**
     * Says where the description and Swagger UI are, once ready, in place of springdoc's two warnings that they are
     * enabled by default: serving them is Axle's choice (docs/api.md), made by {@code springdoc.*.enabled}.
     */
    @Bean(name = {"springDocAppInitializer", "springDocSwaggerInitializer"})
    ApplicationListener<ApplicationReadyEvent> axleApiDescriptionAnnouncer(Environment environment) {
        return ready -> {
            boolean description = environment.getProperty("springdoc.api-docs.enabled", Boolean.class, true);
            boolean ui = description && environment.getProperty("springdoc.swagger-ui.enabled", Boolean.class, true);
            if (description) {
                log.info("API description at {}{}", environment.getProperty("springdoc.api-docs.path", "/v3/api-docs"),
                        ui ? ", Swagger UI at " + environment.getProperty("springdoc.swagger-ui.path",
                                "/swagger-ui.html") : "");
            }
        };
    }

    @Bean
    OperationCustomizer axleOperationRoles() {
        return new OperationRoles();
    }

    @Bean
    OpenApiCustomizer axleApiDescription() {
        return new ApiDescription(OperationNotes.load(OpenApiAutoConfiguration.class.getClassLoader()));
    }
}
