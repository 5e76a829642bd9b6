package io.axle.api.order;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Places an order; fulfilment goes on asynchronously. */
public record PlaceOrderCommand(@TargetAggregateIdentifier String orderId, String customerId, String currency, List<OrderLine> lines, ShippingAddress shippingAddress) {
}
