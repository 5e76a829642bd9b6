package io.axle.api.customer;

import java.math.BigDecimal;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Registers a customer who can buy on account up to a credit limit. {@code vatNumber} (optional) makes the customer a
 * business, {@code language} (optional, ISO 639-1) chooses the language of their invoices; {@code phone} and
 * {@code billingAddress} are optional.
 */
public record RegisterCustomerCommand(@TargetAggregateIdentifier String customerId, String name, String email,
                                      String country, String currency, BigDecimal creditLimit, String vatNumber,
                                      String language, String phone, BillingAddress billingAddress) {

    /** A customer without phone or billing address. */
    public RegisterCustomerCommand(String customerId, String name, String email, String country, String currency,
                                   BigDecimal creditLimit, String vatNumber, String language) {
        this(customerId, name, email, country, currency, creditLimit, vatNumber, language, null, null);
    }

    /** A consumer, invoiced in the country's default language. */
    public RegisterCustomerCommand(String customerId, String name, String email, String country, String currency,
                                   BigDecimal creditLimit) {
        this(customerId, name, email, country, currency, creditLimit, null, null);
    }
}
