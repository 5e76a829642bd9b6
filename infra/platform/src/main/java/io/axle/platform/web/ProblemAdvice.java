package io.axle.platform.web;

import io.axle.platform.messaging.Refusals;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.axle.api.common.Refusal;
import io.axle.platform.json.JsonLimitException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import org.axonframework.common.AxonException;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure that reaches a controller into an RFC 7807 problem naming the field and the rule; unexpected
 * failures become a 500 carrying only the correlation id (the stack trace goes to the log).
 */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(Exception.class)
    public ResponseEntity<Object> handleAny(Exception exception) {
        return respond(toProblem(exception, exception));
    }

    /** Maps a failure (possibly wrapped) to its problem; {@code original} is logged when nothing matches. */
    ProblemDetail toProblem(Throwable failure, Throwable original) {
        if (failure instanceof CompletionException || failure instanceof ExecutionException) {
            return failure.getCause() != null ? toProblem(failure.getCause(), original) : unexpected(original);
        }
        if (failure instanceof NotFoundException notFound) {
            ProblemDetail problem = Problems.refusal(HttpStatus.NOT_FOUND, null, "not-found", notFound.getMessage());
            problem.setProperty("resource", notFound.resource());
            problem.setProperty("id", notFound.id());
            return problem;
        }
        if (failure instanceof HandlerExecutionException handlerFailure) {
            Refusal refusal = Refusals.fromDetails(handlerFailure.getDetails().orElse(null));
            if (refusal != null) {
                return Problems.refusal(HttpStatusCode.valueOf(refusal.status()), refusal.field(), refusal.rule(),
                        refusal.detail() != null ? refusal.detail() : handlerFailure.getMessage());
            }
            if (handlerFailure.getCause() != null && handlerFailure.getCause() != handlerFailure) {
                return toProblem(handlerFailure.getCause(), original);
            }
            return unexpected(original);
        }
        if (failure instanceof AggregateNotFoundException notFound) {
            return Problems.refusal(HttpStatus.NOT_FOUND, null, "not-found", notFound.getMessage());
        }
        if (failure instanceof AggregateStreamCreationException duplicate) {
            return Problems.refusal(HttpStatus.CONFLICT, null, "already-exists", duplicate.getMessage());
        }
        if (failure instanceof ConcurrencyException conflict) {
            return Problems.refusal(HttpStatus.CONFLICT, null, "concurrent-modification",
                    "The resource was changed concurrently; retry the request. " + conflict.getMessage());
        }
        if (failure instanceof ConstraintViolationException violations) {
            return constraintViolations(violations);
        }
        if (failure instanceof AccessDeniedException) {
            return Problems.refusal(HttpStatus.FORBIDDEN, null, "forbidden",
                    "You are not allowed to do this.");
        }
        if (failure instanceof AuthenticationException) {
            return Problems.refusal(HttpStatus.UNAUTHORIZED, null, "unauthenticated",
                    "Authentication is required.");
        }
        if (failure instanceof RateLimitExceededException limited) {
            return Problems.refusal(HttpStatus.TOO_MANY_REQUESTS, null, "rate-limit", limited.getMessage());
        }
        if (failure instanceof DateOutOfRangeException outOfRange) {
            return Problems.refusal(HttpStatus.BAD_REQUEST, outOfRange.field(), DateRange.RULE, outOfRange.getMessage());
        }
        if (failure instanceof IllegalArgumentException invalid && invalid.getMessage() != null) {
            return Problems.refusal(HttpStatus.BAD_REQUEST, null, "invalid-argument", invalid.getMessage());
        }
        if (failure instanceof AxonException && failure.getCause() != null && failure.getCause() != failure) {
            return toProblem(failure.getCause(), original);
        }
        return unexpected(original);
    }

    private ProblemDetail unexpected(Throwable original) {
        ProblemDetail problem = Problems.unexpected(HttpStatus.INTERNAL_SERVER_ERROR);
        log.error("Unexpected failure (correlationId={})", problem.getProperties() == null ? null
                : problem.getProperties().get("correlationId"), original);
        return problem;
    }


    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<Map<String, Object>> errors = new ArrayList<>();
        ex.getBindingResult().getFieldErrors().forEach(error -> {
            DateOutOfRangeException outOfRange = error.contains(TypeMismatchException.class)
                    ? dateOutOfRange(error.unwrap(TypeMismatchException.class)) : null;
            if (outOfRange != null) {
                errors.add(error(error.getField(), DateRange.RULE, DateRange.message(outOfRange.value())));
            } else {
                errors.add(error(error.getField(), rule(error.getCode()), error.isBindingFailure()
                        ? "cannot be read from '" + error.getRejectedValue() + "'" : error.getDefaultMessage()));
            }
        });
        ex.getBindingResult().getGlobalErrors().forEach(error -> errors.add(
                error(error.getObjectName(), rule(error.getCode()), error.getDefaultMessage())));
        return respond(validation(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        List<Map<String, Object>> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> {
            String parameter = result.getMethodParameter().getParameterName();
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                String field = error instanceof FieldError fieldError ? fieldError.getField() : parameter;
                String[] codes = error.getCodes();
                String code = codes == null || codes.length == 0 ? null : codes[codes.length - 1];
                errors.add(error(field, rule(code), error.getDefaultMessage()));
            }
        });
        return respond(validation(errors));
    }

    private ProblemDetail constraintViolations(ConstraintViolationException ex) {
        List<Map<String, Object>> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : ex.getConstraintViolations()) {
            String path = violation.getPropertyPath().toString();
            String field = path.contains(".") ? path.substring(path.indexOf('.') + 1) : path;
            String code = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
            errors.add(error(field, rule(code), violation.getMessage()));
        }
        return validation(errors);
    }

    private static Map<String, Object> error(String field, String rule, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("rule", rule);
        error.put("message", message);
        return error;
    }

    private static ProblemDetail validation(List<Map<String, Object>> errors) {
        errors.sort((a, b) -> String.valueOf(a.get("field")).compareTo(String.valueOf(b.get("field"))));
        Map<String, Object> first = errors.isEmpty() ? error(null, "invalid", "Invalid request") : errors.get(0);
        ProblemDetail problem = Problems.refusal(HttpStatus.BAD_REQUEST, (String) first.get("field"),
                (String) first.get("rule"),
                errors.size() == 1 ? first.get("field") + ": " + first.get("message")
                        : errors.size() + " fields are invalid; first " + first.get("field") + ": " + first.get("message"));
        problem.setProperty("errors", errors);
        return problem;
    }

    /** Constraint names as rules: {@code NotBlank} becomes {@code not-blank}. */
    static String rule(String code) {
        if (code == null || code.isBlank()) {
            return "invalid";
        }
        return code.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        return respond(unreadable(ex));
    }

    static ProblemDetail unreadable(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getCause();
        if (cause instanceof JsonLimitException limit) {
            String field = limit.getPath().isEmpty() ? null : path(limit);
            return Problems.refusal(HttpStatus.BAD_REQUEST, field, limit.rule(),
                    (field == null ? "A value" : "Field " + field) + " " + limit.getOriginalMessage() + ".");
        }
        if (cause instanceof JsonProcessingException read && !(cause instanceof JsonMappingException)) {
            return unreadableStream(read);
        }
        if (cause instanceof MismatchedInputException trailing && trailing.getPath().isEmpty()
                && trailing.getOriginalMessage().startsWith("Trailing token")) {
            return Problems.refusal(HttpStatus.BAD_REQUEST, null, "single-value",
                    "The request body must hold one JSON value and nothing after it.");
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping);
            if (mapping instanceof UnrecognizedPropertyException) {
                return Problems.refusal(HttpStatus.BAD_REQUEST, field, "unknown-field", "Unknown field " + field + ".");
            }
            if (mapping instanceof InvalidFormatException invalid) {
                return Problems.refusal(HttpStatus.BAD_REQUEST, field, "invalid-format", "Field " + field
                        + " cannot be read as " + invalid.getTargetType().getSimpleName() + ": " + invalid.getValue());
            }
            if (mapping instanceof MismatchedInputException mismatched) {
                String type = mismatched.getTargetType() == null ? "the expected type"
                        : mismatched.getTargetType().getSimpleName();
                return Problems.refusal(HttpStatus.BAD_REQUEST, field, "invalid-type",
                        "Field " + field + " must be " + type + ".");
            }
            if (mapping instanceof ValueInstantiationException instantiation) {
                Throwable reason = instantiation.getCause() != null ? instantiation.getCause() : instantiation;
                return Problems.refusal(HttpStatus.BAD_REQUEST, field, "invalid-value",
                        "Field " + field + " is invalid: " + reason.getMessage());
            }
            ProblemDetail limit = parserLimit(mapping.getCause(), field);
            return limit != null ? limit
                    : Problems.refusal(HttpStatus.BAD_REQUEST, field, "invalid-value", "Field " + field + " is invalid.");
        }
        if (cause instanceof ValueInstantiationException instantiation) {
            Throwable reason = instantiation.getCause() != null ? instantiation.getCause() : instantiation;
            return Problems.refusal(HttpStatus.BAD_REQUEST, null, "invalid-value", "Invalid request body: "
                    + reason.getMessage());
        }
        if (cause instanceof JsonProcessingException) {
            return Problems.refusal(HttpStatus.BAD_REQUEST, null, "malformed-json", "The request body is not valid JSON.");
        }
        String message = ex.getMessage();
        if (message != null && message.startsWith("Required request body is missing")) {
            return Problems.refusal(HttpStatus.BAD_REQUEST, null, "body-required", "A request body is required.");
        }
        return Problems.refusal(HttpStatus.BAD_REQUEST, null, "unreadable", "The request body cannot be read.");
    }

    /** Refusals made by the parser itself, before any field is bound: limits, duplicate keys, numbers out of range. */
    private static ProblemDetail unreadableStream(JsonProcessingException read) {
        String field = read instanceof StreamReadException stream && stream.getProcessor() != null
                ? fieldOf(stream.getProcessor().getParsingContext()) : null;
        ProblemDetail limit = parserLimit(read, field);
        if (limit != null) {
            return limit;
        }
        if (read.getOriginalMessage() != null && read.getOriginalMessage().startsWith("Duplicate field")) {
            return Problems.refusal(HttpStatus.BAD_REQUEST, field, "duplicate-field",
                    "Field " + field + " appears more than once.");
        }
        return Problems.refusal(HttpStatus.BAD_REQUEST, field, "malformed-json", "The request body is not valid JSON.");
    }

    /** A limit of the JSON reader or a number beyond its type, as a problem; null for any other failure. */
    private static ProblemDetail parserLimit(Throwable failure, String field) {
        String where = field == null ? "The request body" : "Field " + field;
        if (failure instanceof StreamConstraintsException limit) {
            return Problems.refusal(HttpStatus.BAD_REQUEST, field, "json-limit",
                    where + " exceeds a limit of the JSON reader: " + limit.getOriginalMessage());
        }
        if (failure instanceof InputCoercionException) {
            return Problems.refusal(HttpStatus.BAD_REQUEST, field, "number-range",
                    where + " holds a number out of the range of its type.");
        }
        return null;
    }

    /** The path of the value a parser stopped at ({@code lines[0].sku}), or null at the top level. */
    private static String fieldOf(JsonStreamContext context) {
        Deque<String> steps = new ArrayDeque<>();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inObject() && at.getCurrentName() != null) {
                steps.push(at.getCurrentName());
            } else if (at.inArray()) {
                steps.push("[" + Math.max(at.getCurrentIndex(), 0) + "]");
            }
        }
        StringBuilder path = new StringBuilder();
        for (String step : steps) {
            if (!path.isEmpty() && !step.startsWith("[")) {
                path.append('.');
            }
            path.append(step);
        }
        return path.isEmpty() ? null : path.toString();
    }

    private static String path(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String field = ex instanceof MethodArgumentTypeMismatchException argument ? argument.getName()
                : ex.getPropertyName();
        DateOutOfRangeException outOfRange = dateOutOfRange(ex);
        if (outOfRange != null) {
            return respond(Problems.refusal(HttpStatus.BAD_REQUEST, field, DateRange.RULE,
                    DateRange.detail(field, outOfRange.value())));
        }
        String type = ex.getRequiredType() == null ? "the expected type" : ex.getRequiredType().getSimpleName();
        return respond(Problems.refusal(HttpStatus.BAD_REQUEST, field, "type-mismatch",
                "Parameter " + field + " must be " + type + ", got '" + ex.getValue() + "'."));
    }

    /** The date refusal behind a conversion failure, if that is what it was. */
    static DateOutOfRangeException dateOutOfRange(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DateOutOfRangeException outOfRange) {
                return outOfRange;
            }
        }
        return null;
    }

    /** Spring MVC's own exceptions (405, 415, ...) keep their status but get our title and correlation id. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
                                                          HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            ProblemDetail ours = Problems.of(statusCode, problem.getDetail());
            if (problem.getProperties() != null) {
                problem.getProperties().forEach(ours::setProperty);
            }
            return ResponseEntity.status(statusCode).headers(headers)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(ours);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private static ResponseEntity<Object> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
