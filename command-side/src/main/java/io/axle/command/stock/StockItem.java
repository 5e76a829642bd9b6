package io.axle.command.stock;

import io.axle.api.stock.AdjustStockCommand;
import io.axle.api.stock.CountStockCommand;
import io.axle.api.stock.ReceiveStockCommand;
import io.axle.api.stock.ReleaseStockCommand;
import io.axle.api.stock.ReserveStockCommand;
import io.axle.api.stock.ReservedStockShippedEvent;
import io.axle.api.stock.ShipReservedStockCommand;
import io.axle.api.stock.StockAdjustedEvent;
import io.axle.api.stock.StockCountedEvent;
import io.axle.api.stock.StockReceivedEvent;
import io.axle.api.stock.StockReleasedEvent;
import io.axle.api.stock.StockReservationRejectedEvent;
import io.axle.api.stock.StockReservedEvent;
import io.axle.command.RuleViolationException;
import io.axle.command.Rules;
import io.axle.command.bounds.Bounds;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.axle.command.AggregateStorageConfiguration;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The stock of one SKU: on hand, and reserved per order, so available = on hand - reserved can never drift.
 *
 * <p>Reserving an unknown SKU answers a {@link StockReservationRejectedEvent}; that event starts the SKU's stream,
 * so the item exists without having been received. Until its first receipt it still counts as unknown: reservations
 * are rejected and adjustments or counts are refused with 404.
 *
 * <p>Receipts and reservations move 1 to {@value Bounds#MAX_QUANTITY} units, an adjustment as many either way, and no
 * receipt, adjustment or count may take the stock on hand past {@value Bounds#MAX_ON_HAND} (rule {@code max-on-hand}).
 * As reservations never exceed what is on hand, every figure stays well within an {@code int}.
 */
@Aggregate(snapshotTriggerDefinition = AggregateStorageConfiguration.LONG_LIVED_SNAPSHOTS,
        cache = AggregateStorageConfiguration.AGGREGATE_CACHE)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class StockItem {

    @AggregateIdentifier
    private String sku;
    private boolean received;
    private int onHand;
    private final Map<String, Integer> reservedByOrder = new HashMap<>();

    protected StockItem() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ReceiveStockCommand command) {
        Rules.required(command.sku(), "sku");
        Rules.quantity(command.quantity(), "quantity");
        long newOnHand = (long) onHand + command.quantity();
        requireAtMostMaxOnHand(newOnHand, "quantity", "receiving " + command.quantity());
        apply(new StockReceivedEvent(command.sku(), command.quantity(), (int) newOnHand));
    }

    @CommandHandler
    void handle(AdjustStockCommand command) {
        requireReceived();
        if (command.quantity() == 0) {
            throw RuleViolationException.unprocessable("quantity", "non-zero", "an adjustment must change the stock");
        }
        if (Math.abs((long) command.quantity()) > Bounds.MAX_QUANTITY) {
            throw RuleViolationException.unprocessable("quantity", "max-quantity", "an adjustment moves at most "
                    + Bounds.MAX_QUANTITY + " units either way, was " + command.quantity());
        }
        Rules.required(command.reason(), "reason");
        long newOnHand = (long) onHand + command.quantity();
        requireAtMostMaxOnHand(newOnHand, "quantity", "adjusting by " + command.quantity());
        if (newOnHand < 0) {
            throw RuleViolationException.unprocessable("quantity", "not-below-zero",
                    "adjusting by " + command.quantity() + " would leave " + newOnHand + " on hand");
        }
        if (newOnHand < reserved()) {
            throw RuleViolationException.unprocessable("quantity", "not-below-reserved",
                    "adjusting by " + command.quantity() + " would leave " + newOnHand + " on hand, below the "
                    + reserved() + " reserved");
        }
        apply(new StockAdjustedEvent(sku, command.quantity(), command.reason().strip(), (int) newOnHand));
    }

    @CommandHandler
    void handle(CountStockCommand command) {
        requireReceived();
        Rules.nonNegative(command.counted(), "counted");
        requireAtMostMaxOnHand(command.counted(), "counted", "counting " + command.counted());
        if (command.counted() < reserved()) {
            throw RuleViolationException.unprocessable("counted", "not-below-reserved",
                    "counted " + command.counted() + " is below the " + reserved() + " reserved");
        }
        apply(new StockCountedEvent(sku, command.counted(),
                Math.subtractExact(command.counted(), onHand), command.counted()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ReserveStockCommand command) {
        Rules.required(command.sku(), "sku");
        Rules.required(command.orderId(), "orderId");
        Rules.quantity(command.quantity(), "quantity");
        if (reservedByOrder.containsKey(command.orderId())) {
            return;
        }
        int available = Math.subtractExact(onHand, reserved());
        if (!received) {
            apply(new StockReservationRejectedEvent(command.sku(), command.orderId(), command.quantity(), 0,
                    "unknown SKU " + command.sku()));
        } else if (command.quantity() > available) {
            apply(new StockReservationRejectedEvent(sku, command.orderId(), command.quantity(), available,
                    "insufficient stock for SKU " + sku + ": requested " + command.quantity() + ", available "
                    + available));
        } else {
            apply(new StockReservedEvent(sku, command.orderId(), command.quantity(), available - command.quantity()));
        }
    }

    @CommandHandler
    void handle(ReleaseStockCommand command) {
        Integer quantity = reservedByOrder.get(command.orderId());
        if (quantity != null) {
            apply(new StockReleasedEvent(sku, command.orderId(), quantity, onHand - reserved() + quantity));
        }
    }

    @CommandHandler
    void handle(ShipReservedStockCommand command) {
        Integer quantity = reservedByOrder.get(command.orderId());
        if (quantity != null) {
            apply(new ReservedStockShippedEvent(sku, command.orderId(), quantity, onHand - quantity));
        }
    }

    private void requireReceived() {
        if (!received) {
            throw RuleViolationException.notFound("sku", "must-exist", "sku '" + sku + "' was never received");
        }
    }

    private void requireAtMostMaxOnHand(long newOnHand, String field, String action) {
        if (!Bounds.isAtMostMaxOnHand(newOnHand)) {
            throw RuleViolationException.unprocessable(field, "max-on-hand", action + " would leave " + newOnHand
                    + " on hand; a SKU holds at most " + Bounds.MAX_ON_HAND);
        }
    }

    private int reserved() {
        return Math.toIntExact(reservedByOrder.values().stream().mapToLong(Integer::longValue).sum());
    }

    @EventSourcingHandler
    void on(StockReceivedEvent event) {
        sku = event.sku();
        received = true;
        onHand = event.onHand();
    }

    @EventSourcingHandler
    void on(StockReservationRejectedEvent event) {
        sku = event.sku();
    }

    @EventSourcingHandler
    void on(StockAdjustedEvent event) {
        onHand = event.onHand();
    }

    @EventSourcingHandler
    void on(StockCountedEvent event) {
        onHand = event.onHand();
    }

    @EventSourcingHandler
    void on(StockReservedEvent event) {
        reservedByOrder.put(event.orderId(), event.quantity());
    }

    @EventSourcingHandler
    void on(StockReleasedEvent event) {
        reservedByOrder.remove(event.orderId());
    }

    @EventSourcingHandler
    void on(ReservedStockShippedEvent event) {
        reservedByOrder.remove(event.orderId());
        onHand = event.onHand();
    }
}
