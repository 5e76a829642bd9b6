package io.axle.command.document.pipeline;

import io.axle.documents.text.OcrSettings;
import io.axle.documents.understanding.fields.ConfidenceThresholds;
import io.axle.documents.understanding.classification.TypeRules;
import io.axle.documents.understanding.language.LanguageIdentifier;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code axle.documents.*} settings of the pipeline.
 *
 * @param ocr          how Tesseract runs: {@code data-path} (tessdata), {@code languages} ({@code eng+fra+deu}),
 *                     {@code engines} (pages read at once; default one per core)
 * @param thresholds   confidence under which a field needs validation: {@code default} and one per field name
 *                     ({@code iban: 0.95}), {@code type} for the type
 * @param learnedIndex folder of the classifier's learned corrections; default {@code <data-dir>/documents/learned}
 * @param languages    the languages a document may be found in (ISO 639-1); default
 *                     {@link LanguageIdentifier#DEFAULT_LANGUAGES}; a text in none of them is {@code und}
 * @param types        document types added to the built-in ones, or built-in ones whose phrases are replaced: per
 *                     type (lower-case letters, digits and '-'), the phrases that point to it and their weights
 *                     ({@code axle.documents.types.work-order.[bon de travail]=4}); an operator's correction may name
 *                     them, and the classifier learns them like the others
 */
@ConfigurationProperties("axle.documents")
public record DocumentPipelineProperties(Ocr ocr, Map<String, Double> thresholds, Path learnedIndex,
                                         Set<String> languages, Map<String, Map<String, Double>> types) {

    private static final Pattern TYPE_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public DocumentPipelineProperties {
        ocr = ocr == null ? new Ocr(null, null, null) : ocr;
        thresholds = thresholds == null ? Map.of() : Map.copyOf(thresholds);
        languages = languages == null || languages.isEmpty() ? LanguageIdentifier.DEFAULT_LANGUAGES
                : Set.copyOf(languages);
        types = types == null ? Map.of() : Map.copyOf(types);
        types.forEach((type, phrases) -> {
            if (!TYPE_NAME.matcher(type).matches()) {
                throw new IllegalArgumentException("axle.documents.types." + type + ": a type name is lower-case "
                        + "letters, digits and '-' (e.g. work-order)");
            }
            if (phrases == null || phrases.isEmpty()) {
                throw new IllegalArgumentException("axle.documents.types." + type + ": give at least one phrase "
                        + "with its weight, e.g. axle.documents.types." + type + ".[bon de travail]=4");
            }
            phrases.forEach((phrase, weight) -> {
                if (phrase.isBlank() || weight == null || !(weight > 0)) {
                    throw new IllegalArgumentException("axle.documents.types." + type + ".[" + phrase + "]: a "
                            + "phrase needs words and a weight above 0 (got " + weight + ")");
                }
            });
        });
    }

    /** The built-in classification rules with the configured {@link #types} added or replaced. */
    TypeRules typeRules() {
        TypeRules rules = TypeRules.defaults();
        for (Map.Entry<String, Map<String, Double>> type : new TreeMap<>(types).entrySet()) {
            rules = rules.with(type.getKey(), type.getValue());
        }
        return rules;
    }

    /** Tesseract's settings; unset ones take Debian's tessdata, English+French+German and one engine per core. */
    public record Ocr(Path dataPath, String languages, Integer engines) {

        OcrSettings settings() {
            OcrSettings defaults = OcrSettings.defaults();
            return new OcrSettings(dataPath == null ? defaults.dataPath() : dataPath,
                    languages == null || languages.isBlank() ? defaults.languages() : languages,
                    engines == null ? defaults.engines() : engines);
        }
    }

    ConfidenceThresholds confidenceThresholds() {
        Map<String, Double> perField = new HashMap<>(thresholds);
        Double fallback = perField.remove("default");
        return new ConfidenceThresholds(fallback == null ? ConfidenceThresholds.DEFAULT : fallback, perField);
    }
}
