package io.axle.platform.openapi;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springframework.http.HttpStatus;

/**
 * Puts an operation's success answer where its notes say it is, for handlers that choose their status at run time
 * (a {@code ResponseEntity}), which springdoc documents as {@code 200}: the {@code status} (201, 202, 204…), a
 * {@code Location} header, the body's {@code schema} (a class name, or a JSON schema, where the handler's declared type
 * does not say), an {@code example}, and the other statuses it may answer instead ({@code also}: the same body for a
 * 2xx, none for a 304).
 * A note is {@code {"status": 201, "location": true, "schema": "…", "example": {"summary": …, "value": {…}},
 * "also": {"202": "…"}}}.
 */
final class SuccessResponses {

    static final String LOCATION = "Location";
    private static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;

    private SuccessResponses() {
    }

    /** Applies the note; false if the operation has no success response to move (nothing springdoc described). */
    static boolean apply(Operation operation, JsonNode note, Components components, ObjectMapper mapper) {
        ApiResponses responses = operation.getResponses();
        String generated = responses == null ? null : responses.keySet().stream()
                .filter(code -> code.startsWith("2")).findFirst().orElse(null);
        if (generated == null) {
            return false;
        }
        ApiResponse success = responses.remove(generated);
        int status = note.path("status").asInt(Integer.parseInt(generated));
        Content content = status == HttpStatus.NO_CONTENT.value() ? null : content(note, success, components);
        if (content != null && note.has("example")) {
            JsonNode example = note.get("example");
            content.values().forEach(media -> media.addExamples("example", new Example()
                    .summary(example.path("summary").asText(null))
                    .value(mapper.convertValue(example.get("value"), Object.class))));
        }
        ApiResponse declared = new ApiResponse()
                .description(note.path("description").asText(HttpStatus.valueOf(status).getReasonPhrase()))
                .content(content);
        if (note.path("location").asBoolean()) {
            declared.addHeaderObject(LOCATION, new Header().description("Where the resource is read")
                    .schema(new StringSchema().format("uri-reference")));
        }
        ApiResponses ordered = new ApiResponses();
        ordered.addApiResponse(Integer.toString(status), declared);
        note.path("also").fields().forEachRemaining(also -> ordered.addApiResponse(also.getKey(), new ApiResponse()
                .description(also.getValue().asText())
                .content(also.getKey().startsWith("2") ? declared.getContent() : null)
                .headers(declared.getHeaders())));
        responses.forEach(ordered::addApiResponse);
        operation.setResponses(ordered);
        return true;
    }

    /** The body as springdoc found it, or as JSON of the schema the note names. */
    private static Content content(JsonNode note, ApiResponse success, Components components) {
        JsonNode schema = note.get("schema");
        if (schema == null) {
            return success.getContent();
        }
        return new Content().addMediaType(JSON, new MediaType().schema(schema(schema, components)));
    }

    private static Schema<?> schema(JsonNode schema, Components components) {
        if (schema.isObject()) {
            return Json.mapper().convertValue(schema, Schema.class);
        }
        Class<?> type;
        try {
            type = Class.forName(schema.asText(), false, SuccessResponses.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("OpenAPI notes name a response class that is not there: " + schema, e);
        }
        ResolvedSchema resolved = ModelConverters.getInstance()
                .resolveAsResolvedSchema(new AnnotatedType(type).resolveAsRef(true));
        for (Map.Entry<String, Schema> referenced : resolved.referencedSchemas.entrySet()) {
            components.addSchemas(referenced.getKey(), referenced.getValue());
        }
        return resolved.schema;
    }
}
