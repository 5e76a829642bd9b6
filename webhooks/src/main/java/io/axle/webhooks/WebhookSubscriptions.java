package io.axle.webhooks;

import com.mongodb.client.model.UpdateOptions;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The webhooks as their events left them, in MongoDB collection {@value #COLLECTION}: what the dispatcher matches
 * events against and what {@code GET /api/v1/webhooks} answers. Every write is an upsert of the event's values, so
 * applying an event again changes nothing; a replay rebuilds the collection.
 */
public class WebhookSubscriptions {

    static final String COLLECTION = "webhooks";

    private final MongoTemplate mongo;

    public WebhookSubscriptions(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** A webhook; {@code customerId} null for one receiving every customer's events. */
    public record Webhook(String webhookId, String customerId, String url, List<String> events, boolean removed,
                          String registeredBy, Instant registeredAt) {

        /** Whether it is to be told of {@code event} of {@code customerId} (null: no customer's in particular). */
        boolean wants(String event, String eventCustomerId) {
            return !removed && events.contains(event) && (customerId == null || customerId.equals(eventCustomerId));
        }
    }

    void registered(String webhookId, String customerId, String url, List<String> events, String registeredBy,
                    Instant registeredAt) {
        set(webhookId, new Document("customerId", customerId).append("url", url).append("events", events)
                .append("removed", false).append("registeredBy", registeredBy)
                .append("registeredAt", Date.from(registeredAt)));
    }

    void changed(String webhookId, String url, List<String> events) {
        set(webhookId, new Document("url", url).append("events", events));
    }

    void removed(String webhookId) {
        set(webhookId, new Document("removed", true));
    }

    private void set(String webhookId, Document values) {
        mongo.getCollection(COLLECTION).updateOne(new Document("_id", webhookId), new Document("$set", values),
                new UpdateOptions().upsert(true));
    }

    public Optional<Webhook> find(String webhookId) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("_id").is(webhookId)), Document.class,
                COLLECTION)).map(WebhookSubscriptions::webhook);
    }

    /** The webhooks not removed, of {@code customerId} only when it is given, oldest first. */
    public List<Webhook> active(String customerId) {
        Criteria criteria = Criteria.where("removed").is(false);
        if (customerId != null) {
            criteria = criteria.and("customerId").is(customerId);
        }
        return mongo.find(Query.query(criteria).with(Sort.by("registeredAt", "_id")), Document.class, COLLECTION)
                .stream().map(WebhookSubscriptions::webhook).toList();
    }

    /** The webhooks to be told of {@code event} of {@code customerId}. */
    List<Webhook> wanting(String event, String customerId) {
        return mongo.find(Query.query(Criteria.where("removed").is(false).and("events").is(event)), Document.class,
                COLLECTION).stream().map(WebhookSubscriptions::webhook)
                .filter(webhook -> webhook.wants(event, customerId)).toList();
    }

    private static Webhook webhook(Document document) {
        Date registeredAt = document.getDate("registeredAt");
        return new Webhook(document.getString("_id"), document.getString("customerId"), document.getString("url"),
                document.getList("events", String.class, List.of()), document.getBoolean("removed", false),
                document.getString("registeredBy"), registeredAt == null ? null : registeredAt.toInstant());
    }
}
