package io.axle.command.order;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.axle.api.order.OrderNumberSequence;
import io.axle.api.order.OrderNumberTakenEvent;
import io.axle.api.order.PlaceOrderCommand;
import io.axle.command.AggregateStorageConfiguration;
import io.axle.command.RuleViolationException;
import io.axle.command.product.ProductCatalogue;
import io.axle.platform.privacy.PersonalDataKeys;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The order numbers of one year ({@link OrderNumberSequence#id()}): every order is placed through it, takes the next
 * number ({@code SO-2026-000001}, {@code SO-2026-000002}, …) and is created in the same unit of work, so the number
 * and the order are stored in one transaction or not at all: a refused order takes no number, and no number is
 * given twice. Two placements deciding at once, on one node or two, collide on the event store's (aggregate id,
 * sequence number) key and the loser is placed again against fresh state.
 *
 * <p>Cached, unlike {@link io.axle.command.invoice.InvoiceNumbering}: every placement it accepts writes an event, and
 * what it refuses does not depend on its state, so a cached copy that missed a number taken on another node can only
 * try to write an event with a sequence number already stored; that write fails, the cache entry is dropped with the
 * rolled-back unit of work, and the retry loads the fresh state. Snapshots keep the first load cheap.
 */
@Aggregate(cache = AggregateStorageConfiguration.AGGREGATE_CACHE,
        snapshotTriggerDefinition = AggregateStorageConfiguration.LONG_LIVED_SNAPSHOTS)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class OrderNumbering {

    /** Earliest and latest year a sequence may be opened for: four digits, as the number spells it. */
    static final int MIN_YEAR = 1000;
    static final int MAX_YEAR = 9999;

    @AggregateIdentifier
    private String sequenceId;
    /** The last number handed out; 0 before the first. */
    private long last;

    protected OrderNumbering() {
    }

    /**
     * Numbers and places the order, answering its number ({@code String}). Refuses (422) a command sent to another
     * year's sequence than its own, an order of an erased customer (409: its shipping address is their personal data),
     * and whatever {@link Order} refuses, taking no number.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    String handle(PlaceOrderCommand command, ProductCatalogue catalogue, PersonalDataKeys keys) throws Exception {
        if (command.year() < MIN_YEAR || command.year() > MAX_YEAR) {
            throw RuleViolationException.unprocessable("year", "range",
                    "year must be between " + MIN_YEAR + " and " + MAX_YEAR + ", was " + command.year());
        }
        OrderNumberSequence sequence = new OrderNumberSequence(command.year());
        if (!sequence.id().equals(command.sequenceId())) {
            throw RuleViolationException.unprocessable("sequenceId", "order-number-sequence-id",
                    "orders of " + command.year() + " are numbered by sequence " + sequence.id() + ", not "
                            + command.sequenceId());
        }
        if (command.customerId() != null && keys.erasedAt(command.customerId()).isPresent()) {
            throw RuleViolationException.conflict("customerId", "erased", "customer " + command.customerId()
                    + " was erased: no order with their personal data may be placed");
        }
        long next = last + 1;
        String number = sequence.format(next);
        AggregateLifecycle.createNew(Order.class, () -> new Order(command, number, catalogue));
        apply(new OrderNumberTakenEvent(sequence.id(), command.year(), next, number, command.orderId()));
        return number;
    }

    @EventSourcingHandler
    void on(OrderNumberTakenEvent event) {
        sequenceId = event.sequenceId();
        last = event.sequence();
    }
}
