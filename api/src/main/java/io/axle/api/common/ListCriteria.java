package io.axle.api.common;

import java.time.Instant;

/**
 * What every list query shares besides its own filters: {@code search}, free text that each list matches against its
 * own fields, ignoring case (null matches everything); {@code from} (inclusive) and {@code to} (exclusive) bounding the
 * list's own date, null for no bound; and {@code sort}, one of the list's sort fields, null for its usual order.
 */
public record ListCriteria(String search, Instant from, Instant to, String sort, boolean descending) {

    /** No search, no date bounds, the list's usual order. */
    public static final ListCriteria NONE = new ListCriteria(null, null, null, null, false);

    /** Only a search, in the list's usual order. */
    public static ListCriteria searching(String search) {
        return new ListCriteria(search, null, null, null, false);
    }
}
