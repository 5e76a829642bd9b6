package io.axle.platform.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/** {@link IdempotencyStore} in MongoDB: one document per key, the key being the unique {@code _id}. */
public class MongoIdempotencyStore implements IdempotencyStore {

    static final String COLLECTION = "platform_idempotency_keys";

    private final MongoTemplate mongo;

    public MongoIdempotencyStore(MongoTemplate mongo) {
        this.mongo = mongo;
        try {
            mongo.indexOps(COLLECTION).ensureIndex(
                    new Index("claimedAt", Sort.Direction.ASC).named("claimed_ttl").expire(1, TimeUnit.DAYS));
        } catch (RuntimeException e) {
            // TTL indexes are a real-MongoDB nicety; the embedded server may refuse them.
        }
    }

    @Override
    public Optional<Entry> claim(String key, String requestHash, Instant now) {
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
            return Optional.of(toEntry(existing));
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
