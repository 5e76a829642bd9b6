package io.axle.platform.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.axle.platform.web.ReadConcurrencyFilter;
import io.axle.platform.web.RequestLimitsFilter;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springframework.http.HttpStatus;

/**
 * The RFC 7807 problems an operation can answer, as {@code application/problem+json} responses with the shape
 * {@code Problems} and {@code ProblemAdvice} write: which statuses apply follows from what every request passes
 * through (validation, authentication, the rate limit, the read limit, idempotency) and from the operation's shape
 * (path variables, request body, reads or commands).
 */
final class ProblemResponses {

    static final String SCHEMA = "Problem";
    static final String MEDIA_TYPE = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    private static final String CORRELATION_ID = "3f2a9c1e-7b4d-4e21-9a0f-5c8e2d61b7a4";

    private ProblemResponses() {
    }

    /** The problem's members: RFC 7807's five, then Axle's. Other members may follow (open object). */
    static Schema<?> schema() {
        Schema<Object> error = new ObjectSchema()
                .addProperty("field", new StringSchema().description("The field, as a JSON path"))
                .addProperty("rule", new StringSchema().description("The constraint broken, e.g. not-blank"))
                .addProperty("message", new StringSchema());
        return new ObjectSchema()
                .description("An RFC 7807 problem; refusals name the field and the rule that was broken")
                .addProperty("type", new StringSchema().format("uri").example("about:blank"))
                .addProperty("title", new StringSchema().description("The status's reason phrase"))
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema().description("What went wrong, for a person"))
                .addProperty("instance", new StringSchema().format("uri-reference")
                        .description("The request path, on problems raised inside Spring MVC"))
                .addProperty("correlationId", new StringSchema()
                        .description("The request's correlation id (X-Correlation-Id), to quote when reporting it"))
                .addProperty("field", new StringSchema().description("The field or parameter refused, if any"))
                .addProperty("rule", new StringSchema().description("The rule that was broken, e.g. max-on-hand"))
                .addProperty("errors", new ArraySchema().items(error)
                        .description("Every invalid field of a 400 validation problem, sorted by field"))
                .addProperty("resource", new StringSchema().description("On 404: the kind of resource not found"))
                .addProperty("id", new StringSchema().description("On 404: the id not found"))
                .required(List.of("type", "title", "status"))
                .additionalProperties(true);
    }

    /** Adds the problems that apply to {@code operation} unless it documents that status already. */
    static void addTo(Operation operation, PathItem.HttpMethod method, String path, boolean open) {
        boolean command = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD
                && method != PathItem.HttpMethod.OPTIONS;
        boolean guarded = operation.getExtensions() != null
                && (operation.getExtensions().get(OperationRoles.EXPRESSION) != null
                || operation.getExtensions().get(OperationRoles.ROLES) instanceof List<?> roles && !roles.isEmpty());
        Map<HttpStatus, String> problems = new LinkedHashMap<>();
        problems.put(HttpStatus.BAD_REQUEST, "Invalid request: a field, parameter or header broke a rule (named by "
                + "field and rule; every invalid field in errors)");
        problems.put(HttpStatus.UNAUTHORIZED, open ? "Unknown user or wrong password"
                : "No valid Bearer token or X-API-Key: missing, invalid or expired");
        if (guarded) {
            problems.put(HttpStatus.FORBIDDEN, "The caller's role may not do this, or the resource is not the caller's");
        }
        if (path.contains("{")) {
            problems.put(HttpStatus.NOT_FOUND, "Nothing with this id (a partner sees only its own customer's data)");
        }
        if (command) {
            problems.put(HttpStatus.CONFLICT, "The resource's state does not allow this, it was changed concurrently, "
                    + "or a request with the same Idempotency-Key is still in flight");
        }
        if (operation.getRequestBody() != null) {
            problems.put(HttpStatus.PAYLOAD_TOO_LARGE, "The body is longer than axle.web.max-body-size");
            problems.put(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The body is not of a type this operation reads");
        }
        if (command) {
            problems.put(HttpStatus.UNPROCESSABLE_ENTITY, "A business rule refused it (named by rule), or the "
                    + "Idempotency-Key was used before with another request");
        }
        problems.put(HttpStatus.TOO_MANY_REQUESTS, "Too many requests from this caller; see Retry-After");
        if (!command && path.startsWith("/api/")) {
            problems.put(HttpStatus.SERVICE_UNAVAILABLE, "Too many reads are waiting; retry after Retry-After");
        }
        problems.put(HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error; quote the correlationId");
        problems.forEach((status, description) -> add(operation, status, description, path));
    }

    /** Adds (or replaces) the problem response of {@code status}. */
    static void add(Operation operation, HttpStatus status, String description, String path) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        ApiResponse existing = operation.getResponses().get(Integer.toString(status.value()));
        if (existing != null && existing.getContent() != null && existing.getContent().get(MEDIA_TYPE) != null
                && existing.getContent().get(MEDIA_TYPE).getExample() != null) {
            return;
        }
        MediaType problem = new MediaType()
                .schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA))
                .example(example(status, path));
        operation.getResponses().addApiResponse(Integer.toString(status.value()),
                new ApiResponse().description(description).content(new Content().addMediaType(MEDIA_TYPE, problem)));
    }

    /** A problem as Axle writes one for this status. */
    static Map<String, Object> example(HttpStatus status, String path) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        switch (status) {
            case BAD_REQUEST -> {
                problem.put("detail", "quantity: must be greater than 0");
                problem.put("instance", path);
                problem.put("field", "quantity");
                problem.put("rule", "positive");
                problem.put("errors", List.of(Map.of("field", "quantity", "rule", "positive",
                        "message", "must be greater than 0")));
            }
            case UNAUTHORIZED -> {
                problem.put("detail", "Authentication is required: a Bearer token or an X-API-Key.");
                problem.put("rule", "unauthenticated");
            }
            case FORBIDDEN -> {
                problem.put("detail", "You are not allowed to do this.");
                problem.put("rule", "forbidden");
            }
            case NOT_FOUND -> {
                problem.put("detail", "No such resource.");
                problem.put("instance", path);
                problem.put("rule", "not-found");
            }
            case CONFLICT -> {
                problem.put("detail", "The resource was changed concurrently; retry the request.");
                problem.put("instance", path);
                problem.put("rule", "concurrent-modification");
            }
            case PAYLOAD_TOO_LARGE -> {
                problem.put("detail", "The request body has 2097152 bytes; at most 1048576 bytes are accepted.");
                problem.put("field", "body");
                problem.put("rule", RequestLimitsFilter.MAX_BODY_SIZE_RULE);
            }
            case UNSUPPORTED_MEDIA_TYPE -> {
                problem.put("detail", "Content-Type 'text/plain' is not supported.");
                problem.put("instance", path);
            }
            case UNPROCESSABLE_ENTITY -> {
                problem.put("detail", "The request breaks a business rule.");
                problem.put("instance", path);
                problem.put("rule", "max-on-hand");
            }
            case TOO_MANY_REQUESTS -> {
                problem.put("detail", "Too many requests: at most 1000 per minute; retry in 3 s.");
                problem.put("rule", "rate-limit");
            }
            case SERVICE_UNAVAILABLE -> {
                problem.put("detail", "Too many reads are waiting; no turn came in time.");
                problem.put("rule", ReadConcurrencyFilter.RULE);
            }
            case INTERNAL_SERVER_ERROR -> problem.put("detail",
                    "An unexpected error occurred; quote correlation id " + CORRELATION_ID + " when reporting it.");
            default -> problem.put("detail", status.getReasonPhrase() + ".");
        }
        problem.put("correlationId", CORRELATION_ID);
        return problem;
    }
}
