package io.axle.api.invoice;

/**
 * A party named on an invoice, seller or buyer. {@code country} is ISO 3166 alpha-2; {@code vatNumber} is null or blank
 * for a consumer; {@code registration} (company registration, e.g. SIREN) and {@code iban} are the seller's.
 */
public record Party(String name, String street, String postalCode, String city, String country, String vatNumber,
                    String email, String registration, String iban) {
}
