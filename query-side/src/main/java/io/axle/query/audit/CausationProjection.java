package io.axle.query.audit;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axle.platform.json.JsonAutoConfiguration;
import io.axle.platform.messaging.MessageMetadata;
import io.axle.query.ReadModels;
import jakarta.annotation.PostConstruct;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.MetaData;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Files every event that carries a correlation id under it, so that the whole story of one request is read from an
 * index instead of a scan of the event store, the same way on H2, PostgreSQL and Axon Server. Entries are keyed by
 * event id: an event applied twice, or replayed, rewrites the same entry. Payloads are written by Axon's mapper, as
 * the event store holds them: personal data stays encrypted here, and reads as erased once its subject is.
 */
@Component
@ProcessingGroup("causation")
public class CausationProjection {

    static final String COLLECTION = "causation";

    private final MongoTemplate mongo;
    private final ObjectMapper json;

    public CausationProjection(MongoTemplate mongo, @Qualifier(JsonAutoConfiguration.MESSAGE_MAPPER) ObjectMapper json) {
        this.mongo = mongo;
        this.json = json;
    }

    @PostConstruct
    void createIndexes() {
        ReadModels.createIndex(mongo, COLLECTION, new Index().on("correlationId", Sort.Direction.ASC)
                .on("timestamp", Sort.Direction.ASC).named("correlationId_timestamp"));
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event) throws JsonProcessingException {
        MetaData metadata = event.getMetaData();
        String correlationId = text(metadata, MessageMetadata.CORRELATION_ID);
        if (correlationId == null) {
            return;
        }
        DomainEventMessage<?> domain = event instanceof DomainEventMessage<?> d ? d : null;
        mongo.save(new CausationEntry(event.getIdentifier(), correlationId,
                text(metadata, MessageMetadata.CAUSATION_ID),
                domain == null ? null : domain.getType(), domain == null ? null : domain.getAggregateIdentifier(),
                domain == null ? null : domain.getSequenceNumber(), event.getPayloadType().getSimpleName(),
                event.getTimestamp(), text(metadata, MessageMetadata.USER), text(metadata, MessageMetadata.CLIENT),
                text(metadata, MessageMetadata.COMMAND), text(metadata, MessageMetadata.COMMAND_CAUSATION_ID),
                json.writeValueAsString(payload)), COLLECTION);
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), COLLECTION);
    }

    /** Every event filed under {@code correlationId}, oldest first. */
    public List<CausationEntry> entries(String correlationId) {
        return mongo.find(query(where("correlationId").is(correlationId))
                .with(Sort.by("timestamp", "sequence")), CausationEntry.class, COLLECTION);
    }

    private static String text(MetaData metadata, String key) {
        Object value = metadata.get(key);
        return value == null ? null : value.toString();
    }
}
