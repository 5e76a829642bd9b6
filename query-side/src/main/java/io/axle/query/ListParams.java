package io.axle.query;

import jakarta.validation.constraints.Size;

/**
 * The parameters every list endpoint shares, bound from {@code ?q=&from=&to=&sort=} beside the list's own filters and
 * paging: free-text search, a date range and an order. {@link Listing#criteria} reads them for one list.
 */
public record ListParams(@Size(max = 100) String q, String from, String to, String sort) {

    /** No search, no range, the usual order. */
    public static final ListParams NONE = new ListParams(null, null, null, null);
}
