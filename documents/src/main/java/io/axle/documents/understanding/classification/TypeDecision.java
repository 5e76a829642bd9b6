package io.axle.documents.understanding.classification;

/**
 * The type given to a document, with a confidence in [0, 1] and what decided it.
 *
 * @param type       one of the configured types, or {@link TypeRules#UNKNOWN} when nothing matched
 * @param confidence how sure the deciding source is
 * @param source     rules, the learned classifier, both agreeing, or an operator who set the type
 */
public record TypeDecision(String type, double confidence, Source source) {

    public enum Source { RULES, LEARNED, RULES_AND_LEARNED, NONE, OPERATOR }

    static TypeDecision unknown() {
        return new TypeDecision(TypeRules.UNKNOWN, 0, Source.NONE);
    }
}
