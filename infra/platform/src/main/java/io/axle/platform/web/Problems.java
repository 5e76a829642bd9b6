package io.axle.platform.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/** Builds and writes RFC 7807 problems the same way everywhere, including from servlet filters. */
public final class Problems {

    private Problems() {
    }

    /** A problem with the reason phrase as title and the request's correlation id. */
    public static ProblemDetail of(HttpStatusCode status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        HttpStatus known = HttpStatus.resolve(status.value());
        problem.setTitle(known != null ? known.getReasonPhrase() : "Error");
        String correlationId = RequestMetadataFilter.currentCorrelationId();
        if (correlationId != null) {
            problem.setProperty("correlationId", correlationId);
        }
        return problem;
    }

    /**
     * A failure on Axle's side: no internals, only the request's correlation id to quote when reporting it (the cause
     * goes to the log, where that id finds it).
     */
    public static ProblemDetail unexpected(HttpStatusCode status) {
        ProblemDetail problem = of(status, "");
        Object correlationId = problem.getProperties() == null ? null : problem.getProperties().get("correlationId");
        problem.setDetail("An unexpected error occurred; quote correlation id " + correlationId + " when reporting it.");
        return problem;
    }

    /** A refusal naming the field (may be {@code null}) and the rule that was broken. */
    public static ProblemDetail refusal(HttpStatusCode status, String field, String rule, String detail) {
        ProblemDetail problem = of(status, detail);
        if (field != null) {
            problem.setProperty("field", field);
        }
        if (rule != null) {
            problem.setProperty("rule", rule);
        }
        return problem;
    }

    /** The JSON members of a problem, flat as RFC 7807 wants them. */
    public static Map<String, Object> toMap(ProblemDetail problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        if (problem.getDetail() != null) {
            body.put("detail", problem.getDetail());
        }
        if (problem.getInstance() != null) {
            body.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }

    /** Writes the problem as {@code application/problem+json}, for code that runs outside Spring MVC. */
    public static void write(HttpServletResponse response, ProblemDetail problem, ObjectMapper mapper)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        mapper.writeValue(response.getOutputStream(), toMap(problem));
    }
}
