package io.axle.command.invoice;

import io.axle.api.customer.BillingAddress;
import java.util.Locale;
import java.util.Set;

/**
 * What invoicing needs to know of a customer, as registered or last edited: the name, e-mail and country invoices are
 * addressed to, the VAT number that makes them a business, the language they read, and the billing address (null
 * when their record has none: the invoice then goes to the order's address).
 */
public record CustomerFacts(String customerId, String name, String email, String country, String vatNumber,
                            String language, BillingAddress billingAddress) {

    /** A customer without billing address. */
    public CustomerFacts(String customerId, String name, String email, String country, String vatNumber,
                         String language) {
        this(customerId, name, email, country, vatNumber, language, null);
    }

    /** Countries whose customers read French when they did not choose a language. */
    static final Set<String> FRENCH_SPEAKING = Set.of("FR", "BE", "LU");

    /** The customer's language if they chose one, otherwise French in FR, BE and LU and English elsewhere. */
    public String invoiceLanguage() {
        if (language != null && !language.isBlank()) {
            return language.strip().toLowerCase(Locale.ROOT);
        }
        return FRENCH_SPEAKING.contains(country) ? "fr" : "en";
    }
}
