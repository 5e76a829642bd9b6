package io.axle.command.invoice;

/**
 * A VAT rate category, as the columns of the European Commission's "VAT rates in the EU" table. Where a country has
 * two reduced rates, {@link #REDUCED} is the higher one and {@link #SECOND_REDUCED} the lower one (FR 10 / 5.5,
 * BE 12 / 6, IT 10 / 5); a country lacking a category has no rate for it.
 */
public enum RateCategory {
    STANDARD,
    REDUCED,
    SECOND_REDUCED,
    SUPER_REDUCED,
    ZERO
}
