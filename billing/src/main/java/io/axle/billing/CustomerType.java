package io.axle.billing;

/** Who is invoiced, as templates tell them apart: a business (with a VAT number) or a consumer. */
public enum CustomerType {
    BUSINESS, CONSUMER;

    /** BUSINESS when {@code vatNumber} is given, CONSUMER otherwise. */
    public static CustomerType of(String vatNumber) {
        return vatNumber == null || vatNumber.isBlank() ? CONSUMER : BUSINESS;
    }
}
