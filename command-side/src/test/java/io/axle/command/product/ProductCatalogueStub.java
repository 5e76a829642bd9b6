package io.axle.command.product;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A catalogue held in memory, for the tests of what consults the catalogue; products are STANDARD-rated. */
public final class ProductCatalogueStub implements ProductCatalogue {

    private final Map<String, CatalogueEntry> products = new ConcurrentHashMap<>();

    /** Adds the product {@code sku}, named after it, at {@code unitPrice} in {@code currency}. */
    public ProductCatalogueStub with(String sku, String unitPrice, String currency) {
        return with(new CatalogueEntry(sku, "Product " + sku, new BigDecimal(unitPrice), currency, "STANDARD", false));
    }

    public ProductCatalogueStub with(CatalogueEntry product) {
        products.put(product.sku(), product);
        return this;
    }

    public ProductCatalogueStub discontinue(String sku) {
        products.computeIfPresent(sku, (key, product) -> product.asDiscontinued());
        return this;
    }

    @Override
    public Optional<CatalogueEntry> find(String sku) {
        return Optional.ofNullable(products.get(sku));
    }
}
