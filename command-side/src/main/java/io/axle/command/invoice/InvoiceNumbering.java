package io.axle.command.invoice;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.axle.api.invoice.AllocateInvoiceNumberCommand;
import io.axle.api.invoice.DocumentKind;
import io.axle.api.invoice.InvoiceNumberAllocatedEvent;
import io.axle.api.invoice.InvoiceNumberSequences;
import io.axle.command.AggregateStorageConfiguration;
import io.axle.command.RuleViolationException;
import io.axle.command.Rules;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.LinkedHashMap;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The number sequence of one company's kind of document in one year ({@link InvoiceNumberSequences#id}): hands out
 * 1, 2, 3, … spelt {@code INV-2026-000042} for invoices and {@code CN-2026-000007} for credit notes, each number to
 * exactly one document. Invoices and credit notes have separate sequences, so each series is gap-free on its own.
 * Every number is an event in this one stream, so two allocations deciding at once, on one node or two, collide on
 * the event store's (aggregate id, sequence number) key and the loser is retried against fresh state: no number is
 * skipped or given twice. A number is taken only when its event is stored, so a failure before that takes nothing, and
 * one after it is never handed out again; a document asking again (a retry after a lost answer) gets its own number
 * back without a new event. The kind of document is spelt in the sequence's id, not in its events, so sequences
 * written before credit notes existed are the invoice sequences they always were.
 *
 * <p>Deliberately not cached, like {@link io.axle.command.run.RunSlots}: with a shared event store and commands
 * handled on every node, a cached copy may miss a number taken on another node, and the idempotent answer, which
 * writes no event, would then be decided on stale state without any conflict to reveal it. Snapshots keep loading
 * cheap however many invoices the year holds.
 */
@Aggregate(snapshotTriggerDefinition = AggregateStorageConfiguration.LONG_LIVED_SNAPSHOTS)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class InvoiceNumbering {

    /** Earliest and latest year a sequence may be opened for: four digits, as the number spells it. */
    static final int MIN_YEAR = 1000;
    static final int MAX_YEAR = 9999;

    @AggregateIdentifier
    private String sequenceId;
    /** The last number handed out; 0 before the first. */
    private long last;
    /** The number each document took, in allocation order. */
    private final LinkedHashMap<String, String> numbers = new LinkedHashMap<>();

    protected InvoiceNumbering() {
    }

    /**
     * Answers the document's number ({@code String}): the one it already took, or the next of the sequence, recorded
     * as an {@link InvoiceNumberAllocatedEvent}. Refuses (422) a command whose company, year and kind of document are
     * not those of the sequence it is sent to, so no document can take a number from another company's or year's
     * sequence, nor a credit note from the invoices' (or the reverse).
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    String handle(AllocateInvoiceNumberCommand command) {
        Rules.required(command.company(), "company");
        Rules.required(command.invoiceId(), "invoiceId");
        if (command.year() < MIN_YEAR || command.year() > MAX_YEAR) {
            throw RuleViolationException.unprocessable("year", "range",
                    "year must be between " + MIN_YEAR + " and " + MAX_YEAR + ", was " + command.year());
        }
        String expected = InvoiceNumberSequences.id(command.kind(), command.company(), command.year());
        if (!expected.equals(command.sequenceId())) {
            throw RuleViolationException.unprocessable("sequenceId", "invoice-number-sequence-id",
                    describe(command.kind()) + " numbers of " + command.company() + " in " + command.year()
                            + " come from sequence " + expected + ", not " + command.sequenceId());
        }
        String taken = numbers.get(command.invoiceId());
        if (taken != null) {
            return taken;
        }
        long next = last + 1;
        String number = InvoiceNumberSequences.format(command.kind(), command.year(), next);
        apply(new InvoiceNumberAllocatedEvent(expected, command.company(), command.year(), next, number,
                command.invoiceId()));
        return number;
    }

    private static String describe(DocumentKind kind) {
        return kind == DocumentKind.CREDIT_NOTE ? "credit note" : "invoice";
    }

    @EventSourcingHandler
    void on(InvoiceNumberAllocatedEvent event) {
        sequenceId = event.sequenceId();
        last = event.sequence();
        numbers.put(event.invoiceId(), event.number());
    }
}
