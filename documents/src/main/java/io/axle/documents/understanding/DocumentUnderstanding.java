package io.axle.documents.understanding;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.axle.documents.understanding.classification.DocumentClassifier;
import io.axle.documents.understanding.classification.TypeDecision;
import io.axle.documents.understanding.fields.ConfidenceThresholds;
import io.axle.documents.understanding.fields.ExtractedField;
import io.axle.documents.understanding.fields.FieldExtractor;
import io.axle.documents.understanding.language.LanguageGuess;
import io.axle.documents.understanding.language.LanguageIdentifier;

/**
 * Pages of text in, answers out: language, type, fields. The type's own threshold is the one configured for the
 * name {@value #TYPE_THRESHOLD_NAME} in the {@link ConfidenceThresholds}.
 */
public final class DocumentUnderstanding {

    public static final String TYPE_THRESHOLD_NAME = "type";

    private final LanguageIdentifier languages;
    private final DocumentClassifier classifier;
    private final FieldExtractor extractor;
    private final ConfidenceThresholds thresholds;

    public DocumentUnderstanding(LanguageIdentifier languages, DocumentClassifier classifier,
                                 ConfidenceThresholds thresholds) {
        this.languages = languages;
        this.classifier = classifier;
        this.extractor = new FieldExtractor(thresholds);
        this.thresholds = thresholds;
    }

    public Understanding understand(List<String> pages) {
        return understand(pages, classifier.classify(String.join("\n", pages)));
    }

    /** The language and the fields of a document whose type an operator gave: it is not classified. */
    public Understanding understandAs(List<String> pages, String type) {
        return understand(pages, new TypeDecision(type, 1.0, TypeDecision.Source.OPERATOR));
    }

    private Understanding understand(List<String> pages, TypeDecision type) {
        String text = String.join("\n", pages);
        LanguageGuess language = languages.detect(text);
        List<ExtractedField> fields = extractor.extract(pages, type.type(), language.language());
        Set<String> found = fields.stream().map(ExtractedField::name).collect(Collectors.toSet());
        List<String> missing = FieldExtractor.requiredFieldsOf(type.type()).stream()
                .filter(name -> !found.contains(name)).toList();
        boolean needsValidation = type.confidence() < thresholds.of(TYPE_THRESHOLD_NAME) || !missing.isEmpty()
                || fields.stream().anyMatch(ExtractedField::needsValidation);
        return new Understanding(language, type, fields, missing, needsValidation);
    }

    /** A user's correction of the type: the next similar document is classified accordingly. */
    public void learn(List<String> pages, String type) {
        classifier.learn(String.join("\n", pages), type);
    }

    /** A user's correction of the document known as {@code key}: replaces an earlier correction of that document. */
    public void learn(String key, List<String> pages, String type) {
        classifier.learn(key, String.join("\n", pages), type);
    }

    /** Forgets every correction (before they are taught again, from the first). */
    public void forget() {
        classifier.forget();
    }

    /** The confidence under which {@code name} (a field, or {@value #TYPE_THRESHOLD_NAME}) needs validation. */
    public double threshold(String name) {
        return thresholds.of(name);
    }
}
