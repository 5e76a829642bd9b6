package io.axle.api.order;

/** Where an order goes. */
public record ShippingAddress(String recipient, String street, String city, String postalCode, String country) {
}
