package io.axle.api.order;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Places an order; fulfilment goes on asynchronously. Sent to the order-number sequence of the year the order is
 * placed in ({@link OrderNumberSequence#id()}), which numbers the order and creates it in the same unit of work;
 * answers the order's number. A line without unit price is priced from the catalogue; a line priced otherwise than
 * the catalogue prices it is an override, which only a sender with {@code priceOverrideAllowed} may make.
 */
public record PlaceOrderCommand(@TargetAggregateIdentifier String sequenceId, int year, String orderId,
                                String customerId, String currency, List<OrderLine> lines,
                                ShippingAddress shippingAddress, boolean priceOverrideAllowed) {

    /** Places order {@code orderId} through the sequence of {@code year}. */
    public PlaceOrderCommand(int year, String orderId, String customerId, String currency, List<OrderLine> lines,
                             ShippingAddress shippingAddress, boolean priceOverrideAllowed) {
        this(new OrderNumberSequence(year).id(), year, orderId, customerId, currency, lines, shippingAddress,
                priceOverrideAllowed);
    }

    /** Places order {@code orderId} through the sequence of {@code year}; its lines may not override the prices. */
    public PlaceOrderCommand(int year, String orderId, String customerId, String currency, List<OrderLine> lines,
                             ShippingAddress shippingAddress) {
        this(year, orderId, customerId, currency, lines, shippingAddress, false);
    }
}
