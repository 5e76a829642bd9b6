package io.axle.platform.messaging;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Which version of each versioned projection answers queries: one small document per projection in
 * {@value #COLLECTION}, {@code {_id: projection, active: processing group, switchedAt}}, in the read store every node
 * shares. A projection without a document answers from its oldest version. Switching is a compare-and-set on that
 * document, so among nodes switching at once exactly one succeeds.
 */
public class ProjectionPointers {

    static final String COLLECTION = "projection_versions";

    /** The stored pointer: the active version's processing group and when it became active. */
    public record Pointer(@Id String projection, String active, Instant switchedAt) {
    }

    private final Supplier<MongoTemplate> mongo;

    public ProjectionPointers(Supplier<MongoTemplate> mongo) {
        this.mongo = mongo;
    }

    public Optional<Pointer> read(String projection) {
        return Optional.ofNullable(mongo.get().findById(projection, Pointer.class, COLLECTION));
    }

    /**
     * Points {@code projection} at {@code to} if it still points at {@code from} ({@code from} is the oldest version
     * when no pointer is stored yet); whether this call made the switch.
     */
    public boolean switchActive(String projection, String from, boolean fromIsDefault, String to, Instant at) {
        MongoTemplate store = mongo.get();
        if (fromIsDefault && store.findById(projection, Pointer.class, COLLECTION) == null) {
            try {
                store.insert(new Pointer(projection, to, at), COLLECTION);
                return true;
            } catch (DuplicateKeyException switchedMeanwhile) {
                // another node stored a pointer first: compare with what it wrote
            }
        }
        Query stillFrom = new Query(where("_id").is(projection).and("active").is(from));
        return store.updateFirst(stillFrom, new Update().set("active", to).set("switchedAt", at), COLLECTION)
                .getModifiedCount() == 1;
    }

    /** Drops a retired version's collection; nothing happens when it is already gone. */
    public void drop(String collection) {
        MongoTemplate store = mongo.get();
        if (store.collectionExists(collection)) {
            store.dropCollection(collection);
        }
    }

    public boolean exists(String collection) {
        return mongo.get().collectionExists(collection);
    }
}
