package io.axle.command.product;

import java.util.Optional;

/**
 * The catalogue as the command side consults it: the product of a SKU as its own events tell it now, never as an
 * eventually consistent read model shows it.
 */
public interface ProductCatalogue {

    /** The product of {@code sku}, or empty when the catalogue has none. */
    Optional<CatalogueEntry> find(String sku);
}
