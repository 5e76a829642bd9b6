package io.axle.api.document;

import io.axle.api.common.ListCriteria;

/**
 * Asks for a page of documents, newest upload first unless {@code criteria} sorts otherwise; only those in
 * {@code status}, of {@code type} and carrying {@code tag} when they are not null, and matching the search of
 * {@code criteria} (title or file name) and its upload date range.
 */
public record ListDocumentsQuery(String status, String type, String tag, ListCriteria criteria, int page, int size) {
}
