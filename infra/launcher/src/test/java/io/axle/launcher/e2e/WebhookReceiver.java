package io.axle.launcher.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A partner's endpoint on 127.0.0.1: every path it is given answers the statuses scripted for it, in turn, then its
 * standing status, and records each post with whether its {@code X-Axle-Signature} is the HMAC-SHA256 of the raw body
 * with the path's secret (checked here with the JDK, not with Axle's code).
 */
public final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One post received: its path, the delivery header, whether the signature checked out, and the parsed body. */
    public record Post(String path, String deliveryHeader, boolean signatureValid, int answered, JsonNode body) {
    }

    private final HttpServer server;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, Deque<Integer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Integer> standing = new ConcurrentHashMap<>();
    private final List<Post> posts = new CopyOnWriteArrayList<>();

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The URL of {@code path}, which checks signatures with {@code secret} and answers {@code statuses} first. */
    public String endpoint(String path, String secret, int standingStatus, Integer... statuses) {
        secrets.put(path, secret);
        standing.put(path, standingStatus);
        scripts.put(path, new ArrayDeque<>(List.of(statuses)));
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** From now on {@code path} answers {@code status}. */
    public void answer(String path, int status) {
        standing.put(path, status);
    }

    public List<Post> posts(String path) {
        return posts.stream().filter(post -> post.path().equals(path)).toList();
    }

    /** From now on {@code path} checks signatures with {@code secret}: for a secret known only once registered. */
    public void checkWith(String path, String secret) {
        secrets.put(path, secret);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] raw = exchange.getRequestBody().readAllBytes();
        String secret = secrets.get(path);
        Deque<Integer> script = scripts.get(path);
        Integer scripted = script == null ? null : script.poll();
        int status = scripted != null ? scripted : standing.getOrDefault(path, 404);
        boolean valid = secret != null && signatureMatches(raw, secret,
                exchange.getRequestHeaders().getFirst("X-Axle-Signature"));
        posts.add(new Post(path, exchange.getRequestHeaders().getFirst("X-Axle-Delivery"), valid, status,
                JSON.readTree(raw)));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private static boolean signatureMatches(byte[] body, String secret, String header) {
        if (header == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
            return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                    header.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
