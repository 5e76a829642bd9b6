package io.axle.command.product;

import java.math.BigDecimal;

/** A product as the catalogue holds it at this moment: what pricing an order line and invoicing it need. */
public record CatalogueEntry(String sku, String name, BigDecimal unitPrice, String currency, String vatCategory,
                             boolean discontinued) {

    CatalogueEntry withPrice(BigDecimal newPrice) {
        return new CatalogueEntry(sku, name, newPrice, currency, vatCategory, discontinued);
    }

    CatalogueEntry asDiscontinued() {
        return new CatalogueEntry(sku, name, unitPrice, currency, vatCategory, true);
    }
}
