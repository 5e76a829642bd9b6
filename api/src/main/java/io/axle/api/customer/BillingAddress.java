package io.axle.api.customer;

/**
 * Where a customer's invoices are addressed: street, postal code, city, an optional region (state,
 * province) and the ISO 3166 alpha-2 country.
 */
public record BillingAddress(String street, String postalCode, String city, String region, String country) {
}
