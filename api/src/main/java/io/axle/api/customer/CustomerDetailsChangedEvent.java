package io.axle.api.customer;

import io.axle.api.privacy.DataSubject;
import io.axle.api.privacy.PersonalData;
import java.util.List;

/**
 * A customer's details were edited: the record as it now stands (optional details null when removed), and
 * {@code changed}, the names of the fields that differ from before, in the order of this record. Name, e-mail, phone
 * and billing address are personal data: null once the customer is erased.
 */
public record CustomerDetailsChangedEvent(@DataSubject String customerId, @PersonalData String name,
                                          @PersonalData String email, @PersonalData String phone, String country,
                                          @PersonalData BillingAddress billingAddress, String vatNumber,
                                          String language, List<String> changed) {
}
