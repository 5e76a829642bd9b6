package io.axle.gateway.mqtt;

import java.time.Instant;
import java.util.Date;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Which credential owns each MQTT client id. The first credential to connect with a client id claims it, for good and
 * on every node; a different credential presenting it later is refused, so that no key can take over another's
 * persistent session and receive what was queued for it.
 */
class ClientIdOwners {

    static final String COLLECTION = "gateway_mqtt_client_ids";

    private final MongoTemplate mongo;

    ClientIdOwners(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Claims {@code clientId} for {@code owner}, or confirms it is already theirs; {@code false} if another's. */
    boolean claim(String clientId, String owner) {
        try {
            mongo.insert(new Document("_id", clientId).append("owner", owner).append("claimedAt", Date.from(Instant.now())),
                    COLLECTION);
            return true;
        } catch (DuplicateKeyException claimed) {
            Document existing = mongo.findById(clientId, Document.class, COLLECTION);
            return existing != null && owner.equals(existing.getString("owner"));
        }
    }
}
