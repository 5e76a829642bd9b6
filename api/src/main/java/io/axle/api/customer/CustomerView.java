package io.axle.api.customer;

import java.math.BigDecimal;

/** A customer as the read side shows it; {@code vatNumber} and {@code language} are null when not given. */
public record CustomerView(String customerId, String name, String email, String country, String currency,
                           BigDecimal creditLimit, BigDecimal creditReserved, BigDecimal creditAvailable,
                           String vatNumber, String language) {

    /** A customer without VAT number or language. */
    public CustomerView(String customerId, String name, String email, String country, String currency,
                        BigDecimal creditLimit, BigDecimal creditReserved, BigDecimal creditAvailable) {
        this(customerId, name, email, country, currency, creditLimit, creditReserved, creditAvailable, null, null);
    }
}
