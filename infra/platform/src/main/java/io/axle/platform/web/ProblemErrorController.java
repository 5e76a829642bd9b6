package io.axle.platform.web;

import java.util.Locale;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the servlet container's error page ({@code /error}) with a problem instead of Spring Boot's
 * {@code BasicErrorController} JSON: it serves errors raised outside Spring MVC (a filter's {@code sendError} or
 * exception). The status is kept; the detail never repeats the exception, which the container has logged.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        ProblemDetail problem = code instanceof Integer status && status >= 400
                ? problemFor(HttpStatusCode.valueOf(status))
                : Problems.refusal(HttpStatus.NOT_FOUND, null, "not-found", "There is nothing here.");
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    static ProblemDetail problemFor(HttpStatusCode status) {
        if (status.is5xxServerError()) {
            return Problems.unexpected(status);
        }
        HttpStatus known = HttpStatus.resolve(status.value());
        String reason = known != null ? known.getReasonPhrase() : "Refused";
        return Problems.refusal(status, null, rule(status), "The request was refused: " + reason + ".");
    }

    /** A rule from the status: 413 and 431 name the limit, others their reason phrase ({@code bad-request}). */
    static String rule(HttpStatusCode status) {
        if (status.value() == HttpStatus.PAYLOAD_TOO_LARGE.value()) {
            return RequestLimitsFilter.MAX_BODY_SIZE_RULE;
        }
        if (status.value() == HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE.value()) {
            return RequestLimitsFilter.MAX_HEADER_SIZE_RULE;
        }
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "refused"
                : known.getReasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
