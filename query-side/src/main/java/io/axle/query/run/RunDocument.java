package io.axle.query.run;

import io.axle.platform.web.PublicUrls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axle.api.run.RunStatus;
import io.axle.api.run.RunView;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.data.annotation.Id;

/**
 * A run as stored in the {@value RunProjection#COLLECTION} collection. The free {@code params} of the run are kept as
 * JSON text ({@code paramsJson}): their keys come from users and may hold dots or dollar signs that a document's field
 * names cannot. {@code sequence} is the aggregate sequence number of the last event applied.
 */
record RunDocument(
        @Id String runId,
        String name,
        String username,
        RunStatus status,
        Instant startedAt,
        Instant finishedAt,
        int duration,
        int interval,
        String paramsJson,
        String reason,
        long sequence) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> PARAMS = new TypeReference<>() {
    };

    /** The run as the API shows it, its live page under {@code linkBase} (empty for a link relative to the UI). */
    RunView toView(String linkBase) {
        return new RunView(runId, username, status, startedAt, finishedAt, duration, interval, params(paramsJson),
                PublicUrls.runPage(linkBase, runId), name);
    }

    static String paramsJson(Map<String, Object> params) {
        try {
            return JSON.writeValueAsString(params == null ? Map.of() : params);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Run parameters cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    static Map<String, Object> params(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, PARAMS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored run parameters are not JSON: " + e.getMessage(), e);
        }
    }
}
