package io.axle.platform.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import io.axle.platform.messaging.MessageMetadata;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a correlation id ({@code X-Correlation-Id}, taken from the request or new, echoed in the
 * response) and a client name ({@code X-Client-Id}, or User-Agent and remote address), for messages, logs and problems.
 */
public class RequestMetadataFilter extends OncePerRequestFilter {

    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    public static final String CLIENT_HEADER = "X-Client-Id";
    static final String ATTRIBUTE = RequestMetadataFilter.class.getName() + ".info";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");

    /** What the edge knows about the request being served. */
    public record RequestInfo(String correlationId, String client) {
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RequestInfo info = describe(request);
        request.setAttribute(ATTRIBUTE, info);
        response.setHeader(CORRELATION_HEADER, info.correlationId());
        MDC.put(MessageMetadata.CORRELATION_ID, info.correlationId());
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MessageMetadata.CORRELATION_ID);
        }
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    static RequestInfo describe(HttpServletRequest request) {
        Object existing = request.getAttribute(ATTRIBUTE);
        if (existing instanceof RequestInfo info) {
            return info;
        }
        String correlationId = request.getHeader(CORRELATION_HEADER);
        if (correlationId == null || !SAFE.matcher(correlationId).matches()) {
            correlationId = UUID.randomUUID().toString();
        }
        String client = request.getHeader(CLIENT_HEADER);
        if (client == null || client.isBlank()) {
            String agent = request.getHeader("User-Agent");
            client = (agent == null ? "unknown" : truncate(agent, 200)) + "@" + request.getRemoteAddr();
        } else {
            client = truncate(client.strip(), 200);
        }
        return new RequestInfo(correlationId, client);
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    /** The request on this thread, or {@code null} outside a web request. */
    public static RequestInfo current() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes == null) {
            return null;
        }
        Object info = attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        return info instanceof RequestInfo requestInfo ? requestInfo : null;
    }

    /** The correlation id of the request on this thread, or of the logging context, or {@code null}. */
    public static String currentCorrelationId() {
        RequestInfo info = current();
        return info != null ? info.correlationId() : MDC.get(MessageMetadata.CORRELATION_ID);
    }

    /** The name of the authenticated caller ({@code apikey:<name>} for API keys), or {@code null}. */
    public static String currentUser() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return null;
        }
        return authentication.getName();
    }

    /** Message metadata for a command dispatched on this thread by a web request; empty outside one. */
    public static Map<String, String> currentMetadata() {
        RequestInfo info = current();
        if (info == null) {
            return Map.of();
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        String user = currentUser();
        if (user != null) {
            metadata.put(MessageMetadata.USER, user);
        }
        metadata.put(MessageMetadata.CLIENT, info.client());
        metadata.put(MessageMetadata.CORRELATION_ID, info.correlationId());
        metadata.put(MessageMetadata.CAUSATION_ID, info.correlationId());
        return metadata;
    }
}
