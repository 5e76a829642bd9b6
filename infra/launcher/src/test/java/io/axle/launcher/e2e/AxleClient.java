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
    private String apiKey;

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

    /** A client presenting {@code key} as {@code X-API-Key} on every request, as partners and devices do. */
    public AxleClient withApiKey(String key) {
        AxleClient other = new AxleClient(baseUrl);
        other.apiKey = key;
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

    public Answer delete(String path) {
        return send(request(path).DELETE().build());
    }

    /** One part of a multipart form: a field ({@code fileName} null) or a file. */
    public record Part(String name, String fileName, String contentType, byte[] bytes) {

        public static Part field(String name, String value) {
            return new Part(name, null, null, value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        public static Part file(String name, String fileName, String contentType, byte[] bytes) {
            return new Part(name, fileName, contentType, bytes);
        }
    }

    /** A {@code multipart/form-data} POST of {@code parts}, as a browser's form upload sends it. */
    public Answer postMultipart(String path, java.util.List<Part> parts) {
        String boundary = "axle-" + java.util.UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        for (Part part : parts) {
            StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(part.name()).append('"');
            if (part.fileName() != null) {
                head.append("; filename=\"").append(part.fileName()).append('"');
            }
            head.append("\r\n");
            if (part.contentType() != null) {
                head.append("Content-Type: ").append(part.contentType()).append("\r\n");
            }
            head.append("\r\n");
            body.writeBytes(head.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            body.writeBytes(part.bytes());
            body.writeBytes("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    public Answer put(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : write(body))).build());
    }

    /** A GET with extra headers, e.g. {@code X-API-Key} on a client that has no token. */
    public Answer get(String path, Map<String, String> headers) {
        HttpRequest.Builder builder = request(path).GET();
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
        if (apiKey != null) {
            builder.header("X-API-Key", apiKey);
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
