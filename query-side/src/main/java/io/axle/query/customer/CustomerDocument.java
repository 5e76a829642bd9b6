package io.axle.query.customer;

import io.axle.api.customer.CustomerView;
import io.axle.api.customer.BillingAddress;
import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.data.annotation.Id;

/**
 * A customer as stored in the {@value CustomerProjection#COLLECTION} collection; {@code sequence} is the aggregate
 * sequence number of the last event applied. {@code vatNumber}, {@code language}, {@code phone} and
 * {@code billingAddress} are null for customers registered without them (and for documents written before they
 * existed); {@code updatedAt} is the time of the last registration or edit. {@code erased} is true once the customer's
 * personal data was erased (null, as false, in documents older than erasure).
 */
record CustomerDocument(
        @Id String customerId,
        String name,
        String email,
        String country,
        String currency,
        BigDecimal creditLimit,
        BigDecimal creditReserved,
        BigDecimal creditAvailable,
        String vatNumber,
        String language,
        String phone,
        BillingAddress billingAddress,
        Instant updatedAt,
        long sequence,
        Boolean erased) {

    /** Credit reserved grows by {@code amount} (shrinks when negative); what is available is {@code newAvailable}. */
    CustomerDocument withReservation(BigDecimal amount, BigDecimal newAvailable) {
        return new CustomerDocument(customerId, name, email, country, currency, creditLimit,
                creditReserved.add(amount), newAvailable, vatNumber, language, phone, billingAddress, updatedAt,
                sequence, erased);
    }

    CustomerView toView() {
        return new CustomerView(customerId, name, email, country, currency, creditLimit, creditReserved,
                creditAvailable, vatNumber, language, phone, billingAddress, updatedAt, Boolean.TRUE.equals(erased));
    }
}
