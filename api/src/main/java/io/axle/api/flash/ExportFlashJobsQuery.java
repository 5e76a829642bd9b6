package io.axle.api.flash;

/**
 * Asks for every flash job {@code list} would page through (its page and size are ignored), streamed in its order, at
 * most {@code limit} of them.
 */
public record ExportFlashJobsQuery(ListFlashJobsQuery list, int limit) {
}
