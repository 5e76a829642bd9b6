package io.axle.platform.web;

import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Makes a POST with an {@code Idempotency-Key} header safe to retry. The key is scoped to the caller; the first
 * request runs and its answer is stored; the same key with the same request gets that answer again (header
 * {@code Idempotent-Replayed: true}) without running anything; the same key with a different request is refused
 * with 422, and a duplicate arriving while the first is still running with 409. Answers of 5xx are not kept.
 * Multipart uploads pass untouched: hashing them would hold the whole file in memory, and the endpoint that takes
 * them is idempotent by their content (a document upload answers the document that already has the same bytes).
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String KEY_HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    /** Longer keys are refused: a UUID has 36 characters, and every key is stored. */
    public static final int MAX_KEY_LENGTH = 200;
    private static final Set<String> NOT_REPLAYED = Set.of("x-correlation-id", "transfer-encoding", "content-length",
            "date", "set-cookie", "x-ratelimit-remaining", "x-ratelimit-limit");

    private final IdempotencyStore store;
    private final ObjectMapper mapper;
    private final Duration inFlightTimeout;
    private final Clock clock;
    private final long maxBodySize;

    /** {@code maxBodySize}: the largest body read into memory to be hashed; larger ones are refused with 413. */
    public IdempotencyFilter(IdempotencyStore store, ObjectMapper mapper, Duration inFlightTimeout, Clock clock,
                             long maxBodySize) {
        this.store = store;
        this.mapper = mapper;
        this.inFlightTimeout = inFlightTimeout;
        this.clock = clock;
        this.maxBodySize = maxBodySize;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(KEY_HEADER) == null
                || returnsCredentials(request.getRequestURI()) || RequestLimitsFilter.isMultipart(request);
    }

    /** Answers holding a token or an API key are never stored: a key is shown once, and only its hash is kept. */
    static boolean returnsCredentials(String path) {
        return path.startsWith("/api/v1/auth/") || path.startsWith("/api/v1/api-keys");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String idempotencyKey = request.getHeader(KEY_HEADER).strip();
        if (idempotencyKey.isEmpty() || idempotencyKey.length() > MAX_KEY_LENGTH) {
            Problems.write(response, Problems.refusal(HttpStatus.BAD_REQUEST, KEY_HEADER,
                    idempotencyKey.isEmpty() ? "not-blank" : "max-length",
                    "Idempotency-Key must have 1 to " + MAX_KEY_LENGTH + " characters."), mapper);
            return;
        }
        byte[] body = request.getContentLengthLong() > maxBodySize ? null : readAtMost(request, maxBodySize);
        if (body == null) {
            Problems.write(response, RequestLimitsFilter.tooLarge("more than " + maxBodySize + " bytes", maxBodySize),
                    mapper);
            return;
        }
        CachedBodyRequest cached = new CachedBodyRequest(request, body);
        String scope = scopeOf(request) + "|" + idempotencyKey;
        String hash = requestHash(request, cached.body);
        Instant now = clock.instant();

        Optional<IdempotencyStore.Entry> existing = store.claim(scope, hash, now);
        if (existing.isPresent()) {
            IdempotencyStore.Entry entry = existing.get();
            if (!entry.requestHash().equals(hash)) {
                Problems.write(response, Problems.refusal(HttpStatus.UNPROCESSABLE_ENTITY, KEY_HEADER,
                        "idempotency-key-reused",
                        "This Idempotency-Key was already used for a different request."), mapper);
                return;
            }
            if (entry.completed()) {
                replay(entry.response(), response);
                return;
            }
            if (!store.takeOver(scope, hash, now.minus(inFlightTimeout), now)) {
                Problems.write(response, Problems.refusal(HttpStatus.CONFLICT, KEY_HEADER,
                        "idempotency-request-in-flight",
                        "A request with this Idempotency-Key is still being processed; retry later."), mapper);
                return;
            }
        }

        ContentCachingResponseWrapper recorder = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(cached, recorder);
        } catch (IOException | ServletException | RuntimeException e) {
            store.release(scope);
            throw e;
        }
        int status = recorder.getStatus();
        if (status >= 500) {
            store.release(scope);
        } else {
            store.complete(scope, new IdempotencyStore.StoredResponse(status, headersOf(recorder),
                    recorder.getContentAsByteArray()));
        }
        recorder.copyBodyToResponse();
    }

    /** The whole body if it has at most {@code max} bytes, else {@code null}; never reads more than one byte over. */
    static byte[] readAtMost(HttpServletRequest request, long max) throws IOException {
        byte[] body = request.getInputStream().readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
        return body.length > max ? null : body;
    }

    private static String scopeOf(HttpServletRequest request) {
        String user = RequestMetadataFilter.currentUser();
        return user != null ? user : "anonymous@" + request.getRemoteAddr();
    }

    static String requestHash(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(request.getMethod().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) ' ');
            digest.update(request.getRequestURI().getBytes(StandardCharsets.UTF_8));
            if (request.getQueryString() != null) {
                digest.update((byte) '?');
                digest.update(request.getQueryString().getBytes(StandardCharsets.UTF_8));
            }
            digest.update((byte) '\n');
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, List<String>> headersOf(HttpServletResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : response.getHeaderNames()) {
            if (!NOT_REPLAYED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                headers.put(name, new ArrayList<>(response.getHeaders(name)));
            }
        }
        if (response.getContentType() != null) {
            headers.put("Content-Type", List.of(response.getContentType()));
        }
        return headers;
    }

    private static void replay(IdempotencyStore.StoredResponse stored, HttpServletResponse response) throws IOException {
        response.setStatus(stored.status());
        stored.headers().forEach((name, values) -> {
            if ("Content-Type".equalsIgnoreCase(name)) {
                response.setContentType(values.isEmpty() ? null : values.get(0));
            } else {
                values.forEach(value -> response.addHeader(name, value));
            }
        });
        response.setHeader(REPLAYED_HEADER, "true");
        response.setContentLength(stored.body().length);
        response.getOutputStream().write(stored.body());
        response.flushBuffer();
    }

    /** A request whose body was read once, up front, so that it can be hashed and still be read by the handler. */
    static final class CachedBodyRequest extends HttpServletRequestWrapper {
        final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
