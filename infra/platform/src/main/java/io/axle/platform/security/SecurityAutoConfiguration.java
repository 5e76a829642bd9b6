package io.axle.platform.security;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.core.HazelcastInstance;
import io.axle.platform.ratelimit.HazelcastRateLimiter;
import io.axle.platform.ratelimit.TokenBucket;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.data.mongo.MongoDataAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.AntPathMatcher;

/**
 * Stateless security for every Axle process: JWT bearer tokens (also as {@code ?access_token=} for server-sent
 * events) and {@code X-API-Key}; health, login, the static UI and the API description (Swagger UI) are public,
 * everything else needs a caller.
 * Controllers check roles with {@code @PreAuthorize}.
 */
@AutoConfiguration(before = {UserDetailsServiceAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class,
        org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration.class},
        after = {MongoDataAutoConfiguration.class, JacksonAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableMethodSecurity
@Import({AuthController.class, UserAdminController.class, PreferencesController.class})
public class SecurityAutoConfiguration {

    /**
     * Reads anyone may make: the web UI's files, health, and the API description with Swagger UI (the shape of the
     * API only; calling it still needs a token or key).
     */
    static final String[] PUBLIC_GET = {"/", "/index.html", "/*.js", "/*.css", "/*.map", "/*.svg", "/*.png",
            "/assets/**", "/favicon.ico", "/actuator/health", "/actuator/health/**", "/error",
            "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**"};
    static final String[] PUBLIC_POST = {"/api/v1/auth/token"};
    private static final AntPathMatcher PATHS = new AntPathMatcher();

    /** Whether {@code method path} (a path pattern such as {@code /api/v1/orders/{id}} too) needs no caller. */
    public static boolean isPublic(String method, String path) {
        String[] open = "GET".equals(method) ? PUBLIC_GET : "POST".equals(method) ? PUBLIC_POST : new String[0];
        return Arrays.stream(open).anyMatch(pattern -> PATHS.match(pattern, path));
    }

    @Bean
    @ConditionalOnMissingBean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    JwtTokens axleJwtTokens(@Value("${axle.security.jwt-secret:}") String secret,
                            @Value("${axle.data-dir:./data}") String dataDir,
                            @Value("${axle.security.token-lifetime:1h}") Duration lifetime) {
        return new JwtTokens(JwtTokens.key(secret, Path.of(dataDir)), lifetime, Clock.systemUTC());
    }

    /** Tokens must carry an expiry and name a user that still exists. */
    @Bean
    JwtDecoder jwtDecoder(JwtTokens tokens, UserAccounts users) {
        return tokens.decoder(jwt -> users.stillExists(jwt.getSubject()) ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
                        "The token's user no longer exists", null)));
    }

    @Bean
    UserAccounts axleUserAccounts(MongoTemplate mongoTemplate, PasswordEncoder passwordEncoder) {
        return new UserAccounts(mongoTemplate, passwordEncoder);
    }

    @Bean
    ApiKeys axleApiKeys(MongoTemplate mongoTemplate) {
        return new ApiKeys(mongoTemplate);
    }

    @Bean
    LoginThrottle axleLoginThrottle(ObjectProvider<HazelcastInstance> hazelcast,
            @Value("${axle.security.sign-in.failures-per-user-per-minute:5}") long perUser,
            @Value("${axle.security.sign-in.failures-per-address-per-minute:20}") long perAddress) {
        return new LoginThrottle(lazyLimiter(hazelcast, new TokenBucket(perUser, perUser)),
                lazyLimiter(hazelcast, new TokenBucket(perAddress, perAddress)));
    }

    private static Supplier<HazelcastRateLimiter> lazyLimiter(ObjectProvider<HazelcastInstance> hazelcast,
                                                              TokenBucket bucket) {
        AtomicReference<HazelcastRateLimiter> limiter = new AtomicReference<>();
        return () -> limiter.updateAndGet(
                existing -> existing != null ? existing : new HazelcastRateLimiter(hazelcast.getObject(), bucket));
    }

    @Bean
    AdminBootstrap axleAdminBootstrap(UserAccounts users,
                                      @Value("${axle.security.admin-username:admin}") String username,
                                      @Value("${axle.security.admin-password:${AXLE_ADMIN_PASSWORD:}}") String password) {
        return new AdminBootstrap(users, username, password);
    }

    @Bean
    ProblemSecurityHandler axleProblemSecurityHandler(ObjectMapper objectMapper) {
        return new ProblemSecurityHandler(objectMapper);
    }

    /** Keeps the API key filter out of the servlet container's own chain: it runs inside Spring Security only. */
    @Bean
    FilterRegistrationBean<ApiKeyAuthenticationFilter> axleApiKeyFilterRegistration(ApiKeyAuthenticationFilter filter) {
        FilterRegistrationBean<ApiKeyAuthenticationFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }

    @Bean
    ApiKeyAuthenticationFilter axleApiKeyAuthenticationFilter(ApiKeys apiKeys, ProblemSecurityHandler problems) {
        return new ApiKeyAuthenticationFilter(apiKeys, problems);
    }

    /**
     * The UI's Content-Security-Policy: scripts, styles and connections (fetch, EventSource) from Axle itself only, no
     * inline script or style; images also as {@code data:} (the icon); the PDF viewer frames a {@code blob:} URL.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; frame-src 'self' blob:; object-src 'self' blob:; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /** Swagger UI's pages: the same policy, but Swagger UI sets inline styles, which it needs to lay out. */
    static final String SWAGGER_UI_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY
            .replace("style-src 'self';", "style-src 'self' 'unsafe-inline';");
    private static final RequestMatcher SWAGGER_UI = PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui/**");

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain axleSecurityFilterChain(HttpSecurity http, ProblemSecurityHandler problems,
                                                ApiKeyAuthenticationFilter apiKeyFilter, JwtDecoder jwtDecoder,
                                                @Value("${axle.security.content-security-policy:"
                                                        + CONTENT_SECURITY_POLICY + "}") String contentSecurityPolicy)
            throws Exception {
        DefaultBearerTokenResolver headerTokens = new DefaultBearerTokenResolver();
        DefaultBearerTokenResolver streamTokens = new DefaultBearerTokenResolver();
        streamTokens.setAllowUriQueryParameter(true);
        // EventSource cannot send headers: only live streams take the token as ?access_token=, so tokens stay out of
        // the logs and history of every other URL
        BearerTokenResolver bearerTokens = request -> request.getRequestURI().endsWith("/updates")
                ? streamTokens.resolve(request) : headerTokens.resolve(request);

        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(JwtTokens.ROLES_CLAIM);
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter jwtAuthentication = new JwtAuthenticationConverter();
        jwtAuthentication.setJwtGrantedAuthoritiesConverter(authorities);

        return http
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(headers -> headers
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(SWAGGER_UI),
                                new ContentSecurityPolicyHeaderWriter(contentSecurityPolicy)))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(SWAGGER_UI,
                                new ContentSecurityPolicyHeaderWriter(SWAGGER_UI_CONTENT_SECURITY_POLICY))))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, PUBLIC_POST).permitAll()
                        .requestMatchers(HttpMethod.GET, PUBLIC_GET).permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .addFilterBefore(apiKeyFilter, BearerTokenAuthenticationFilter.class)
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenResolver(bearerTokens)
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        .jwt(jwt -> jwt.decoder(jwtDecoder).jwtAuthenticationConverter(jwtAuthentication)))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .build();
    }
}
