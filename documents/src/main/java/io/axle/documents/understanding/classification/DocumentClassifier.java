package io.axle.documents.understanding.classification;

import java.util.Optional;

/**
 * Gives a document its type from the rules and from what users taught, by one stated rule.
 * <p>
 * The learned answer wins over the rules when it is backed by look-alikes: at least {@code minAgreeing} of the
 * {@code k} nearest labelled documents have that type, and the closest of them shares at least {@code minCloseness}
 * of its words with the document (Jaccard). Its confidence is then the neighbours' vote share times
 * {@code min(1, closeness / 0.7)}. When the two sources name the same type, the confidences combine as independent
 * evidence ({@code 1 - (1-a)(1-b)}, at most 0.99). Otherwise the rules answer, so a few corrections never override
 * rules on documents unlike the corrected ones.
 */
public final class DocumentClassifier {

    /** Defaults: 5 neighbours, 2 of them agreeing, sharing half their words with the document. */
    public static final int DEFAULT_K = 5;
    public static final int DEFAULT_MIN_AGREEING = 2;
    public static final double DEFAULT_MIN_CLOSENESS = 0.5;
    private static final double SAME_TEMPLATE_CLOSENESS = 0.7;
    private static final double MAX_CONFIDENCE = 0.99;

    private final RuleClassifier rules;
    private final LearnedClassifier learned;
    private final int minAgreeing;
    private final double minCloseness;

    public DocumentClassifier(RuleClassifier rules, LearnedClassifier learned, int minAgreeing, double minCloseness) {
        this.rules = rules;
        this.learned = learned;
        this.minAgreeing = minAgreeing;
        this.minCloseness = minCloseness;
    }

    public DocumentClassifier(RuleClassifier rules, LearnedClassifier learned) {
        this(rules, learned, DEFAULT_MIN_AGREEING, DEFAULT_MIN_CLOSENESS);
    }

    public TypeDecision classify(String text) {
        TypeDecision byRules = rules.classify(text);
        Optional<LearnedClassifier.Suggestion> suggestion = learned.suggest(text)
                .filter(s -> s.agreeing() >= minAgreeing && s.closeness() >= minCloseness);
        if (suggestion.isEmpty()) {
            return byRules;
        }
        LearnedClassifier.Suggestion s = suggestion.get();
        double confidence = s.share() * Math.min(1, s.closeness() / SAME_TEMPLATE_CLOSENESS);
        if (s.type().equals(byRules.type())) {
            double combined = 1 - (1 - confidence) * (1 - byRules.confidence());
            return new TypeDecision(s.type(), Math.min(MAX_CONFIDENCE, combined),
                    TypeDecision.Source.RULES_AND_LEARNED);
        }
        return new TypeDecision(s.type(), Math.min(MAX_CONFIDENCE, confidence), TypeDecision.Source.LEARNED);
    }

    /** A user's correction: the document's text is labelled with {@code type} for every later classification. */
    public void learn(String text, String type) {
        learned.learn(text, type);
    }

    /** A user's correction of the document known as {@code key}; a later correction of it replaces this one. */
    public void learn(String key, String text, String type) {
        learned.learn(key, text, type);
    }

    /** Forgets every correction, so that they can be taught again from the first. */
    public void forget() {
        learned.clear();
    }
}
