package io.axle.platform.security;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.axle.platform.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Answers 401, 403 and the firewall's refusals of suspicious requests ({@code ;jsessionid}, {@code %00}, encoded
 * {@code /}, {@code .} or {@code %}, bad header values) as RFC 7807 problems; as a {@link RequestRejectedHandler} bean
 * it is taken up by Spring Security's filter chain proxy.
 */
public class ProblemSecurityHandler implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

    private final ObjectMapper mapper;

    public ProblemSecurityHandler(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        boolean credentialsPresented = request.getHeader(HttpHeaders.AUTHORIZATION) != null
                || request.getHeader(ApiKeyAuthenticationFilter.HEADER) != null
                || request.getParameter("access_token") != null;
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"axle\"");
        if (exception instanceof ApiKeyAuthenticationFilter.UnboundKeyException unbound) {
            Problems.write(response, Problems.refusal(HttpStatus.UNAUTHORIZED, null, unbound.rule(),
                    exception.getMessage()), mapper);
            return;
        }
        Problems.write(response, Problems.refusal(HttpStatus.UNAUTHORIZED, null,
                credentialsPresented ? "invalid-credentials" : "unauthenticated",
                credentialsPresented ? "The token or API key is invalid or expired."
                        : "Authentication is required: a Bearer token or an X-API-Key."), mapper);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
            throws IOException {
        Problems.write(response, Problems.refusal(HttpStatus.FORBIDDEN, null, "forbidden",
                "You are not allowed to do this."), mapper);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException exception)
            throws IOException {
        String reason = exception.getMessage() == null ? "" : exception.getMessage().toLowerCase(java.util.Locale.ROOT);
        boolean header = reason.contains("header");
        boolean parameter = reason.contains("parameter");
        Problems.write(response, Problems.refusal(HttpStatus.BAD_REQUEST,
                header ? "header" : parameter ? "parameter" : "url",
                header ? "rejected-header" : parameter ? "rejected-parameter" : "rejected-url",
                header ? "A request header holds a name or value that is not allowed."
                        : parameter ? "A request parameter holds a name or value that is not allowed."
                        : "The request URL was rejected: it holds characters or sequences that are not allowed "
                                + "(such as ';', '%00', '%2e', encoded '/' or '\\', or '//')."), mapper);
    }
}
