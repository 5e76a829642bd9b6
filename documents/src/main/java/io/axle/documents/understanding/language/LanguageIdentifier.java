package io.axle.documents.understanding.language;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;

/**
 * Detects a document's language with OpenNLP's {@code langdetect-183} model (103 languages, shipped by the
 * {@code opennlp-models-langdetect} artifact). The model is loaded once (about 10 MB); an instance is thread-safe.
 * The model spreads its probability over 103 languages, so its raw figure for the best one is small even when the
 * answer is clear (0.10 to 0.30 on a two-sentence paragraph); the confidence given here is the best language's share
 * of the two most probable, {@code p1 / (p1 + p2)}, which says how clearly it beats the runner-up. Text with fewer than
 * {@value #MIN_LETTERS} letters answers {@link LanguageGuess#UNDETERMINED}.
 * <p>
 * The answers are restricted to a set of expected languages ({@link #DEFAULT_LANGUAGES} unless given): the model knows
 * neighbours of the expected languages that a short page read by OCR easily resembles (Occitan, Catalan, Walloon for
 * French), and a back office only receives documents in a few languages. The best and runner-up are then taken among
 * the expected languages only. When no expected language fits (the best expected one has less than
 * {@value #MIN_SHARE_OF_BEST} of the probability of the model's overall best, as for a Russian or Chinese page), the
 * answer is {@link LanguageGuess#UNDETERMINED}.
 */
public final class LanguageIdentifier {

    static final int MIN_LETTERS = 12;
    /**
     * The languages the OCR reads (French, English, German) and the common Western European ones near them: Spanish,
     * Italian, Dutch, Portuguese.
     */
    public static final Set<String> DEFAULT_LANGUAGES = Set.of("fr", "en", "de", "es", "it", "nl", "pt");
    /** Below this share of the overall best language's probability, the best expected language does not fit. */
    static final double MIN_SHARE_OF_BEST = 0.5;
    private static final String MODEL_RESOURCE = "/langdetect-183.bin";
    /** Characters given to the model: enough for a reliable answer, bounded for long documents. */
    private static final int MAX_CHARS = 20_000;

    private final LanguageDetectorModel model;
    private final Map<String, String> iso3ToIso1 = new HashMap<>();
    private final Set<String> expected;

    /** Restricted to {@link #DEFAULT_LANGUAGES}. */
    public LanguageIdentifier() {
        this(DEFAULT_LANGUAGES);
    }

    /** Restricted to the given ISO 639-1 codes (ISO 639-3 for a language without one), e.g. {@code fr, en, de}. */
    public LanguageIdentifier(Set<String> expectedLanguages) {
        if (expectedLanguages.isEmpty()) {
            throw new IllegalArgumentException("at least one expected language is needed");
        }
        this.expected = expectedLanguages.stream().map(l -> l.strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        try (InputStream in = LanguageIdentifier.class.getResourceAsStream(MODEL_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("OpenNLP language model " + MODEL_RESOURCE + " is not on the classpath");
            }
            model = new LanguageDetectorModel(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OpenNLP language model", e);
        }
        for (String iso1 : Locale.getISOLanguages()) {
            try {
                iso3ToIso1.put(new Locale(iso1).getISO3Language(), iso1);
            } catch (java.util.MissingResourceException ignored) {
                // a language without a three-letter code cannot come out of the model
            }
        }
    }

    /** The language of the pages taken together. */
    public LanguageGuess detect(List<String> pages) {
        return detect(String.join("\n", pages));
    }

    public LanguageGuess detect(String text) {
        String sample = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        if (sample.codePoints().filter(Character::isLetter).count() < MIN_LETTERS) {
            return new LanguageGuess(LanguageGuess.UNDETERMINED, 0);
        }
        // LanguageDetectorME keeps no state between calls, but a fresh one per call costs nothing and is safe.
        Language[] ranked = new LanguageDetectorME(model).predictLanguages(sample);
        double overallBest = ranked[0].getConfidence();
        Language best = null;
        double second = 0;
        for (Language language : ranked) {
            if (expected.contains(iso1(language))) {
                if (best == null) {
                    best = language;
                } else {
                    second = language.getConfidence();
                    break;
                }
            }
        }
        if (best == null || best.getConfidence() < MIN_SHARE_OF_BEST * overallBest) {
            return new LanguageGuess(LanguageGuess.UNDETERMINED, 0);
        }
        double confidence = best.getConfidence() / (best.getConfidence() + second);
        return new LanguageGuess(iso1(best), confidence);
    }

    /** The languages answers are restricted to. */
    public Set<String> expectedLanguages() {
        return expected;
    }

    private String iso1(Language language) {
        return iso3ToIso1.getOrDefault(language.getLang(), language.getLang());
    }
}
