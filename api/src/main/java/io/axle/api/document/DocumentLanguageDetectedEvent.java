package io.axle.api.document;

/**
 * The document's language as an ISO 639-1 code ({@code fr}, {@code en}, {@code de}, …; {@code und} when the text is
 * too short to tell), with the model's confidence, in pipeline run {@code run}.
 */
public record DocumentLanguageDetectedEvent(String documentId, int run, String language, double confidence) {
}
