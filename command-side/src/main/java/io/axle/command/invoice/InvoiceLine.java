package io.axle.command.invoice;

import io.axle.api.order.OrderLine;
import io.axle.command.product.CatalogueEntry;
import io.axle.command.product.ProductCatalogue;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A line to invoice; {@code discountPercent} is the line discount in percent (0 to 100), {@code null} meaning none.
 * {@code vatRate} (percent) is {@code null} for a new invoice, whose rate comes from the VAT table for
 * {@code rateCategory}; a credit note gives the rate its invoice charged, so that a later change of the table cannot
 * make it credit a different tax.
 */
public record InvoiceLine(String description, BigDecimal quantity, BigDecimal unitPrice, BigDecimal discountPercent,
                          RateCategory rateCategory, BigDecimal vatRate) {

    public InvoiceLine {
        discountPercent = discountPercent == null ? BigDecimal.ZERO : discountPercent;
    }

    /** A line taxed at the VAT table's rate for its category. */
    public InvoiceLine(String description, BigDecimal quantity, BigDecimal unitPrice, BigDecimal discountPercent,
                       RateCategory rateCategory) {
        this(description, quantity, unitPrice, discountPercent, rateCategory, null);
    }

    /**
     * An order line as its invoice states it: described by its product's name and taxed in its product's category,
     * as the catalogue has them now; a SKU the catalogue lacks (an order placed before the catalogue existed) is
     * described by the SKU itself and taxed in the category of its SKU prefix.
     */
    public static InvoiceLine of(OrderLine line, ProductCatalogue catalogue, InvoiceIssuingProperties properties) {
        Optional<CatalogueEntry> product = catalogue.find(line.sku());
        String description = product.map(CatalogueEntry::name).orElse(line.sku());
        RateCategory category = product.map(entry -> RateCategory.valueOf(entry.vatCategory()))
                .orElseGet(() -> properties.rateCategoryOf(line.sku()));
        return new InvoiceLine(description, BigDecimal.valueOf(line.quantity()), line.unitPrice(), null, category);
    }
}
