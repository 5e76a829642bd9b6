package io.axle.api.customer;

import java.math.BigDecimal;

/** A customer as the read side shows it. */
public record CustomerView(String customerId, String name, String email, String country, String currency, BigDecimal creditLimit, BigDecimal creditReserved, BigDecimal creditAvailable) {
}
