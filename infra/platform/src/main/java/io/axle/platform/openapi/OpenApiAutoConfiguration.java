package io.axle.platform.openapi;

import io.axle.platform.security.ApiKeyAuthenticationFilter;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * The OpenAPI 3 description at {@code /v3/api-docs} and Swagger UI at {@code /swagger-ui.html}, for every Axle
 * process: the endpoints as springdoc finds them, with the roles, problems, security schemes and examples Axle adds.
 * {@code springdoc.api-docs.enabled=false} and {@code springdoc.swagger-ui.enabled=false} turn them off.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OpenAPI.class)
public class OpenApiAutoConfiguration {

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

    @Bean
    OperationCustomizer axleOperationRoles() {
        return new OperationRoles();
    }

    @Bean
    OpenApiCustomizer axleApiDescription() {
        return new ApiDescription(OperationNotes.load(OpenApiAutoConfiguration.class.getClassLoader()));
    }
}
