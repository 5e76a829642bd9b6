package io.axle.command.invoice;

import java.util.Locale;
import java.util.Set;

/**
 * What invoicing needs to know of a customer, as registered: the name, e-mail and country invoices are addressed to,
 * the VAT number that makes them a business, and the language they read.
 */
public record CustomerFacts(String customerId, String name, String email, String country, String vatNumber,
                            String language) {

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
