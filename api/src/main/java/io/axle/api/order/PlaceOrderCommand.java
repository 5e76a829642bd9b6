package io.axle.api.order;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Places an order; fulfilment goes on asynchronously. A line without unit price is priced from the catalogue; a line
 * priced otherwise than the catalogue prices it is an override, which only a sender with {@code priceOverrideAllowed}
 * may make.
 */
public record PlaceOrderCommand(@TargetAggregateIdentifier String orderId, String customerId, String currency,
                                List<OrderLine> lines, ShippingAddress shippingAddress, boolean priceOverrideAllowed) {

    /** An order whose lines may not override the catalogue's prices. */
    public PlaceOrderCommand(String orderId, String customerId, String currency, List<OrderLine> lines,
                             ShippingAddress shippingAddress) {
        this(orderId, customerId, currency, lines, shippingAddress, false);
    }
}
