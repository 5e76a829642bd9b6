package io.axle.command;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

import java.util.Comparator;
import java.util.List;

/**
 * Answers an upload the multipart reader stopped at the container's limit with the same 413 problem as the endpoint's
 * own check, found by the request's path (the largest limit's when no endpoint covers it). The reader stops before
 * any controller runs, so this advice is not scoped to one.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class UploadLimitAdvice {

    private final List<UploadLimit> limits;

    public UploadLimitAdvice(List<UploadLimit> limits) {
        if (limits.isEmpty()) {
            throw new IllegalArgumentException("at least one upload limit is needed");
        }
        this.limits = List.copyOf(limits);
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    public ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException exception,
                                                  HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        UploadLimit limit = limits.stream().filter(candidate -> candidate.covers(path)).findFirst()
                .orElseGet(() -> limits.stream().max(Comparator.comparingLong(UploadLimit::maxSize)).orElseThrow());
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(limit.tooLarge().getBody());
    }
}
