package io.axle.query.audit;

import com.mongodb.client.MongoClient;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericQueryMessage;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;
import org.springframework.stereotype.Component;

/**
 * Rebuilds a read model document from an aggregate's events up to an instant: a fresh projection on a scratch database
 * of the read store handles them, its find query answers, and the scratch database is dropped. The live read model is
 * never touched, and the events are read from the first one, never from a later snapshot (ADR 0019).
 */
@Component
public class AsOfStates {

    private final MongoClient client;
    private final MongoTemplate mongo;

    public AsOfStates(MongoClient client, MongoTemplate mongo) {
        this.client = client;
        this.mongo = mongo;
    }

    /** What {@code view}'s find query answered for {@code aggregateId} once {@code events} were applied; may be null. */
    public Object state(AsOfView view, String aggregateId, List<? extends DomainEventMessage<?>> events) {
        MongoTemplate scratch = new MongoTemplate(
                new SimpleMongoClientDatabaseFactory(client, "asof-" + UUID.randomUUID()), mongo.getConverter());
        try {
            Object projection = view.projection().apply(scratch);
            AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);
            for (DomainEventMessage<?> event : events) {
                handlers.handle(event);
            }
            SimpleQueryBus queries = SimpleQueryBus.builder().build();
            new AnnotationQueryHandlerAdapter<>(projection).subscribe(queries);
            return queries.query(new GenericQueryMessage<>(view.findQuery().apply(aggregateId),
                    ResponseTypes.instanceOf(view.view()))).join().getPayload();
        } catch (Exception e) {
            throw new IllegalStateException("could not rebuild " + view.aggregateType() + " " + aggregateId, e);
        } finally {
            scratch.getDb().drop();
        }
    }
}
