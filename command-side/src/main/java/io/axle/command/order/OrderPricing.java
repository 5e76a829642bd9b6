package io.axle.command.order;

import io.axle.api.order.OrderLine;
import io.axle.api.order.PlaceOrderCommand;
import io.axle.command.RuleViolationException;
import io.axle.command.product.CatalogueEntry;
import io.axle.command.product.ProductCatalogue;

import java.util.ArrayList;
import java.util.List;

/**
 * Prices the lines of an order from the catalogue, as it stands when the order is placed. A line's SKU must be a
 * product of the catalogue (422 {@code unknown-product}) that is not discontinued (422 {@code product-discontinued}),
 * both naming {@code lines[i].sku}. A line without unit price takes the catalogue's, which must be in the order's
 * currency (422 {@code product-currency} naming {@code lines[i].unitPrice}: give the price in the order's currency).
 * A line with another price than the catalogue's, or priced in another currency, overrides the catalogue: only a
 * sender allowed to override prices may (403 {@code price-override} naming {@code lines[i].unitPrice}).
 */
public final class OrderPricing {

    private OrderPricing() {
    }

    /** The command's lines, each with the unit price it is sold at. */
    static List<OrderLine> price(PlaceOrderCommand command, ProductCatalogue catalogue) {
        return price(command.currency(), command.lines(), command.priceOverrideAllowed(), catalogue);
    }

    /**
     * The lines of an order in {@code currency}, each with the unit price it is sold at; {@code overrideAllowed}
     * tells whether a line may be priced otherwise than the catalogue prices it.
     */
    public static List<OrderLine> price(String currency, List<OrderLine> lines, boolean overrideAllowed,
                                        ProductCatalogue catalogue) {
        List<OrderLine> priced = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            priced.add(price(currency, i, lines.get(i), overrideAllowed, catalogue));
        }
        return List.copyOf(priced);
    }

    private static OrderLine price(String currency, int index, OrderLine line, boolean overrideAllowed,
                                   ProductCatalogue catalogue) {
        String field = "lines[" + index + "]";
        CatalogueEntry product = catalogue.find(line.sku()).orElseThrow(() -> RuleViolationException.unprocessable(
                field + ".sku", "unknown-product", "SKU " + line.sku() + " is not in the catalogue"));
        if (product.discontinued()) {
            throw RuleViolationException.unprocessable(field + ".sku", "product-discontinued",
                    "product " + line.sku() + " is discontinued");
        }
        boolean sameCurrency = product.currency().equals(currency);
        if (line.unitPrice() == null) {
            if (!sameCurrency) {
                throw RuleViolationException.unprocessable(field + ".unitPrice", "product-currency", "product "
                        + line.sku() + " is priced in " + product.currency() + ", the order is in "
                        + currency + "; give its unit price in " + currency);
            }
            return new OrderLine(line.sku(), line.quantity(), product.unitPrice());
        }
        boolean cataloguePrice = sameCurrency && line.unitPrice().compareTo(product.unitPrice()) == 0;
        if (!cataloguePrice && !overrideAllowed) {
            throw RuleViolationException.forbidden(field + ".unitPrice", "price-override", "product " + line.sku()
                    + " sells at " + product.unitPrice().toPlainString() + " " + product.currency()
                    + "; only an administrator or operator may sell it at " + line.unitPrice().toPlainString() + " "
                    + currency);
        }
        return line;
    }
}
