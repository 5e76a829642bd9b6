package io.axle.api.customer;

/** Asks for a page of customers, ordered by name. */
public record ListCustomersQuery(int page, int size) {
}
