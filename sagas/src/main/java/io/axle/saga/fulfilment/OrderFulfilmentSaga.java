package io.axle.saga.fulfilment;

import static com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY;
import static com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.axle.api.customer.CreditReleasedEvent;
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
import io.axle.api.stock.ReservedStockShippedEvent;
import io.axle.api.stock.ShipReservedStockCommand;
import io.axle.api.stock.StockReleasedEvent;
import io.axle.api.stock.StockReservationRejectedEvent;
import io.axle.api.stock.StockReservedEvent;
import io.axle.platform.messaging.ProcessorProgress;
import io.axle.saga.Backoff;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
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
 * <p>The {@value #DEADLINE} deadline is about answers that never come, not about a slow processor: when it passes
 * while this saga's processor has not yet reached the events stored before that moment, it looks again every
 * {@link #RECHECK} until the processor has, so that an answer already stored is always seen first.
 *
 * <p>A stock or credit refusal, the {@value #DEADLINE} deadline, a cancellation or a rejection by someone else make
 * the saga compensate: it releases exactly what it holds, rejects the order unless the order already ended, and
 * releases each reservation still answered later as it arrives. It ends once no answer is outstanding, or when the
 * {@value #SETTLE_DEADLINE} deadline gives up waiting for them (then it sends a release for each, which does nothing
 * where nothing was reserved).
 *
 * <p>Compensations are never dropped: every release of stock or credit, and every shipment of reserved stock, stays
 * pending until its event is seen ({@link StockReleasedEvent}, {@link CreditReleasedEvent},
 * {@link ReservedStockShippedEvent}); the {@value #COMPENSATION_RETRY} deadline sends what is still pending again,
 * from {@link #RETRY_FIRST} doubling up to {@link #RETRY_MAX}, until it is done (each of those commands does nothing
 * the second time); so is the rejection, until the order is seen rejected or cancelled. The saga ends only then. Other failed commands are logged with what to do; while the order
 * waits for stock or credit, the deadline rejects it. The saga state holds only ids, quantities per SKU, the amount to
 * reserve and flags, and is serialised with Jackson.
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
    /** Deadline that sends the releases and shipments not yet seen done again. */
    static final String COMPENSATION_RETRY = "fulfilment-compensation-retry";

    static final Duration RETRY_FIRST = Duration.ofSeconds(10);
    /** Pause before the deadline looks again, while the processor catches up with answers already stored. */
    static final Duration RECHECK = Duration.ofSeconds(5);
    static final Duration RETRY_MAX = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(OrderFulfilmentSaga.class);
    private static final String DEADLINE_REJECTS = "The fulfilment deadline will reject the order and release what it holds.";

    @Autowired
    private transient CommandGateway commandGateway;
    @Autowired
    private transient DeadlineManager deadlineManager;
    @Autowired(required = false)
    private transient FulfilmentProperties properties;
    @Autowired(required = false)
    private transient ProcessorProgress progress;

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
    private boolean shipped;
    private long timeoutMillis;
    /** Releases and shipments sent and not yet seen done: SKUs, and whether the credit is being released. */
    private Set<String> releasing = new HashSet<>();
    private Set<String> shipping = new HashSet<>();
    private boolean releasingCredit;
    /** The reason the order is being rejected with, until its rejection (or cancellation) is seen. */
    private String rejecting;
    /** Rounds of the compensation retry so far; 0 while none is scheduled. */
    private int retryRounds;
    /** The newest event in the store when the deadline first passed; -1 until then. */
    private long storeHeadAtDeadline = -1;

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
        if (answersMayBeQueued()) {
            deadlineManager.schedule(RECHECK, DEADLINE);
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
        inLineOrder(awaitingStock).forEach(this::sendRelease);
        awaitingStock.clear();
        if (awaitingCredit) {
            sendCreditRelease();
            awaitingCredit = false;
        }
        endWhenSettled();
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderCancelledEvent event) {
        rejecting = null;
        compensate(null);
        endWhenSettled();
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderRejectedEvent event) {
        rejecting = null;
        compensate(null);
        endWhenSettled();
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderShippedEvent event) {
        if (compensating) {
            log.error("Order {} shipped although its reservations were released; check its stock.", orderId);
            return;
        }
        shipped = true;
        inLineOrder(reservedStock).forEach(this::shipReserved);
        reservedStock.clear();
        deadlineManager.cancelAllWithinScope(DEADLINE);
        endWhenSettled();
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(StockReleasedEvent event) {
        if (releasing.remove(event.sku())) {
            endWhenSettled();
        }
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(ReservedStockShippedEvent event) {
        if (shipping.remove(event.sku())) {
            endWhenSettled();
        }
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(CreditReleasedEvent event) {
        if (releasingCredit) {
            releasingCredit = false;
            endWhenSettled();
        }
    }

    @DeadlineHandler(deadlineName = COMPENSATION_RETRY)
    void onCompensationNotSeen() {
        if (!compensationPending()) {
            retryRounds = 0;
            return;
        }
        log.warn("Order {}: not yet seen done after round {}: {}; sending them again.", orderId, retryRounds,
                pendingCompensations());
        inLineOrder(releasing).forEach(this::sendRelease);
        inLineOrder(shipping).forEach(this::sendShipment);
        if (releasingCredit) {
            sendCreditRelease();
        }
        if (rejecting != null) {
            sendRejection();
        }
        retryRounds++;
        deadlineManager.schedule(Backoff.doubling(RETRY_FIRST, RETRY_MAX, retryRounds), COMPENSATION_RETRY);
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
            reject(rejectionReason);
        }
        if (outstanding()) {
            deadlineManager.schedule(timeout(), SETTLE_DEADLINE);
        }
        endWhenSettled();
    }

    /**
     * Stops the compensation retry once nothing is pending, and ends the saga once it has compensated or shipped, no
     * answer is outstanding and nothing is pending.
     */
    /**
     * Whether this saga's processor has yet to reach events that were in the store when the deadline passed: the
     * answers may be among them, and slowness alone must not reject an order. The deadline is about answers that
     * never come.
     */
    private boolean answersMayBeQueued() {
        if (progress == null) {
            return false;
        }
        if (storeHeadAtDeadline < 0) {
            storeHeadAtDeadline = progress.head().orElse(-1L);
        }
        if (storeHeadAtDeadline < 0 || progress.reached(PROCESSING_GROUP, storeHeadAtDeadline)) {
            return false;
        }
        log.info("Order {}: the fulfilment deadline passed while its processor has not yet reached position {} of the "
                + "event stream, where the answers may wait; checking again in {}", orderId, storeHeadAtDeadline,
                RECHECK);
        return true;
    }

    private void endWhenSettled() {
        if (retryRounds > 0 && !compensationPending()) {
            deadlineManager.cancelAllWithinScope(COMPENSATION_RETRY);
            retryRounds = 0;
        }
        if ((compensating || shipped) && !outstanding() && !compensationPending()) {
            deadlineManager.cancelAllWithinScope(SETTLE_DEADLINE);
            deadlineManager.cancelAllWithinScope(COMPENSATION_RETRY);
            SagaLifecycle.end();
        }
    }

    private boolean outstanding() {
        return !awaitingStock.isEmpty() || awaitingCredit;
    }

    private boolean compensationPending() {
        return !releasing.isEmpty() || !shipping.isEmpty() || releasingCredit || rejecting != null;
    }

    private String pendingCompensations() {
        List<String> pending = new ArrayList<>();
        inLineOrder(releasing).forEach(sku -> pending.add("release of SKU " + sku));
        inLineOrder(shipping).forEach(sku -> pending.add("shipment of SKU " + sku));
        if (releasingCredit) {
            pending.add("release of the credit of customer " + customerId);
        }
        if (rejecting != null) {
            pending.add("rejection of the order");
        }
        return String.join(", ", pending);
    }

    /** Releases the stock of a SKU known to be reserved, until the release is seen. */
    private void releaseStock(String sku) {
        releasing.add(sku);
        sendRelease(sku);
        retryUntilSeen();
    }

    /** Releases the credit known to be reserved, until the release is seen. */
    private void releaseCredit() {
        releasingCredit = true;
        sendCreditRelease();
        retryUntilSeen();
    }

    /** Takes the reserved stock of a SKU out, until the shipment is seen. */
    private void shipReserved(String sku) {
        shipping.add(sku);
        sendShipment(sku);
        retryUntilSeen();
    }

    /** Rejects the order, until its rejection (or cancellation) is seen. */
    private void reject(String reason) {
        rejecting = reason;
        sendRejection();
        retryUntilSeen();
    }

    private void retryUntilSeen() {
        if (retryRounds == 0) {
            retryRounds = 1;
            deadlineManager.schedule(RETRY_FIRST, COMPENSATION_RETRY);
        }
    }

    private void sendRelease(String sku) {
        send(new ReleaseStockCommand(sku, orderId), "It is sent again until the release is seen.");
    }

    private void sendCreditRelease() {
        send(new ReleaseCreditCommand(customerId, orderId), "It is sent again until the release is seen.");
    }

    private void sendRejection() {
        send(new RejectOrderCommand(orderId, rejecting), "It is sent again until the order is seen rejected or "
                + "cancelled.");
    }

    private void sendShipment(String sku) {
        send(new ShipReservedStockCommand(sku, orderId), "It is sent again until the shipment is seen.");
    }

    private void send(Object command, String whatToDoIfItFails) {
        String order = orderId;
        CompletableFuture<Object> sent = commandGateway.send(command);
        rethrowDeadlock(sent);
        sent.whenComplete((result, failure) -> {
            if (failure != null) {
                log.error("Order {}: {} failed: {}. {}", order, command, failure.getMessage(), whatToDoIfItFails);
            }
        });
    }

    /**
     * A command handled on this thread (the local command bus) whose aggregate is locked by another processor thread
     * that waits for a lock this batch holds fails at once: Axon does not retry a deadlock inside a unit of work, since
     * only rolling the batch back releases the locks. So, while handling an event, the deadlock fails the event: the
     * processor rolls the batch back (every command of it with it) and handles it again, as for any transient failure.
     * A deadline handler keeps the logged failure and the deadline's own remedy.
     */
    private static void rethrowDeadlock(CompletableFuture<Object> sent) {
        if (!sent.isCompletedExceptionally() || !CurrentUnitOfWork.isStarted()
                || CurrentUnitOfWork.get().getMessage() instanceof DeadlineMessage) {
            return;
        }
        Throwable failure = sent.handle((result, error) -> error).getNow(null);
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DeadlockException deadlock) {
                throw deadlock;
            }
        }
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
