package io.axle.api.customer;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A customer as the read side shows it; {@code vatNumber}, {@code language}, {@code phone} and {@code billingAddress}
 * are null when not given. {@code updatedAt} is the time of the last change to the record (registration or edit).
 * {@code erased}: the customer's personal data was erased; name, e-mail, phone and billing address are then null.
 */
public record CustomerView(String customerId, String name, String email, String country, String currency,
                           BigDecimal creditLimit, BigDecimal creditReserved, BigDecimal creditAvailable,
                           String vatNumber, String language, String phone, BillingAddress billingAddress,
                           Instant updatedAt, boolean erased) {

    /** A customer whose personal data was not erased. */
    public CustomerView(String customerId, String name, String email, String country, String currency,
                        BigDecimal creditLimit, BigDecimal creditReserved, BigDecimal creditAvailable,
                        String vatNumber, String language, String phone, BillingAddress billingAddress,
                        Instant updatedAt) {
        this(customerId, name, email, country, currency, creditLimit, creditReserved, creditAvailable, vatNumber,
                language, phone, billingAddress, updatedAt, false);
    }

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
