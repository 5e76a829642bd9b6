package io.axle.api.run;

/**
 * Asks for every run {@code list} would page through (its page and size are ignored), streamed in its order, at most
 * {@code limit} of them.
 */
public record ExportRunsQuery(ListRunsQuery list, int limit) {
}
