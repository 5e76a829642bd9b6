package io.axle.query.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The story of one request as a tree by causation: each event hangs under the command that applied it, each command
 * under the event (or request) that made a handler send it. Commands are not stored; a command node is known from its
 * events' causation id, and named when they recorded which command it was. Children are in time order.
 */
public record CausationTree(String correlationId, List<Node> roots) {

    /** An event ({@code kind} "event") or a command ({@code kind} "command", with no aggregate, sequence or payload). */
    public record Node(String id, String kind, String type, String aggregateType, String aggregateId, Long sequence,
                       Instant timestamp, String user, String client, JsonNode payload, List<Node> children) {
    }

    /**
     * Builds the tree of {@code entries}, oldest first, all of {@code correlationId}; {@code reveal} turns a stored
     * payload into the one shown (personal data decrypted, or null once erased).
     */
    static CausationTree of(String correlationId, List<CausationEntry> entries, ObjectMapper json,
                            UnaryOperator<JsonNode> reveal) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        Map<String, String> parents = new LinkedHashMap<>();
        for (CausationEntry entry : entries) {
            String command = entry.causationId();
            if (entry.command() != null && command != null && !nodes.containsKey(command)) {
                nodes.put(command, new Node(command, "command", entry.command(), null, null, null, entry.timestamp(),
                        entry.user(), entry.client(), null, new ArrayList<>()));
                parents.put(command, entry.commandCausationId());
            }
            nodes.put(entry.eventId(), new Node(entry.eventId(), "event", entry.type(), entry.aggregateType(),
                    entry.aggregateId(), entry.sequence(), entry.timestamp(), entry.user(), entry.client(),
                    reveal.apply(payload(entry, json)), new ArrayList<>()));
            parents.put(entry.eventId(), command);
        }
        List<Node> roots = new ArrayList<>();
        nodes.forEach((id, node) -> {
            Node parent = parents.get(id) == null || parents.get(id).equals(id) ? null : nodes.get(parents.get(id));
            (parent == null ? roots : parent.children()).add(node);
        });
        return new CausationTree(correlationId, roots);
    }

    private static JsonNode payload(CausationEntry entry, ObjectMapper json) {
        try {
            return json.readTree(entry.payload());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable payload in the causation index for event " + entry.eventId(), e);
        }
    }
}
