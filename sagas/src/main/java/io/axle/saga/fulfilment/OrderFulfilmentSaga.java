package io.axle.saga.fulfilment;

import static com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY;
import static com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.axle.api.customer.CreditReservationRefusedEvent;
import io.axle.api.customer.CreditReservedEvent;
import io.axle.api.customer.ReleaseCreditCommand;
import io.axle.api.customer.ReserveCreditCommand;
import io.axle.api.order.ConfirmOrderCommand;
import io.axle.api.order.MarkOrderStockReservedCommand;
import io.axle.api.order.OrderCancelledEvent;
import io.axle.api.order.OrderLine;
import io.axle.api.order.OrderPlacedEvent;
import io.axle.api.order.OrderRejectedEvent;
import io.axle.api.order.OrderShippedEvent;
import io.axle.api.order.OrderStockReservedEvent;
import io.axle.api.order.RejectOrderCommand;
import io.axle.api.stock.ReleaseStockCommand;
import io.axle.api.stock.ReserveStockCommand;
import io.axle.api.stock.ShipReservedStockCommand;
import io.axle.api.stock.StockReservationRejectedEvent;
import io.axle.api.stock.StockReservedEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Fulfils one placed order: reserves the stock of every SKU, then the customer's credit, then confirms the order, and
 * finally takes the reserved stock out when the order ships.
 *
 * <p>A stock or credit refusal, the {@value #DEADLINE} deadline, a cancellation or a rejection by someone else make
 * the saga compensate: it releases exactly what it holds, rejects the order unless the order already ended, and
 * releases each reservation still answered later as it arrives. It ends once no answer is outstanding, or when the
 * {@value #SETTLE_DEADLINE} deadline gives up waiting for them (then it sends a release for each, which does nothing
 * where nothing was reserved).
 *
 * <p>Failed commands are logged with what to do; while the order waits for stock or credit, the deadline rejects it.
 * The saga state holds only ids, quantities per SKU, the amount to reserve and flags, and is serialised with Jackson.
 *
 * <p>The saga lives on after the confirmation until the order ships or ends otherwise, but does not handle the
 * confirmation itself: invoicing the confirmed order is {@link io.axle.saga.billing.InvoicingSaga}'s step, run by the
 * same processor ({@value #PROCESSING_GROUP}, the name Axon gives this saga's processor by default, fixed here so that
 * its stored position in the event stream survives a rename of the class).
 */
@Saga
@ProcessingGroup(OrderFulfilmentSaga.PROCESSING_GROUP)
@JsonAutoDetect(fieldVisibility = ANY, getterVisibility = NONE, isGetterVisibility = NONE, setterVisibility = NONE)
public class OrderFulfilmentSaga {

    /** The processor of this saga and of the invoicing step, which follows the same orders. */
    public static final String PROCESSING_GROUP = "OrderFulfilmentSagaProcessor";

    /** Deadline for stock and credit to be reserved, from the order's placement. */
    static final String DEADLINE = "fulfilment-deadline";
    /** Deadline for reservation answers still outstanding once the saga compensates. */
    static final String SETTLE_DEADLINE = "fulfilment-settle-deadline";

    private static final Logger log = LoggerFactory.getLogger(OrderFulfilmentSaga.class);
    private static final String DEADLINE_REJECTS = "The fulfilment deadline will reject the order and release what it holds.";

    @Autowired
    private transient CommandGateway commandGateway;
    @Autowired
    private transient DeadlineManager deadlineManager;
    @Autowired(required = false)
    private transient FulfilmentProperties properties;

    private String orderId;
    private String customerId;
    private BigDecimal total;
    private String currency;
    /** Quantity to reserve per SKU, duplicate lines merged, in the order of the lines. */
    private Map<String, Integer> quantities = new LinkedHashMap<>();
    private Set<String> awaitingStock = new HashSet<>();
    private Set<String> reservedStock = new HashSet<>();
    private boolean awaitingCredit;
    private boolean creditReserved;
    private boolean compensating;
    private long timeoutMillis;

    @StartSaga
    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderPlacedEvent event) {
        orderId = event.orderId();
        customerId = event.customerId();
        total = event.total();
        currency = event.currency();
        for (OrderLine line : event.lines()) {
            quantities.merge(line.sku(), line.quantity(), Integer::sum);
        }
        Duration timeout = timeout();
        timeoutMillis = timeout.toMillis();
        deadlineManager.schedule(timeout, DEADLINE);
        awaitingStock.addAll(quantities.keySet());
        quantities.forEach((sku, quantity) ->
                send(new ReserveStockCommand(sku, orderId, quantity), DEADLINE_REJECTS));
        if (awaitingStock.isEmpty()) {
            send(new MarkOrderStockReservedCommand(orderId), DEADLINE_REJECTS);
        }
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(StockReservedEvent event) {
        if (!awaitingStock.remove(event.sku())) {
            log.debug("Order {}: ignoring unexpected reservation of {}", orderId, event.sku());
            return;
        }
        if (compensating) {
            releaseStock(event.sku());
            endWhenSettled();
            return;
        }
        reservedStock.add(event.sku());
        if (awaitingStock.isEmpty()) {
            send(new MarkOrderStockReservedCommand(orderId), DEADLINE_REJECTS);
        }
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(StockReservationRejectedEvent event) {
        if (!awaitingStock.remove(event.sku())) {
            log.debug("Order {}: ignoring unexpected rejection of {}", orderId, event.sku());
            return;
        }
        if (compensating) {
            endWhenSettled();
            return;
        }
        compensate(String.format("Stock for SKU %s could not be reserved: requested %d, available %d%s",
                event.sku(), event.requested(), event.available(), detail(event.reason())));
    }

    /** Credit is reserved only once the order has recorded its stock, so a confirmation always finds it there. */
    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderStockReservedEvent event) {
        if (compensating || awaitingCredit || creditReserved) {
            return;
        }
        awaitingCredit = true;
        send(new ReserveCreditCommand(customerId, orderId, total, currency), DEADLINE_REJECTS);
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(CreditReservedEvent event) {
        if (!awaitingCredit) {
            return;
        }
        awaitingCredit = false;
        if (compensating) {
            releaseCredit();
            endWhenSettled();
            return;
        }
        creditReserved = true;
        deadlineManager.cancelAllWithinScope(DEADLINE);
        send(new ConfirmOrderCommand(orderId), "Its stock and credit stay reserved: confirm it again, or cancel it "
                + "(POST /api/v1/orders/" + orderId + "/cancel) to release them.");
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(CreditReservationRefusedEvent event) {
        if (!awaitingCredit) {
            return;
        }
        awaitingCredit = false;
        if (compensating) {
            endWhenSettled();
            return;
        }
        compensate(String.format("Credit of %s %s refused for customer %s%s",
                event.amount(), event.currency(), event.customerId(), detail(event.reason())));
    }

    @DeadlineHandler(deadlineName = DEADLINE)
    void onDeadline() {
        if (compensating || creditReserved) {
            return;
        }
        String waitingFor;
        if (!awaitingStock.isEmpty()) {
            waitingFor = "stock of SKU " + String.join(", ", inLineOrder(awaitingStock));
        } else if (awaitingCredit) {
            waitingFor = "credit of customer " + customerId;
        } else {
            waitingFor = "the order to record its reserved stock";
        }
        compensate("Fulfilment timed out after " + describe(timeoutMillis) + " waiting for " + waitingFor);
    }

    @DeadlineHandler(deadlineName = SETTLE_DEADLINE)
    void onSettleDeadline() {
        log.warn("Order {}: no answer to the reservations of SKU {}{} after compensating; releasing them blindly and "
                        + "ending. Check the stock and credit held for this order.",
                orderId, inLineOrder(awaitingStock), awaitingCredit ? " and of credit" : "");
        inLineOrder(awaitingStock).forEach(this::releaseStock);
        awaitingStock.clear();
        if (awaitingCredit) {
            releaseCredit();
            awaitingCredit = false;
        }
        SagaLifecycle.end();
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderCancelledEvent event) {
        compensate(null);
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderRejectedEvent event) {
        compensate(null);
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderShippedEvent event) {
        if (compensating) {
            log.error("Order {} shipped although its reservations were released; check its stock.", orderId);
            return;
        }
        for (String sku : inLineOrder(reservedStock)) {
            send(new ShipReservedStockCommand(sku, orderId), "The goods left but stay reserved: send "
                    + "ShipReservedStockCommand(" + sku + ", " + orderId + ") again.");
        }
        reservedStock.clear();
        deadlineManager.cancelAllWithinScope(DEADLINE);
        SagaLifecycle.end();
    }

    /**
     * Releases everything held and rejects the order with the reason, or only releases when the order already ended
     * ({@code rejectionReason} null). Does nothing the second time.
     */
    private void compensate(String rejectionReason) {
        if (compensating) {
            return;
        }
        compensating = true;
        deadlineManager.cancelAllWithinScope(DEADLINE);
        inLineOrder(reservedStock).forEach(this::releaseStock);
        reservedStock.clear();
        if (creditReserved) {
            releaseCredit();
            creditReserved = false;
        }
        if (rejectionReason != null) {
            log.info("Order {} rejected: {}", orderId, rejectionReason);
            send(new RejectOrderCommand(orderId, rejectionReason), "Its reservations were released; if the order is "
                    + "still open, cancel it (POST /api/v1/orders/" + orderId + "/cancel).");
        }
        if (outstanding()) {
            deadlineManager.schedule(timeout(), SETTLE_DEADLINE);
        } else {
            SagaLifecycle.end();
        }
    }

    private void endWhenSettled() {
        if (!outstanding()) {
            deadlineManager.cancelAllWithinScope(SETTLE_DEADLINE);
            SagaLifecycle.end();
        }
    }

    private boolean outstanding() {
        return !awaitingStock.isEmpty() || awaitingCredit;
    }

    private void releaseStock(String sku) {
        send(new ReleaseStockCommand(sku, orderId), "Stock of SKU " + sku + " may stay reserved: send "
                + "ReleaseStockCommand(" + sku + ", " + orderId + ") again.");
    }

    private void releaseCredit() {
        send(new ReleaseCreditCommand(customerId, orderId), "Credit of customer " + customerId + " may stay reserved: "
                + "send ReleaseCreditCommand(" + customerId + ", " + orderId + ") again.");
    }

    private void send(Object command, String whatToDoIfItFails) {
        String order = orderId;
        commandGateway.send(command).whenComplete((result, failure) -> {
            if (failure != null) {
                log.error("Order {}: {} failed: {}. {}", order, command, failure.getMessage(), whatToDoIfItFails);
            }
        });
    }

    private List<String> inLineOrder(Collection<String> skus) {
        return quantities.keySet().stream().filter(skus::contains).toList();
    }

    private Duration timeout() {
        return properties == null ? FulfilmentProperties.DEFAULT_TIMEOUT : properties.timeout();
    }

    private static String describe(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static String detail(String reason) {
        return reason == null || reason.isBlank() ? "" : " (" + reason + ")";
    }
}
