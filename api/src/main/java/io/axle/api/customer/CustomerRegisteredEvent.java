package io.axle.api.customer;

import io.axle.api.privacy.DataSubject;
import io.axle.api.privacy.PersonalData;
import java.math.BigDecimal;
import org.axonframework.serialization.Revision;

/**
 * A customer was registered. {@code vatNumber} (null for a consumer) makes the customer a business;
 * {@code language} (ISO 639-1, null meaning the country's default) is the language of their invoices and mail;
 * {@code phone} and {@code billingAddress} are null when not given (and in events older than them).
 * Name, e-mail, phone and billing address are personal data: null once the customer is erased. Revision 2 stores them
 * encrypted and never holds blank optional details (revision 1 could, see the upcaster of the platform).
 */
@Revision("2")
public record CustomerRegisteredEvent(@DataSubject String customerId, @PersonalData String name,
                                      @PersonalData String email, String country, String currency,
                                      BigDecimal creditLimit, String vatNumber, String language,
                                      @PersonalData String phone, @PersonalData BillingAddress billingAddress) {

    /** A customer registered without phone or billing address, as before they existed. */
    public CustomerRegisteredEvent(String customerId, String name, String email, String country, String currency,
                                   BigDecimal creditLimit, String vatNumber, String language) {
        this(customerId, name, email, country, currency, creditLimit, vatNumber, language, null, null);
    }

    /** A customer registered without VAT number or language, as before invoices existed. */
    public CustomerRegisteredEvent(String customerId, String name, String email, String country, String currency,
                                   BigDecimal creditLimit) {
        this(customerId, name, email, country, currency, creditLimit, null, null, null, null);
    }
}
