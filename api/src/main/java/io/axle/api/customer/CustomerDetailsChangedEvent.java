package io.axle.api.customer;

import java.util.List;

/**
 * A customer's details were edited: the record as it now stands (optional details null when removed), and
 * {@code changed}, the names of the fields that differ from before, in the order of this record.
 */
public record CustomerDetailsChangedEvent(String customerId, String name, String email, String phone, String country,
                                          BillingAddress billingAddress, String vatNumber, String language,
                                          List<String> changed) {
}
