package io.axle.api.customer;

import io.axle.api.common.ListCriteria;

/**
 * Asks for a page of customers, ordered by name unless {@code criteria} sorts them; only customer {@code customerId}
 * when it is not null. The search finds names, e-mail addresses and VAT numbers holding it; the dates bound the last
 * registration or edit.
 */
public record ListCustomersQuery(String customerId, ListCriteria criteria, int page, int size) {

    /** A page of every customer by name. */
    public ListCustomersQuery(int page, int size) {
        this(null, ListCriteria.NONE, page, size);
    }
}
