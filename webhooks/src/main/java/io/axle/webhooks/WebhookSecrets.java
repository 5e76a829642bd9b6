package io.axle.webhooks;

import java.util.Optional;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Webhook secrets in MongoDB collection {@value #COLLECTION}, by webhook id, outside the event store so that they can
 * be erased for good; no API answers them.
 */
public class WebhookSecrets {

    static final String COLLECTION = "webhook_secrets";

    private final MongoTemplate mongo;

    public WebhookSecrets(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Keeps {@code secret} for {@code webhookId}, replacing the one it had. */
    public void put(String webhookId, String secret) {
        mongo.getCollection(COLLECTION).replaceOne(new Document("_id", webhookId),
                new Document("_id", webhookId).append("secret", secret),
                new com.mongodb.client.model.ReplaceOptions().upsert(true));
    }

    public Optional<String> find(String webhookId) {
        Document found = mongo.findOne(Query.query(Criteria.where("_id").is(webhookId)), Document.class, COLLECTION);
        return Optional.ofNullable(found).map(document -> document.getString("secret"));
    }

    public void delete(String webhookId) {
        mongo.getCollection(COLLECTION).deleteOne(new Document("_id", webhookId));
    }
}
