package io.axle.platform.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.http.HttpStatus;

/**
 * What each module adds to the description of its own operations, from its {@value #LOCATION} files (so that the
 * platform knows no feature module): request body examples, the success answer, and the problems particular to an
 * operation. A file maps {@code "POST /api/v1/orders"} to {@code {"example": {"summary": …, "value": {…}},
 * "response": {"status": 202, …}, "problems": {"503": "…"}}}.
 */
final class OperationNotes {

    static final String LOCATION = "classpath*:META-INF/axle/openapi-notes.json";

    private final Map<String, JsonNode> notes;
    private final ObjectMapper mapper;

    private OperationNotes(Map<String, JsonNode> notes, ObjectMapper mapper) {
        this.notes = notes;
        this.mapper = mapper;
    }

    /** The notes of every module on the class path; a key given twice is an error. */
    static OperationNotes load(ClassLoader classLoader) {
        ObjectMapper mapper = new ObjectMapper();
        ResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(classLoader);
        Map<String, JsonNode> notes = new LinkedHashMap<>();
        try {
            for (Resource resource : resolver.getResources(LOCATION)) {
                try (InputStream in = resource.getInputStream()) {
                    Iterator<Map.Entry<String, JsonNode>> entries = mapper.readTree(in).fields();
                    while (entries.hasNext()) {
                        Map.Entry<String, JsonNode> entry = entries.next();
                        if (notes.put(entry.getKey(), entry.getValue()) != null) {
                            throw new IllegalStateException("Operation " + entry.getKey() + " has notes in two "
                                    + "files; the second is " + resource);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new OperationNotes(notes, mapper);
    }

    /** The operations with notes, as {@code "METHOD /path"}. */
    java.util.Set<String> keys() {
        return notes.keySet();
    }

    /**
     * Adds the notes of {@code key} to {@code operation}: the example to its JSON request body, its success answer
     * ({@link SuccessResponses}), the problems to its responses. False if something noted has no place in the
     * operation (it has no JSON body, say).
     */
    boolean applyTo(String key, Operation operation, String path, Components components) {
        JsonNode note = notes.get(key);
        if (note == null) {
            return true;
        }
        boolean applied = true;
        JsonNode example = note.get("example");
        if (example != null) {
            MediaType json = operation.getRequestBody() == null || operation.getRequestBody().getContent() == null
                    ? null : operation.getRequestBody().getContent().get(org.springframework.http.MediaType.APPLICATION_JSON_VALUE);
            if (json == null) {
                applied = false;
            } else {
                json.addExamples("example", new Example()
                        .summary(example.path("summary").asText(null))
                        .value(mapper.convertValue(example.get("value"), Object.class)));
            }
        }
        JsonNode response = note.get("response");
        if (response != null && !SuccessResponses.apply(operation, response, components, mapper)) {
            applied = false;
        }
        JsonNode problems = note.get("problems");
        if (problems != null) {
            problems.fields().forEachRemaining(problem -> {
                HttpStatus status = HttpStatus.valueOf(Integer.parseInt(problem.getKey()));
                ProblemResponses.add(operation, status, problem.getValue().asText(), path);
            });
        }
        return applied;
    }
}
