package io.axle.documents.understanding.language;

/**
 * A document's language as an ISO 639-1 code ({@code fr}, {@code en}, {@code de}; ISO 639-3 when the language has no
 * two-letter code), or {@link #UNDETERMINED} for text too short to tell, with the model's probability.
 */
public record LanguageGuess(String language, double confidence) {

    public static final String UNDETERMINED = "und";

    public boolean determined() {
        return !UNDETERMINED.equals(language);
    }
}
