package io.axle.command.order;

import io.axle.api.order.CancelOrderCommand;
import io.axle.api.order.ConfirmOrderCommand;
import io.axle.api.order.DeliverOrderCommand;
import io.axle.api.order.MarkOrderStockReservedCommand;
import io.axle.api.order.OrderCancelledEvent;
import io.axle.api.order.OrderConfirmedEvent;
import io.axle.api.order.OrderDeliveredEvent;
import io.axle.api.order.OrderLine;
import io.axle.api.order.OrderPlacedEvent;
import io.axle.api.order.OrderRejectedEvent;
import io.axle.api.order.OrderShippedEvent;
import io.axle.api.order.OrderStatus;
import io.axle.api.order.OrderStockReservedEvent;
import io.axle.api.order.PlaceOrderCommand;
import io.axle.api.order.RejectOrderCommand;
import io.axle.api.order.ShipOrderCommand;
import io.axle.api.order.ShippingAddress;
import io.axle.command.RuleViolationException;
import io.axle.command.Rules;
import io.axle.command.AggregateStorageConfiguration;
import io.axle.command.product.ProductCatalogue;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.axle.api.order.OrderStatus.CANCELLED;
import static io.axle.api.order.OrderStatus.CONFIRMED;
import static io.axle.api.order.OrderStatus.DELIVERED;
import static io.axle.api.order.OrderStatus.PLACED;
import static io.axle.api.order.OrderStatus.REJECTED;
import static io.axle.api.order.OrderStatus.SHIPPED;
import static io.axle.api.order.OrderStatus.STOCK_RESERVED;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An order and its status machine: PLACED -> STOCK_RESERVED -> CONFIRMED -> SHIPPED -> DELIVERED, or ended
 * REJECTED (by the fulfilment saga) or CANCELLED (on request, before it ships). A transition the current status does
 * not allow is refused with 409, except a rejection arriving after the order has moved past the point where it could
 * be rejected, which the saga may send late and which is therefore ignored. Quantities, prices and the order total
 * are held to {@link io.axle.command.bounds.Bounds}. An order is placed, and numbered, by its year's
 * {@link OrderNumbering}. Every line's product must be in the catalogue and not discontinued, and is priced as
 * {@link OrderPricing} says.
 */
@Aggregate(cache = AggregateStorageConfiguration.AGGREGATE_CACHE)
public class Order {

    static final String DEFAULT_CANCEL_REASON = "cancelled on request";
    static final String DEFAULT_REJECT_REASON = "rejected";

    private static final Set<OrderStatus> CANCELLABLE = EnumSet.of(PLACED, STOCK_RESERVED, CONFIRMED);

    @AggregateIdentifier
    private String orderId;
    private String customerId;
    private String currency;
    private BigDecimal total;
    private OrderStatus status;

    protected Order() {
    }

    /**
     * Placed through its year's {@link OrderNumbering}, which gives it {@code number}; its lines are priced from
     * {@code catalogue}.
     */
    Order(PlaceOrderCommand command, String number, ProductCatalogue catalogue) {
        Rules.required(command.orderId(), "orderId");
        Rules.dataSubject(command.customerId(), "customerId");
        Rules.currency(command.currency(), "currency");
        checkLines(command.lines());
        checkAddress(command.shippingAddress());
        List<OrderLine> lines = OrderPricing.price(command, catalogue);
        BigDecimal total = total(lines, command.currency());
        Rules.total(total, "lines", "the order total");
        apply(new OrderPlacedEvent(command.orderId(), command.customerId(), command.currency(), lines,
                command.shippingAddress(), total, number));
    }

    @CommandHandler
    void handle(MarkOrderStockReservedCommand command) {
        requireStatus(PLACED, "mark the stock of");
        apply(new OrderStockReservedEvent(orderId));
    }

