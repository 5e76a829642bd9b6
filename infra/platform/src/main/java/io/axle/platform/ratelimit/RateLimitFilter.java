package io.axle.platform.ratelimit;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.axle.platform.web.Problems;
import io.axle.platform.web.RequestMetadataFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies the per-client allowance (the authenticated caller, or the remote address before login) and answers 429
 * with {@code Retry-After} when it is used up. Health checks are not counted.
 */
public class RateLimitFilter extends OncePerRequestFilter {

    private final RateLimiter limiter;
    private final ObjectMapper mapper;
    private final long limitPerMinute;

    public RateLimitFilter(RateLimiter limiter, ObjectMapper mapper, long limitPerMinute) {
        this.limiter = limiter;
        this.mapper = mapper;
        this.limitPerMinute = limitPerMinute;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/actuator/health");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String user = RequestMetadataFilter.currentUser();
        String client = user != null ? "user:" + user : "ip:" + request.getRemoteAddr();
        RateLimiter.Decision decision = limiter.tryAcquire(client);
        response.setHeader("X-RateLimit-Limit", Long.toString(limitPerMinute));
        response.setHeader("X-RateLimit-Remaining", Long.toString(decision.remaining()));
        if (!decision.allowed()) {
            long seconds = Math.max(1, (decision.retryAfterMillis() + 999) / 1000);
            response.setHeader("Retry-After", Long.toString(seconds));
            ProblemDetail problem = Problems.refusal(HttpStatus.TOO_MANY_REQUESTS, null, "rate-limit",
                    "Too many requests: at most " + limitPerMinute + " per minute; retry in " + seconds + " s.");
            Problems.write(response, problem, mapper);
            return;
        }
        chain.doFilter(request, response);
    }
}
