package io.axle.api.customer;

/** Asks for one customer's view. */
public record FindCustomerQuery(String customerId) {
}