    @CommandHandler
    void handle(ConfirmOrderCommand command) {
        requireStatus(STOCK_RESERVED, "confirm");
        apply(new OrderConfirmedEvent(orderId, customerId, total, currency));
    }

    @CommandHandler
    void handle(ShipOrderCommand command) {
        requireStatus(CONFIRMED, "ship");
        apply(new OrderShippedEvent(orderId));
    }

    @CommandHandler
    void handle(DeliverOrderCommand command) {
        requireStatus(SHIPPED, "deliver");
        apply(new OrderDeliveredEvent(orderId));
    }

    @CommandHandler
    void handle(CancelOrderCommand command) {
        if (!CANCELLABLE.contains(status)) {
            throw refusedTransition("cancel");
        }
        apply(new OrderCancelledEvent(orderId, orDefault(command.reason(), DEFAULT_CANCEL_REASON)));
    }

    @CommandHandler
    void handle(RejectOrderCommand command) {
        if (status == PLACED || status == STOCK_RESERVED) {
            apply(new OrderRejectedEvent(orderId, orDefault(command.reason(), DEFAULT_REJECT_REASON)));
        }
    }

    private void requireStatus(OrderStatus required, String action) {
        if (status != required) {
            throw refusedTransition(action);
        }
    }

    private RuleViolationException refusedTransition(String action) {
        return RuleViolationException.conflict("status", "invalid-transition",
                "cannot " + action + " order " + orderId + " while it is " + status);
    }

    private static void checkLines(List<OrderLine> lines) {
        if (lines == null || lines.isEmpty()) {
            throw RuleViolationException.unprocessable("lines", "not-empty", "an order needs at least one line");
        }
        Set<String> skus = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String field = "lines[" + i + "]";
            OrderLine line = lines.get(i);
            Rules.required(line, field);
            Rules.required(line.sku(), field + ".sku");
            Rules.quantity(line.quantity(), field + ".quantity");
            if (line.unitPrice() != null) {
                Rules.amount(line.unitPrice(), field + ".unitPrice");
            }
            if (!skus.add(line.sku())) {
                throw RuleViolationException.unprocessable(field + ".sku", "unique-sku",
                        "SKU " + line.sku() + " appears on more than one line");
            }
        }
    }

    private static void checkAddress(ShippingAddress address) {
        Rules.required(address, "shippingAddress");
        Rules.required(address.recipient(), "shippingAddress.recipient");
        Rules.required(address.street(), "shippingAddress.street");
        Rules.required(address.city(), "shippingAddress.city");
        Rules.required(address.postalCode(), "shippingAddress.postalCode");
        Rules.country(address.country(), "shippingAddress.country");
    }

    /** Sum of quantity x unit price, rounded half-up to the currency's minor unit. */
    static BigDecimal total(List<OrderLine> lines, String currency) {
        int scale = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        return lines.stream()
                .map(line -> line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(scale, RoundingMode.HALF_UP);
    }

    private static String orDefault(String reason, String fallback) {
        return reason == null || reason.isBlank() ? fallback : reason.strip();
    }

    @EventSourcingHandler
    void on(OrderPlacedEvent event) {
        orderId = event.orderId();
        customerId = event.customerId();
        currency = event.currency();
        total = event.total();
        status = PLACED;
    }

    @EventSourcingHandler
    void on(OrderStockReservedEvent event) {
        status = STOCK_RESERVED;
    }

    @EventSourcingHandler
    void on(OrderConfirmedEvent event) {
        status = CONFIRMED;
    }

    @EventSourcingHandler
    void on(OrderShippedEvent event) {
        status = SHIPPED;
    }

    @EventSourcingHandler
    void on(OrderDeliveredEvent event) {
        status = DELIVERED;
    }

    @EventSourcingHandler
    void on(OrderRejectedEvent event) {
        status = REJECTED;
    }

    @EventSourcingHandler
    void on(OrderCancelledEvent event) {
        status = CANCELLED;
    }
}
