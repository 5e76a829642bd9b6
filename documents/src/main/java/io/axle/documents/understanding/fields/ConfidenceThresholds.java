package io.axle.documents.understanding.fields;

import java.util.HashMap;
import java.util.Map;

/** The confidence under which a field needs an operator's validation: one default, and per-field overrides. */
public final class ConfidenceThresholds {

    public static final double DEFAULT = 0.8;

    private final double defaultThreshold;
    private final Map<String, Double> perField;

    public ConfidenceThresholds(double defaultThreshold, Map<String, Double> perField) {
        this.defaultThreshold = defaultThreshold;
        this.perField = Map.copyOf(perField);
    }

    public static ConfidenceThresholds defaults() {
        return new ConfidenceThresholds(DEFAULT, Map.of());
    }

    public ConfidenceThresholds with(String field, double threshold) {
        Map<String, Double> copy = new HashMap<>(perField);
        copy.put(field, threshold);
        return new ConfidenceThresholds(defaultThreshold, copy);
    }

    public double of(String field) {
        return perField.getOrDefault(field, defaultThreshold);
    }
}
