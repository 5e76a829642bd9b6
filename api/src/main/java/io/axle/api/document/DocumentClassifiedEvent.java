package io.axle.api.document;

/**
 * The pipeline gave the document a type in run {@code run}: one of the configured types ({@code invoice},
 * {@code credit-note}, …) or {@code unknown}, with a confidence in [0, 1] and what decided it: {@code RULES},
 * {@code LEARNED} (the classifier trained on corrections), {@code RULES_AND_LEARNED} (both agreeing) or {@code NONE}.
 */
public record DocumentClassifiedEvent(String documentId, int run, String type, double confidence, String source) {
}
