package io.axle.gateway.ingest;

import java.util.List;

import io.axle.api.common.Refusal;

/**
 * A reading broke the reading rules and must not reach Kafka. {@code status} is the HTTP status of the refusal (400
 * for the shape of the reading, 422 for an unknown run, 409 for a run that ended); the first violation names the
 * field and rule, the others follow.
 */
public class ReadingRefusedException extends RuntimeException {

    private final int status;
    private final transient List<Violation> violations;

    public ReadingRefusedException(int status, List<Violation> violations) {
        super(describe(violations));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a refusal names at least one violation");
        }
        this.status = status;
        this.violations = List.copyOf(violations);
    }

    public ReadingRefusedException(int status, String field, String rule, String message) {
        this(status, List.of(new Violation(field, rule, message)));
    }

    public int status() {
        return status;
    }

    public List<Violation> violations() {
        return violations;
    }

    /** The first violation, as the shared refusal record. */
    public Refusal refusal() {
        Violation first = violations.get(0);
        return new Refusal(status, first.field(), first.rule(), getMessage());
    }

    public String field() {
        return violations.get(0).field();
    }

    public String rule() {
        return violations.get(0).rule();
    }

    private static String describe(List<Violation> violations) {
        if (violations.isEmpty()) {
            return "refused";
        }
        Violation first = violations.get(0);
        String text = first.field() + ": " + first.message();
        return violations.size() == 1 ? text : violations.size() + " fields are invalid; first " + text;
    }
}
