package io.axle.documents.understanding.classification;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.axle.documents.understanding.Text;

/**
 * Classifies by the weighted phrases of {@link TypeRules}. A type's score is the sum of the weights of its phrases
 * found in the text (each phrase counted once). The confidence grows with the lead over the runner-up and with the
 * evidence itself: {@code best / (best + second) × min(1, best / 4) × 0.95}. A lone title word (weight 3) with no
 * competitor gives 0.71; a title plus a supporting phrase, 0.95. Rules never claim certainty.
 */
public final class RuleClassifier {

    private static final double FULL_EVIDENCE = 4;
    private static final double RULE_CEILING = 0.95;

    private final TypeRules rules;

    public RuleClassifier(TypeRules rules) {
        this.rules = rules;
    }

    public TypeDecision classify(String text) {
        Map<String, Double> scores = scores(text);
        List<Map.Entry<String, Double>> ranked = scores.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .toList();
        if (ranked.isEmpty()) {
            return TypeDecision.unknown();
        }
        double best = ranked.get(0).getValue();
        double second = ranked.size() > 1 ? ranked.get(1).getValue() : 0;
        double confidence = best / (best + second) * Math.min(1, best / FULL_EVIDENCE) * RULE_CEILING;
        return new TypeDecision(ranked.get(0).getKey(), confidence, TypeDecision.Source.RULES);
    }

    /** Each type's score, in the rules' order. */
    public Map<String, Double> scores(String text) {
        String folded = Text.fold(text);
        Map<String, Double> scores = new LinkedHashMap<>();
        rules.phrasesByType().forEach((type, phrases) -> scores.put(type, phrases.stream()
                .filter(p -> p.pattern().matcher(folded).find())
                .mapToDouble(TypeRules.WeightedPhrase::weight)
                .sum()));
        return scores;
    }
}
