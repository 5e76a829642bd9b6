package io.axle.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * API keys for partners and devices. The key is shown once at creation; only its SHA-256 hash is stored (keys are
 * 256-bit random, so a fast hash is enough and allows a direct lookup). Lookups are cached briefly.
 */
public class ApiKeys {

    static final String COLLECTION = "platform_api_keys";
    static final String PREFIX = "axk_";
    private static final Duration CACHE_TTL = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A key as stored; {@code key} is only filled in the answer to its creation. */
    public record ApiKey(String id, String name, String role, Instant createdAt, String key) {
    }

    private record Cached(Optional<ApiKey> key, Instant until) {
    }

    private final MongoTemplate mongo;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public ApiKeys(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION).ensureIndex(new Index("hash", Sort.Direction.ASC).unique().named("hash_unique"));
    }

    public ApiKey create(String name, String role) {
        String normalizedRole = Roles.normalize(role);
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        mongo.insert(new Document("_id", id)
                .append("name", name)
                .append("role", normalizedRole)
                .append("hash", hash(key))
                .append("createdAt", Date.from(now)), COLLECTION);
        return new ApiKey(id, name, normalizedRole, now, key);
    }

    /** The key's owner when the presented key is known. */
    public Optional<ApiKey> authenticate(String presentedKey) {
        if (presentedKey == null || !presentedKey.startsWith(PREFIX) || presentedKey.length() > 200) {
            return Optional.empty();
        }
        String hash = hash(presentedKey);
        Instant now = Instant.now();
        Cached cached = cache.get(hash);
        if (cached != null && cached.until().isAfter(now)) {
            return cached.key();
        }
        Document stored = mongo.findOne(Query.query(Criteria.where("hash").is(hash)), Document.class, COLLECTION);
        Optional<ApiKey> result = Optional.ofNullable(stored).map(ApiKeys::toKey);
        if (cache.size() > 10_000) {
            cache.clear();
        }
        cache.put(hash, new Cached(result, now.plus(CACHE_TTL)));
        return result;
    }

    public List<ApiKey> list() {
        return mongo.find(new Query().with(Sort.by("name")), Document.class, COLLECTION).stream()
                .map(ApiKeys::toKey).toList();
    }

    /** Hex SHA-256 of the key. */
    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiKey toKey(Document document) {
        Date created = document.getDate("createdAt");
        return new ApiKey(document.getString("_id"), document.getString("name"), document.getString("role"),
                created == null ? null : created.toInstant(), null);
    }
}
