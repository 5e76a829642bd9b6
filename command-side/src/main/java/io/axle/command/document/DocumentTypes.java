package io.axle.command.document;

import io.axle.documents.understanding.classification.TypeRules;

import java.util.Set;
import java.util.TreeSet;

/** The document types this installation knows (the classification rules' types): an operator's correction names one. */
public record DocumentTypes(TypeRules rules) {

    public boolean contains(String type) {
        return type != null && rules.types().contains(type);
    }

    /** The types in alphabetical order. */
    public Set<String> all() {
        return new TreeSet<>(rules.types());
    }
}
