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
import org.springframework.data.mongodb.core.query.Update;

/**
 * API keys for partners and devices. The key is shown once at creation; only its SHA-256 hash is stored (keys are
 * 256-bit random, so a fast hash is enough and allows a direct lookup). Lookups are cached briefly.
 * <p>
 * A partner key is bound to one customer ({@code customerId}, required): it sees and acts on that customer's data only.
 * A device key is bound to one device ({@code deviceId}, required: the sensor id its readings carry): it publishes
 * that device's readings only. A rig or a relay that sends for many sensors uses a technician or operator key. Other
 * roles take neither binding.
 * <p>
 * A revoked key stays listed, with the time it was revoked, and is refused from then on: at once on the node that
 * revoked it, within the cache's 30 seconds on the others.
 */
public class ApiKeys {

    static final String COLLECTION = "platform_api_keys";
    static final String PREFIX = "axk_";
    private static final Duration CACHE_TTL = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * A key as stored; {@code key} is only filled in the answer to its creation. {@code customerId} binds a partner
     * key, {@code deviceId} a device key; both are null otherwise. {@code revokedAt} is null while the key is valid.
     */
    public record ApiKey(String id, String name, String role, String customerId, String deviceId, Instant createdAt,
                         Instant revokedAt, String key) {

        /** A key that has not been revoked. */
        public ApiKey(String id, String name, String role, String customerId, String deviceId, Instant createdAt,
                      String key) {
            this(id, name, role, customerId, deviceId, createdAt, null, key);
        }

        /** Whether this is a partner key that names no customer (created before keys were bound): it is refused. */
        public boolean unboundPartner() {
            return Roles.PARTNER.equals(role) && (customerId == null || customerId.isBlank());
        }

        /** Whether this is a device key that names no device (created before keys were bound): it is refused. */
        public boolean unboundDevice() {
            return Roles.DEVICE.equals(role) && (deviceId == null || deviceId.isBlank());
        }
    }

    private record Cached(Optional<ApiKey> key, Instant until) {
    }

    private final MongoTemplate mongo;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public ApiKeys(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION).ensureIndex(new Index("hash", Sort.Direction.ASC).unique().named("hash_unique"));
    }

    /** A key of a role that is bound to nothing (neither a partner nor a device). */
    public ApiKey create(String name, String role) {
        return create(name, role, null, null);
    }

    /**
     * Creates a key. A partner key must name its customer, a device key its device, no other key names either:
     * {@link IllegalArgumentException} otherwise (as for an unknown role).
     */
    public ApiKey create(String name, String role, String customerId, String deviceId) {
        String normalizedRole = Roles.normalize(role);
        if (Roles.PARTNER.equals(normalizedRole) && (customerId == null || customerId.isBlank())) {
            throw new InvalidBindingException("customerId", "A partner key must name the customer it acts for");
        }
        if (!Roles.PARTNER.equals(normalizedRole) && customerId != null) {
            throw new InvalidBindingException("customerId", "Only a partner key is bound to a customer");
        }
        if (Roles.DEVICE.equals(normalizedRole) && (deviceId == null || deviceId.isBlank())) {
            throw new InvalidBindingException("deviceId", "A device key must name the device it sends readings for");
        }
        if (!Roles.DEVICE.equals(normalizedRole) && deviceId != null) {
            throw new InvalidBindingException("deviceId", "Only a device key is bound to a device");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        mongo.insert(new Document("_id", id)
                .append("name", name)
                .append("role", normalizedRole)
                .append("customerId", customerId)
                .append("deviceId", deviceId)
                .append("hash", hash(key))
                .append("createdAt", Date.from(now)), COLLECTION);
        return new ApiKey(id, name, normalizedRole, customerId, deviceId, now, key);
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
        Optional<ApiKey> result = Optional.ofNullable(stored).map(ApiKeys::toKey).filter(key -> key.revokedAt() == null);
        if (cache.size() > 10_000) {
            cache.clear();
        }
        cache.put(hash, new Cached(result, now.plus(CACHE_TTL)));
        return result;
    }

    /**
     * Revokes the key: it is refused from now on (see the class comment for other nodes). Revoking a key again keeps
     * the first revocation time. The key as revoked, or empty when there is no such key.
     */
    public Optional<ApiKey> revoke(String id) {
        Query byId = Query.query(Criteria.where("_id").is(id));
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("revokedAt").is(null)),
                Update.update("revokedAt", Date.from(Instant.now())), COLLECTION);
        Document stored = mongo.findOne(byId, Document.class, COLLECTION);
        if (stored == null) {
            return Optional.empty();
        }
        cache.remove(stored.getString("hash"));
        return Optional.of(toKey(stored));
    }

    public List<ApiKey> list() {
        return mongo.find(new Query().with(Sort.by("name")), Document.class, COLLECTION).stream()
                .map(ApiKeys::toKey).toList();
    }

    /** A binding that does not fit the key's role; {@code field} names the request field at fault. */
    public static final class InvalidBindingException extends IllegalArgumentException {
        private final String field;

        InvalidBindingException(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
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
        Date revoked = document.getDate("revokedAt");
        return new ApiKey(document.getString("_id"), document.getString("name"), document.getString("role"),
                document.getString("customerId"), document.getString("deviceId"),
                created == null ? null : created.toInstant(), revoked == null ? null : revoked.toInstant(), null);
    }
}
