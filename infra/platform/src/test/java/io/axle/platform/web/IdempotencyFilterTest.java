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

    private static final int MAX_BODY = 1024;

    private final InMemoryStore store = new InMemoryStore();
    private final IdempotencyFilter filter =
            new IdempotencyFilter(store, new ObjectMapper(), Duration.ofSeconds(60), Clock.systemUTC(), MAX_BODY);
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

    @Test
    void aMultipartUploadPassesUnreadAndUnrecordedWhateverItsSize() throws Exception {
        loginAs("alice");
        CountingRequest upload = new CountingRequest(new byte[MAX_BODY * 4]);
        upload.declareLength();
        upload.setContentType("multipart/form-data; boundary=b");

        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(upload, response, placeOrder);

        assertThat(response.getStatus()).isEqualTo(202);
        assertThat(upload.bytesRead).isZero();
        assertThat(executions).hasValue(1);
        assertThat(store.entries).isEmpty();
    }

    @Test
    void aKeyLongerThan200CharactersIsRefusedNamingTheHeaderAndTheRule() throws Exception {
        loginAs("alice");
        MockHttpServletResponse longest = post("k".repeat(IdempotencyFilter.MAX_KEY_LENGTH), "{}", placeOrder);
        MockHttpServletResponse tooLong = post("k".repeat(IdempotencyFilter.MAX_KEY_LENGTH + 1), "{}", placeOrder);

        assertThat(IdempotencyFilter.MAX_KEY_LENGTH).isEqualTo(200);
        assertThat(longest.getStatus()).isEqualTo(202);
        assertThat(tooLong.getStatus()).isEqualTo(400);
        assertThat(tooLong.getContentType()).startsWith("application/problem+json");
        assertThat(tooLong.getContentAsString()).contains("\"field\":\"Idempotency-Key\"", "\"rule\":\"max-length\"");
        assertThat(executions).hasValue(1);
        assertThat(store.entries).hasSize(1);
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413AfterReadingOneByteMoreThanTheLimit() throws Exception {
        loginAs("alice");
        CountingRequest request = new CountingRequest(new byte[1024 * 1024]);

        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, placeOrder);

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"rule\":\"max-body-size\"");
        assertThat(request.bytesRead).as("bytes read of a 1 MB body without Content-Length").isEqualTo(MAX_BODY + 1);
        assertThat(executions).hasValue(0);
        assertThat(store.entries).isEmpty();
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedWithoutReadingTheBody() throws Exception {
        loginAs("alice");
        CountingRequest request = new CountingRequest(new byte[MAX_BODY + 1]);
        request.declareLength();

        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, placeOrder);

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(request.bytesRead).isZero();
        assertThat(executions).hasValue(0);
    }

    @Test
    void aBodyOfExactlyTheLimitIsAccepted() throws Exception {
        loginAs("alice");
        MockHttpServletResponse response = post("k-8", "x".repeat(MAX_BODY), placeOrder);

        assertThat(response.getStatus()).isEqualTo(202);
    }

    /** A keyed POST whose body stream counts the bytes taken from it and, by default, declares no length. */
    private static final class CountingRequest extends MockHttpServletRequest {
        private final byte[] content;
        private boolean lengthDeclared;
        int bytesRead;

        CountingRequest(byte[] content) {
            super("POST", "/api/v1/orders");
            this.content = content;
            addHeader(IdempotencyFilter.KEY_HEADER, "k-big");
            setContentType("application/json");
        }

        void declareLength() {
            lengthDeclared = true;
        }

        @Override
        public long getContentLengthLong() {
            return lengthDeclared ? content.length : -1;
        }

        @Override
        public int getContentLength() {
            return (int) getContentLengthLong();
        }

        @Override
        public jakarta.servlet.ServletInputStream getInputStream() {
            java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(content);
            return new jakarta.servlet.ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(jakarta.servlet.ReadListener listener) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read() {
                    int b = in.read();
                    if (b >= 0) {
                        bytesRead++;
                    }
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    int n = in.read(b, off, len);
                    if (n > 0) {
                        bytesRead += n;
                    }
                    return n;
                }
            };
        }
    }
}
