package io.axle.webhooks;

import com.mongodb.client.model.UpdateOptions;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * What later events of an order or invoice do not repeat (its customer, its number), learned from the events that
 * state it, in MongoDB collection {@value #COLLECTION} keyed {@code order:<id>} or {@code invoice:<id>}. The dispatcher
 * sees every event in order, so the facts of an order are known before its confirmation, rejection or shipment.
 */
class WebhookFacts {

    static final String COLLECTION = "webhook_facts";

    private final MongoTemplate mongo;

    WebhookFacts(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    void remember(String key, Map<String, Object> facts) {
        mongo.getCollection(COLLECTION).updateOne(new Document("_id", key), new Document("$set", new Document(facts)),
                new UpdateOptions().upsert(true));
    }

    /** The facts kept under {@code key}, an empty document when none are. */
    Document of(String key) {
        Document found = mongo.findOne(Query.query(Criteria.where("_id").is(key)), Document.class, COLLECTION);
        return found == null ? new Document() : found;
    }
}
