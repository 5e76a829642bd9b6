package io.axle.gateway.ingest;

import java.util.List;
import java.util.Map;

import io.axle.platform.security.ApiKeys;
import io.axle.platform.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** How the gateway's HTTP ingress answers what it did not take: the same problems for readings and vehicle frames. */
public final class RefusalResponses {

    private RefusalResponses() {
    }

    /** A refusal as a problem naming the first field and rule, with every violation under {@code errors}. */
    public static ResponseEntity<Object> refused(ReadingRefusedException refused) {
        ProblemDetail problem = Problems.refusal(HttpStatus.valueOf(refused.status()), refused.field(), refused.rule(),
                refused.getMessage());
        if (refused.violations().size() > 1) {
            List<Map<String, String>> errors = refused.violations().stream()
                    .map(v -> Map.of("field", v.field(), "rule", v.rule(), "message", v.message()))
                    .toList();
            problem.setProperty("errors", errors);
        }
        return problem(problem);
    }

    /** 503: the stream did not take {@code what} (a reading, a frame); the sender should send it again. */
    public static ResponseEntity<Object> unavailable(String what, Throwable cause) {
        return problem(Problems.refusal(HttpStatus.SERVICE_UNAVAILABLE, null, "telemetry-unavailable",
                "The " + what + " was not stored: " + cause.getMessage() + ". Send it again."));
    }

    public static ResponseEntity<Object> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** The device the caller's API key is bound to, or null (a key of another role, or a person). */
    public static String boundDevice() {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        return caller != null && caller.getPrincipal() instanceof ApiKeys.ApiKey key ? key.deviceId() : null;
    }
}
