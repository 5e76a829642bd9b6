package io.axle.platform.security;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates requests carrying {@code X-API-Key}; the caller is named {@code apikey:<name>}. */
public class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-API-Key";

    private final ApiKeys apiKeys;
    private final AuthenticationEntryPoint entryPoint;

    public ApiKeyAuthenticationFilter(ApiKeys apiKeys, AuthenticationEntryPoint entryPoint) {
        this.apiKeys = apiKeys;
        this.entryPoint = entryPoint;
    }

    /** An authenticated API key. */
    public static final class ApiKeyAuthentication extends AbstractAuthenticationToken {
        private final ApiKeys.ApiKey key;

        public ApiKeyAuthentication(ApiKeys.ApiKey key) {
            super(List.of(new SimpleGrantedAuthority("ROLE_" + key.role())));
            this.key = key;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return key;
        }

        @Override
        public String getName() {
            return "apikey:" + key.name();
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = request.getHeader(HEADER);
        if (presented == null || presented.isBlank()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiKeys.ApiKey> key = apiKeys.authenticate(presented.strip());
        if (key.isEmpty()) {
            SecurityContextHolder.clearContext();
            entryPoint.commence(request, response, new BadCredentialsException("Unknown API key"));
            return;
        }
        if (key.get().unboundPartner() || key.get().unboundDevice()) {
            SecurityContextHolder.clearContext();
            entryPoint.commence(request, response, key.get().unboundPartner()
                    ? new UnboundKeyException("partner-key-unbound",
                            "This partner key names no customer; ask an admin for a new key bound to your customer")
                    : new UnboundKeyException("device-key-unbound",
                            "This device key names no device; ask an admin for a new key bound to your device"));
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ApiKeyAuthentication(key.get()));
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }

    /** A partner or device key created before keys were bound to a customer or a device: refused until replaced. */
    static final class UnboundKeyException extends BadCredentialsException {
        private final String rule;

        UnboundKeyException(String rule, String message) {
            super(message);
            this.rule = rule;
        }

        String rule() {
            return rule;
        }
    }

    /** Async endpoints are dispatched a second time; the key must authenticate that dispatch too, or it answers 401. */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }
}
