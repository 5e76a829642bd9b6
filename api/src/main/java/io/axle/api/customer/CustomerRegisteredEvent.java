package io.axle.api.customer;

import java.math.BigDecimal;

/** A customer was registered. */
public record CustomerRegisteredEvent(String customerId, String name, String email, String country, String currency, BigDecimal creditLimit) {
}
