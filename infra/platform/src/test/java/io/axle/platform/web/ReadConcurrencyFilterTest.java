package io.axle.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Reads wait for one of a few turns; commands and pages outside the API never wait; a long wait is a 503 problem. */
class ReadConcurrencyFilterTest {

    private final ExecutorService clients = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        clients.shutdownNow();
    }

    private static MockHttpServletRequest request(String method, String uri) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
        request.setRequestURI(uri);
        return request;
    }

    /** Runs one read through the filter; a Callable, so that the filter's exceptions reach the future. */
    private static Void read(ReadConcurrencyFilter filter, String uri, FilterChain chain) throws Exception {
        filter.doFilter(request("GET", uri), new MockHttpServletResponse(), chain);
        return null;
    }

    @Test
    void atMostThePermittedReadsRunAtOnceAndTheOthersWaitTheirTurn() throws Exception {
        ReadConcurrencyFilter filter = new ReadConcurrencyFilter(1, Duration.ofSeconds(10), new ObjectMapper());
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        FilterChain slowRead = (req, res) -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
        };
        Future<?> first = clients.submit(() -> read(filter, "/api/v1/orders", slowRead));
        Future<?> second = clients.submit(() -> read(filter, "/api/v1/orders/o-1", slowRead));
        await().atMost(Duration.ofSeconds(5)).until(() -> running.get() == 1 && filter.availablePermits() == 0);

        MockHttpServletResponse command = new MockHttpServletResponse();
        AtomicInteger commandsRun = new AtomicInteger();
        filter.doFilter(request("POST", "/api/v1/orders"), command, (req, res) -> commandsRun.incrementAndGet());
        filter.doFilter(request("GET", "/index.html"), new MockHttpServletResponse(),
                (req, res) -> commandsRun.incrementAndGet());
        assertThat(commandsRun).as("a command and a page ran while the read turn was taken").hasValue(2);

        release.countDown();
        first.get(5, TimeUnit.SECONDS);
        second.get(5, TimeUnit.SECONDS);
        assertThat(mostAtOnce).hasValue(1);
        assertThat(filter.availablePermits()).isEqualTo(1);
    }

    @Test
    void aReadThatGetsNoTurnInTimeIsA503ProblemWithRetryAfter() throws Exception {
        ReadConcurrencyFilter filter = new ReadConcurrencyFilter(1, Duration.ofMillis(200), new ObjectMapper());
        CountDownLatch release = new CountDownLatch(1);
        Future<?> holder = clients.submit(() -> read(filter, "/api/v1/orders", (req, res) -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        await().atMost(Duration.ofSeconds(5)).until(() -> filter.availablePermits() == 0);

        MockHttpServletResponse refused = new MockHttpServletResponse();
        AtomicInteger ran = new AtomicInteger();
        filter.doFilter(request("GET", "/api/v1/stock"), refused, (req, res) -> ran.incrementAndGet());

        assertThat(ran).hasValue(0);
        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        assertThat(refused.getContentAsString()).contains("\"rule\":\"busy\"");
        release.countDown();
        holder.get(5, TimeUnit.SECONDS);
    }

    @Test
    void theDefaultLeavesACoreToTheProcessors() {
        assertThat(ReadConcurrencyFilter.defaultPermits())
                .isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
    }
}
