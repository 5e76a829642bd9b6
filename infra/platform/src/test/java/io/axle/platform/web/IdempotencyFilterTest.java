package io.axle.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

class IdempotencyFilterTest {

    /** The same contract as the Mongo store, in memory. */
    static final class InMemoryStore implements IdempotencyStore {
        final Map<String, Entry> entries = new ConcurrentHashMap<>();

        @Override
        public Optional<Entry> claim(String key, String requestHash, Instant now) {
            Entry previous = entries.putIfAbsent(key, new Entry(key, requestHash, now, null));
            return Optional.ofNullable(previous);
        }

        @Override
        public boolean takeOver(String key, String requestHash, Instant staleBefore, Instant now) {
            Entry current = entries.get(key);
            return current != null && !current.completed() && current.claimedAt().isBefore(staleBefore)
                    && entries.replace(key, current, new Entry(key, requestHash, now, null));
        }

        @Override
        public void complete(String key, StoredResponse response) {
            entries.computeIfPresent(key, (k, e) -> new Entry(k, e.requestHash(), e.claimedAt(), response));
        }

        @Override
        public void release(String key) {
            entries.remove(key);
        }
    }

    private final InMemoryStore store = new InMemoryStore();
    private final IdempotencyFilter filter =
            new IdempotencyFilter(store, new ObjectMapper(), Duration.ofSeconds(60), Clock.systemUTC());
    private final AtomicInteger executions = new AtomicInteger();

    private final FilterChain placeOrder = (request, response) -> {
        executions.incrementAndGet();
        MockHttpServletResponse http = (MockHttpServletResponse) unwrap(response);
        ((jakarta.servlet.http.HttpServletResponse) response).setStatus(202);
        ((jakarta.servlet.http.HttpServletResponse) response).setHeader("Location", "/api/v1/orders/o-" + executions.get());
        response.setContentType("application/json");
        response.getWriter().write("{\"orderId\":\"o-" + executions.get() + "\"}");
        assertThat(http).isNotNull();
    };

    private static Object unwrap(jakarta.servlet.ServletResponse response) {
        jakarta.servlet.ServletResponse current = response;
        while (current instanceof jakarta.servlet.ServletResponseWrapper wrapper) {
            current = wrapper.getResponse();
        }
        return current;
    }

    @AfterEach
    void clearSecurity() {
        SecurityContextHolder.clearContext();
    }

    private MockHttpServletResponse post(String key, String body, FilterChain chain) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/orders");
        request.addHeader(IdempotencyFilter.KEY_HEADER, key);
        request.setContent(body.getBytes());
        request.setContentType("application/json");
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, chain);
        return response;
    }

    private void loginAs(String user) {
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(user, "x", "ROLE_OPERATOR"));
    }

    @Test
    void sameKeyAndBodyReplaysTheStoredAnswerWithoutRunningAgain() throws Exception {
        loginAs("alice");
        MockHttpServletResponse first = post("k-1", "{\"a\":1}", placeOrder);
        MockHttpServletResponse second = post("k-1", "{\"a\":1}", placeOrder);

        assertThat(executions).hasValue(1);
        assertThat(first.getStatus()).isEqualTo(202);
        assertThat(second.getStatus()).isEqualTo(202);
        assertThat(second.getContentAsString()).isEqualTo(first.getContentAsString()).contains("o-1");
        assertThat(second.getHeader("Location")).isEqualTo("/api/v1/orders/o-1");
        assertThat(second.getHeader(IdempotencyFilter.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(first.getHeader(IdempotencyFilter.REPLAYED_HEADER)).isNull();
    }

    @Test
    void sameKeyWithDifferentBodyIsRefusedWith422() throws Exception {
        loginAs("alice");
        post("k-2", "{\"a\":1}", placeOrder);
        MockHttpServletResponse reused = post("k-2", "{\"a\":2}", placeOrder);

        assertThat(executions).hasValue(1);
        assertThat(reused.getStatus()).isEqualTo(422);
        assertThat(reused.getContentType()).startsWith("application/problem+json");
        assertThat(reused.getContentAsString()).contains("\"rule\":\"idempotency-key-reused\"");
    }

    @Test
    void keysAreScopedPerCaller() throws Exception {
        loginAs("alice");
        post("k-3", "{\"a\":1}", placeOrder);
        loginAs("bob");
        MockHttpServletResponse bobs = post("k-3", "{\"a\":1}", placeOrder);

        assertThat(executions).hasValue(2);
        assertThat(bobs.getHeader(IdempotencyFilter.REPLAYED_HEADER)).isNull();
    }

    @Test
    void duplicateWhileFirstIsInFlightIsRefusedWith409() throws Exception {
        loginAs("alice");
        MockHttpServletResponse[] nested = new MockHttpServletResponse[1];
        FilterChain slow = (request, response) -> {
            try {
                nested[0] = post("k-4", "{\"a\":1}", placeOrder);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            placeOrder.doFilter(request, response);
        };
        MockHttpServletResponse first = post("k-4", "{\"a\":1}", slow);

        assertThat(first.getStatus()).isEqualTo(202);
        assertThat(nested[0].getStatus()).isEqualTo(409);
        assertThat(nested[0].getContentAsString()).contains("idempotency-request-in-flight");
    }

    @Test
    void serverErrorsAreNotKeptSoThatARetryRunsAgain() throws Exception {
        loginAs("alice");
        FilterChain failing = (request, response) -> {
            executions.incrementAndGet();
            ((jakarta.servlet.http.HttpServletResponse) response).setStatus(500);
        };
        post("k-5", "{}", failing);
        MockHttpServletResponse retry = post("k-5", "{}", placeOrder);

        assertThat(executions).hasValue(2);
        assertThat(retry.getStatus()).isEqualTo(202);
    }

    @Test
    void handlerStillReadsTheBodyAfterItWasHashed() throws Exception {
        loginAs("alice");
        String[] seen = new String[1];
        post("k-6", "{\"hello\":\"world\"}", (request, response) ->
                seen[0] = new String(request.getInputStream().readAllBytes()));

        assertThat(seen[0]).isEqualTo("{\"hello\":\"world\"}");
    }

    @Test
    void requestsWithoutKeyOrNotPostPassThrough() throws Exception {
        MockHttpServletRequest get = new MockHttpServletRequest("GET", "/api/v1/orders");
        get.addHeader(IdempotencyFilter.KEY_HEADER, "k-7");
        filter.doFilter(get, new MockHttpServletResponse(), placeOrder);
        filter.doFilter(new MockHttpServletRequest("POST", "/api/v1/orders"), new MockHttpServletResponse(), placeOrder);

        assertThat(executions).hasValue(2);
        assertThat(store.entries).isEmpty();
    }
}
