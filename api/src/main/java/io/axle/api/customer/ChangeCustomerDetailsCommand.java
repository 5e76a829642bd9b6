package io.axle.api.customer;

import java.math.BigDecimal;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replaces a customer's editable details with these: name, e-mail, phone, country, billing address, VAT number,
 * language and credit limit. The currency stays the one registered (credit and invoices are counted in it).
 * Optional details given as null are removed.
 */
public record ChangeCustomerDetailsCommand(@TargetAggregateIdentifier String customerId, String name, String email,
                                           String phone, String country, BillingAddress billingAddress,
                                           String vatNumber, String language, BigDecimal creditLimit) {
}
