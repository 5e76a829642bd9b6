package io.axle.platform.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * {@link IdempotencyStore} in MongoDB: one document per key, the key being the unique {@code _id}. A record lives for
 * the retention period from its claim: a TTL index removes it on MongoDB; the embedded server has no TTL indexes, so
 * the store also deletes expired records itself, at most once per purge interval, when a new key is claimed, and
 * treats an expired record as absent.
 */
public class MongoIdempotencyStore implements IdempotencyStore {

    static final String COLLECTION = "platform_idempotency_keys";
    static final Duration DEFAULT_RETENTION = Duration.ofDays(1);

    private final MongoTemplate mongo;
    private final Duration retention;
    private final Duration purgeInterval;
    private final AtomicReference<Instant> nextPurge = new AtomicReference<>(Instant.MIN);

    public MongoIdempotencyStore(MongoTemplate mongo) {
        this(mongo, DEFAULT_RETENTION);
    }

    public MongoIdempotencyStore(MongoTemplate mongo, Duration retention) {
        this.mongo = mongo;
        this.retention = retention;
        Duration tenth = retention.dividedBy(10);
        this.purgeInterval = tenth.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : tenth;
        try {
            mongo.indexOps(COLLECTION).ensureIndex(new Index("claimedAt", Sort.Direction.ASC).named("claimed_ttl")
                    .expire(Math.max(1, retention.toSeconds()), TimeUnit.SECONDS));
        } catch (RuntimeException e) {
            // TTL indexes are a real-MongoDB nicety (an existing one with another expiry is kept); purges cover it
        }
    }

    @Override
    public Optional<Entry> claim(String key, String requestHash, Instant now) {
        purgeIfDue(now);
        Document document = new Document("_id", key)
                .append("requestHash", requestHash)
                .append("claimedAt", Date.from(now));
        try {
            mongo.insert(document, COLLECTION);
            return Optional.empty();
        } catch (DuplicateKeyException alreadyClaimed) {
            Document existing = mongo.findById(key, Document.class, COLLECTION);
            if (existing == null) {
                return claim(key, requestHash, now);
            }
            Date claimedAt = existing.getDate("claimedAt");
            if (claimedAt != null && claimedAt.toInstant().isBefore(now.minus(retention))) {
                mongo.remove(Query.query(Criteria.where("_id").is(key).and("claimedAt").is(claimedAt)), COLLECTION);
                return claim(key, requestHash, now);
            }
            return Optional.of(toEntry(existing));
        }
    }

    /** Deletes the records claimed before {@code now} minus the retention; answers how many. */
    public long purgeExpired(Instant now) {
        return mongo.remove(Query.query(Criteria.where("claimedAt").lt(Date.from(now.minus(retention)))), COLLECTION)
                .getDeletedCount();
    }

    private void purgeIfDue(Instant now) {
        Instant due = nextPurge.get();
        if (!now.isBefore(due) && nextPurge.compareAndSet(due, now.plus(purgeInterval))) {
            purgeExpired(now);
        }
    }

    @Override
    public boolean takeOver(String key, String requestHash, Instant staleBefore, Instant now) {
        Query stale = Query.query(Criteria.where("_id").is(key).and("status").exists(false)
                .and("claimedAt").lt(Date.from(staleBefore)));
        Update update = new Update().set("requestHash", requestHash).set("claimedAt", Date.from(now));
        return mongo.updateFirst(stale, update, COLLECTION).getModifiedCount() == 1;
    }

    @Override
    public void complete(String key, StoredResponse response) {
        Document headers = new Document();
        response.headers().forEach(headers::append);
        Update update = new Update()
                .set("status", response.status())
                .set("headers", headers)
                .set("body", new Binary(response.body()));
        mongo.updateFirst(Query.query(Criteria.where("_id").is(key)), update, COLLECTION);
    }

    @Override
    public void release(String key) {
        mongo.remove(Query.query(Criteria.where("_id").is(key)), COLLECTION);
    }

    @SuppressWarnings("unchecked")
    private static Entry toEntry(Document document) {
        StoredResponse response = null;
        if (document.get("status") instanceof Number status) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            Document stored = document.get("headers", Document.class);
            if (stored != null) {
                stored.forEach((name, values) -> headers.put(name, new ArrayList<>((List<String>) values)));
            }
            Object body = document.get("body");
            byte[] bytes = body instanceof Binary binary ? binary.getData()
                    : body instanceof byte[] raw ? raw : new byte[0];
            response = new StoredResponse(status.intValue(), headers, bytes);
        }
        Date claimedAt = document.getDate("claimedAt");
        return new Entry(document.getString("_id"), document.getString("requestHash"),
                claimedAt == null ? Instant.EPOCH : claimedAt.toInstant(), response);
    }
}
