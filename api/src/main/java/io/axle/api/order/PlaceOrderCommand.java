package io.axle.api.order;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Places an order; fulfilment goes on asynchronously. Sent to the order-number sequence of the year the order is
 * placed in ({@link OrderNumberSequence#id()}), which numbers the order and creates it in the same unit of work;
 * answers the order's number.
 */
public record PlaceOrderCommand(@TargetAggregateIdentifier String sequenceId, int year, String orderId,
                                String customerId, String currency, List<OrderLine> lines,
                                ShippingAddress shippingAddress) {

    /** Places order {@code orderId} through the sequence of {@code year}. */
    public PlaceOrderCommand(int year, String orderId, String customerId, String currency, List<OrderLine> lines,
                             ShippingAddress shippingAddress) {
        this(new OrderNumberSequence(year).id(), year, orderId, customerId, currency, lines, shippingAddress);
    }
}
