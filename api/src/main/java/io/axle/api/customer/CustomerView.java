package io.axle.api.customer;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A customer as the read side shows it; {@code vatNumber}, {@code language}, {@code phone} and {@code billingAddress}
 * are null when not given. {@code updatedAt} is the time of the last change to the record (registration or edit).
 */
public record CustomerView(String customerId, String name, String email, String country, String currency,
                           BigDecimal creditLimit, BigDecimal creditReserved, BigDecimal creditAvailable,
                           String vatNumber, String language, String phone, BillingAddress billingAddress,
                           Instant updatedAt) {

    /** A customer without VAT number, language, phone or billing address. */
    public CustomerView(String customerId, String name, String email, String country, String currency,
                        BigDecimal creditLimit, BigDecimal creditReserved, BigDecimal creditAvailable) {
        this(customerId, name, email, country, currency, creditLimit, creditReserved, creditAvailable, null, null);
    }

    /** A customer without phone or billing address. */
    public CustomerView(String customerId, String name, String email, String country, String currency,
                        BigDecimal creditLimit, BigDecimal creditReserved, BigDecimal creditAvailable,
                        String vatNumber, String language) {
        this(customerId, name, email, country, currency, creditLimit, creditReserved, creditAvailable, vatNumber,
                language, null, null, null);
    }
}
