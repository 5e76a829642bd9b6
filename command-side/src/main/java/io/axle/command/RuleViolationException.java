package io.axle.command;

import io.axle.api.common.Refusal;

/**
 * A command broke a rule of the model. Thrown by command handlers; {@link CommandRefusalInterceptor} turns it into a
 * {@link org.axonframework.commandhandling.CommandExecutionException} carrying the {@link Refusal}, so the caller
 * learns the status, field and rule even over Axon Server.
 */
public class RuleViolationException extends RuntimeException {

    private final transient Refusal refusal;

    public RuleViolationException(Refusal refusal) {
        super(refusal.detail());
        this.refusal = refusal;
    }

    /** The request clashes with the current state, e.g. shipping an order that is not confirmed (409). */
    public static RuleViolationException conflict(String field, String rule, String detail) {
        return new RuleViolationException(new Refusal(409, field, rule, detail));
    }

    /** The request is well-formed but its values break a business rule (422). */
    public static RuleViolationException unprocessable(String field, String rule, String detail) {
        return new RuleViolationException(new Refusal(422, field, rule, detail));
    }

    /** The caller may not do this, though someone with another role may (403). */
    public static RuleViolationException forbidden(String field, String rule, String detail) {
        return new RuleViolationException(new Refusal(403, field, rule, detail));
    }

    /** The thing the request is about does not exist (404). */
    public static RuleViolationException notFound(String field, String rule, String detail) {
        return new RuleViolationException(new Refusal(404, field, rule, detail));
    }

    public Refusal refusal() {
        return refusal;
    }
}
