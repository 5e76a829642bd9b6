package io.axle.platform.web;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps readers from starving the processing: at most {@code permits} API reads ({@code GET} and {@code HEAD} under
 * {@code /api/}) run at once, the others wait their turn without using the processor, and one that waits longer than
 * {@code maxWait} gets a 503 problem with {@code Retry-After}. Commands are not limited here: they are what the
 * processors are there for. With the default of one permit fewer than the cores, clients polling hard still leave a
 * core to the event processors and sagas, so orders keep being confirmed under any read load. A live stream takes a
 * permit only while it is being set up.
 */
public class ReadConcurrencyFilter extends OncePerRequestFilter {

    public static final String RULE = "busy";

    private final Semaphore permits;
    private final Duration maxWait;
    private final ObjectMapper mapper;

    public ReadConcurrencyFilter(int permits, Duration maxWait, ObjectMapper mapper) {
        this.permits = new Semaphore(permits, true);
        this.maxWait = maxWait;
        this.mapper = mapper;
    }

    /** The default number of concurrent reads: one fewer than the cores, at least one. */
    public static int defaultPermits() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return !("GET".equals(method) || "HEAD".equals(method)) || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            response.setHeader("Retry-After", "1");
            Problems.write(response, busy(), mapper);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }

    private ProblemDetail busy() {
        return Problems.refusal(HttpStatus.SERVICE_UNAVAILABLE, null, RULE, "Too many reads are waiting; no turn came "
                + "within " + maxWait.toSeconds() + " s. Try again shortly, or poll less often (live updates are "
                + "available as server-sent events).");
    }

    /** Reads running or allowed to run right now, for tests and diagnostics. */
    int availablePermits() {
        return permits.availablePermits();
    }
}
