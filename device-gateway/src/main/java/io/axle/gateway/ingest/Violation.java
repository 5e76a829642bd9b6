package io.axle.gateway.ingest;

/** One broken reading rule: the field, the rule's name and a sentence for people. */
public record Violation(String field, String rule, String message) {
}
