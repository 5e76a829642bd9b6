package io.axle.query.audit;

import java.time.Instant;
import org.springframework.data.annotation.Id;

/**
 * One event in the causation index, keyed by its message id so that applying it again rewrites the same entry.
 * {@code command} and {@code commandCausationId} name the command that applied it, when that was recorded; the
 * command's own id is {@code causationId}. {@code payload} is the event's JSON.
 */
public record CausationEntry(@Id String eventId, String correlationId, String causationId, String aggregateType,
                             String aggregateId, Long sequence, String type, Instant timestamp, String user,
                             String client, String command, String commandCausationId, String payload) {
}
