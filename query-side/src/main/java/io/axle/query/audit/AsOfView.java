package io.axle.query.audit;

import java.util.function.Function;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * How the state of one aggregate type is rebuilt as of an instant: its read model's projection, made on a scratch
 * store, answering the read model's own find query. So the past state is exactly what the read API showed then.
 *
 * @param aggregateType the aggregate type as the event store names it, e.g. {@code Order}
 * @param projection    makes a fresh projection writing to the given store
 * @param findQuery     the find query of one aggregate id
 * @param view          what the find query answers
 */
public record AsOfView(String aggregateType, Function<MongoTemplate, Object> projection,
                       Function<String, Object> findQuery, Class<?> view) {
}
