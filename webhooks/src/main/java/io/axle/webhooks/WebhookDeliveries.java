package io.axle.webhooks;

import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.result.UpdateResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The delivery log, in MongoDB collection {@value #COLLECTION}: one record per event and webhook, {@code _id} the
 * delivery id, holding the exact body to post, its status ({@code PENDING}, {@code DELIVERED}, {@code DEAD}), when it
 * is next due, and every attempt made. A record is only ever inserted if missing, so an event processed twice adds
 * nothing; a sender claims a due record by moving its due time forward, so two senders never post it at once and a
 * sender killed mid-post leaves it due again after the lease.
 */
public class WebhookDeliveries {

    static final String COLLECTION = "webhook_deliveries";
    static final String PENDING = "PENDING";
    static final String DELIVERED = "DELIVERED";
    static final String DEAD = "DEAD";

    private final MongoTemplate mongo;

    public WebhookDeliveries(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** A delivery as its log shows it; {@code body} is the exact JSON posted. */
    public record Delivery(String deliveryId, String webhookId, String event, Instant occurredAt, String status,
                           Instant nextAttemptAt, int tries, List<Attempt> attempts, String body) {
    }

    /** One post: when, the receiver's HTTP status (null when none came) and what went wrong, if anything. */
    public record Attempt(Instant at, Integer status, String error) {
    }

    /** Records a pending delivery unless one with this id exists; answers whether it was new. */
    boolean insertIfMissing(String deliveryId, String webhookId, String event, Instant occurredAt, String body,
                            Instant now) {
        Document values = new Document("webhookId", webhookId).append("event", event)
                .append("occurredAt", Date.from(occurredAt)).append("body", body).append("status", PENDING)
                .append("tries", 0).append("attempts", List.of()).append("nextAttemptAt", Date.from(now))
                .append("createdAt", Date.from(now));
        UpdateResult result = mongo.getCollection(COLLECTION).updateOne(new Document("_id", deliveryId),
                new Document("$setOnInsert", values), new UpdateOptions().upsert(true));
        return result.getUpsertedId() != null;
    }

    /** Takes the pending delivery due longest ago, if any, and makes it not due again before {@code lease} ends. */
    Optional<Delivery> claimDue(Instant now, Duration lease) {
        Query due = Query.query(Criteria.where("status").is(PENDING).and("nextAttemptAt").lte(Date.from(now)))
                .with(Sort.by("nextAttemptAt"));
        Document claimed = mongo.findAndModify(due, new Update().set("nextAttemptAt", Date.from(now.plus(lease))),
                FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION);
        return Optional.ofNullable(claimed).map(WebhookDeliveries::delivery);
    }

    void delivered(String deliveryId, Attempt attempt) {
        record(deliveryId, attempt, new Update().set("status", DELIVERED).unset("nextAttemptAt"));
    }

    void failed(String deliveryId, Attempt attempt, Instant nextAttemptAt) {
        record(deliveryId, attempt, new Update().set("nextAttemptAt", Date.from(nextAttemptAt)));
    }

    void dead(String deliveryId, Attempt attempt) {
        record(deliveryId, attempt, new Update().set("status", DEAD).unset("nextAttemptAt"));
    }

    private void record(String deliveryId, Attempt attempt, Update update) {
        Document logged = new Document("at", Date.from(attempt.at())).append("status", attempt.status())
                .append("error", attempt.error());
        mongo.updateFirst(byId(deliveryId), update.push("attempts", logged).inc("tries", 1), COLLECTION);
    }

    /** Makes a dead delivery of {@code webhookId} due now with its attempts counted afresh; false when none is dead. */
    public boolean retry(String webhookId, String deliveryId, Instant now) {
        Query dead = Query.query(Criteria.where("_id").is(deliveryId).and("webhookId").is(webhookId)
                .and("status").is(DEAD));
        return mongo.updateFirst(dead, new Update().set("status", PENDING).set("tries", 0)
                .set("nextAttemptAt", Date.from(now)), COLLECTION).getModifiedCount() == 1;
    }

    public Optional<Delivery> find(String webhookId, String deliveryId) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("_id").is(deliveryId)
                .and("webhookId").is(webhookId)), Document.class, COLLECTION)).map(WebhookDeliveries::delivery);
    }

    /** The deliveries of {@code webhookId}, newest first, at most {@code limit}. */
    public List<Delivery> of(String webhookId, int limit) {
        Query query = Query.query(Criteria.where("webhookId").is(webhookId))
                .with(Sort.by(Sort.Direction.DESC, "createdAt", "_id")).limit(limit);
        return mongo.find(query, Document.class, COLLECTION).stream().map(WebhookDeliveries::delivery).toList();
    }

    private static Query byId(String deliveryId) {
        return Query.query(Criteria.where("_id").is(deliveryId));
    }

    private static Delivery delivery(Document document) {
        List<Attempt> attempts = document.getList("attempts", Document.class, List.of()).stream()
                .map(attempt -> new Attempt(attempt.getDate("at").toInstant(), attempt.getInteger("status"),
                        attempt.getString("error")))
                .toList();
        Date next = document.getDate("nextAttemptAt");
        return new Delivery(document.getString("_id"), document.getString("webhookId"), document.getString("event"),
                document.getDate("occurredAt").toInstant(), document.getString("status"),
                next == null ? null : next.toInstant(), document.getInteger("tries", 0), attempts,
                document.getString("body"));
    }
}
