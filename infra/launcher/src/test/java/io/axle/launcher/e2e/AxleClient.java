package io.axle.launcher.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A small HTTP client for Axle's API, speaking JSON with a bearer token, as a partner system would. */
public final class AxleClient {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private String token;

    public AxleClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** An answer: status, headers and the parsed body (null when empty or not JSON; the text is in {@code raw}). */
    public record Answer(int status, HttpResponse<String> raw, JsonNode body) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }
    }

    public AxleClient signIn(String username, String password) {
        Answer answer = post("/api/v1/auth/token", Map.of("username", username, "password", password));
        if (answer.status() != 200) {
            throw new IllegalStateException("sign-in failed: " + answer.status() + " " + answer.raw().body());
        }
        token = answer.body().get("access_token").asText();
        return this;
    }

    public AxleClient withToken(String bearerToken) {
        AxleClient other = new AxleClient(baseUrl);
        other.token = bearerToken;
        return other;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String token() {
        return token;
    }

    public Answer get(String path) {
        return send(request(path).GET().build());
    }

    /** A GET accepting any media type, e.g. the Prometheus text format; the text is in {@code raw().body()}. */
    public Answer getText(String path) {
        return send(request(path).setHeader("Accept", "text/plain, */*").GET().build());
    }

    /** A download: status, the response's headers, and its bytes. */
    public record Download(int status, HttpResponse<byte[]> raw) {
        public byte[] bytes() {
            return raw.body();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    /** A GET for a binary document such as a PDF. */
    public Download download(String path, String accept) {
        try {
            HttpResponse<byte[]> response = http.send(request(path).setHeader("Accept", accept).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Download(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Answer post(String path, Object body) {
        return post(path, body, Map.of());
    }

    public Answer post(String path, Object body, Map<String, String> headers) {
        HttpRequest.Builder builder = request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : write(body)));
        headers.forEach(builder::header);
        return send(builder.build());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, application/problem+json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            boolean json = response.headers().firstValue("Content-Type").map(type -> type.contains("json")).orElse(true);
            JsonNode body = text == null || text.isBlank() || !json ? null : JSON.readTree(text);
            return new Answer(response.statusCode(), response, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
