package io.axle.command.invoice;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.axle.api.invoice.BillingDocument;
import io.axle.api.invoice.CreditNoteIssuedEvent;
import io.axle.api.invoice.CreditNoteRequestedEvent;
import io.axle.api.invoice.CreditedLine;
import io.axle.api.invoice.DocumentEmailedEvent;
import io.axle.api.invoice.InvoiceIssuedEvent;
import io.axle.api.invoice.InvoiceLineItem;
import io.axle.api.invoice.InvoiceOverdueEvent;
import io.axle.api.invoice.InvoiceRequestRejectedEvent;
import io.axle.api.invoice.InvoiceRequestedEvent;
import io.axle.api.invoice.InvoiceStatus;
import io.axle.api.invoice.IssueCreditNoteCommand;
import io.axle.api.invoice.IssueInvoiceCommand;
import io.axle.api.invoice.PaymentRecordedEvent;
import io.axle.api.invoice.PaymentReminderDueEvent;
import io.axle.api.invoice.PaymentReminderSentEvent;
import io.axle.api.invoice.RecordDocumentEmailedCommand;
import io.axle.api.invoice.RecordPaymentCommand;
import io.axle.api.invoice.RecordPaymentReminderSentCommand;
import io.axle.api.invoice.RejectInvoiceRequestCommand;
import io.axle.api.invoice.RequestCreditNoteCommand;
import io.axle.api.invoice.RequestInvoiceCommand;
import io.axle.command.AggregateStorageConfiguration;
import io.axle.command.RuleViolationException;
import io.axle.command.Rules;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.axle.api.invoice.InvoiceStatus.CREDITED;
import static io.axle.api.invoice.InvoiceStatus.ISSUED;
import static io.axle.api.invoice.InvoiceStatus.OVERDUE;
import static io.axle.api.invoice.InvoiceStatus.PAID;
import static io.axle.api.invoice.InvoiceStatus.PARTIALLY_PAID;
import static io.axle.api.invoice.InvoiceStatus.REJECTED;
import static io.axle.api.invoice.InvoiceStatus.REQUESTED;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The invoice of one order ({@link io.axle.api.invoice.Invoices#idForOrder}), from request to its last credit note.
 *
 * <p><b>Lifecycle.</b> REQUESTED until the issuing process issues it (ISSUED) or rejects the request (REJECTED, which
 * may be requested again once the cause is fixed, since the order has no other invoice id). Payments make it
 * PARTIALLY_PAID, then PAID; the overdue deadline makes an open invoice OVERDUE, which it stays until PAID or
 * CREDITED. Credit notes that cover every invoiced quantity make it CREDITED. A credit note that leaves an open
 * invoice owing nothing (payments and credit notes together cover it) makes it PAID; on a PAID invoice a credit note
 * leaves it PAID with a negative balance: the refund owed.
 *
 * <p><b>Immutability.</b> An issued invoice never changes: issuing it again with the same number and PDF is a resend
 * and adds nothing, anything else is refused (409 {@code immutable}); it is corrected by credit notes only. Payments,
 * credit notes and e-mails are idempotent by their ids, so every caller may resend after a lost answer.
 *
 * <p><b>Credit notes.</b> Several may be pending at once: the quantities a request names are reserved from that moment,
 * so two requests can never credit the same quantity twice, and each is then issued on its own.
 *
 * <p><b>Overdue.</b> At issue a deadline is scheduled at the start of the day after the due date, in UTC: a payment
 * made on the due date counts wherever in Europe it is made (UTC midnight is no earlier than local midnight there), and
 * the instant does not depend on a time zone the document does not carry. It is cancelled once the invoice is PAID or
 * CREDITED, and checks the invoice's state when it fires in any case.
 *
 * <p><b>Reminders.</b> The day an invoice becomes OVERDUE a first payment reminder is due
 * ({@link PaymentReminderDueEvent}), then one every {@link PaymentReminders#interval()} while it stays OVERDUE, never
 * two within one interval; a deadline brings each, and is cancelled once the invoice is PAID or CREDITED. The mail is
 * sent by the billing side's mailer, which records it ({@link RecordPaymentReminderSentCommand}); being an event, a
 * due reminder is never decided again by a replay. With reminders off none is due, but the deadline keeps checking.
 *
 * <p><b>Storage.</b> Snapshotted like the other long-lived aggregates, but deliberately not cached, like
 * {@link InvoiceNumbering}: its commands come from every node (the issuer on the node owning its segment, payments and
 * credit notes from whichever node takes the request, the deadline from whichever node's scheduler picks it), and an
 * idempotent answer or a refusal writes no event, so one decided on a stale cached copy would go unnoticed.
 */
@Aggregate(snapshotTriggerDefinition = AggregateStorageConfiguration.LONG_LIVED_SNAPSHOTS)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Invoice {

    /** Name of the deadline that makes an unpaid invoice OVERDUE. */
    static final String OVERDUE_DEADLINE = "invoice-overdue";
    /** Name of the deadline that makes the next payment reminder of an OVERDUE invoice due. */
    static final String REMINDER_DEADLINE = "invoice-payment-reminder";

    /** Statuses in which money is still expected. */
    private static final Set<InvoiceStatus> OPEN = EnumSet.of(ISSUED, PARTIALLY_PAID, OVERDUE);
    /** Statuses of an issued invoice. */
    private static final Set<InvoiceStatus> ISSUED_STATUSES =
            EnumSet.of(ISSUED, PARTIALLY_PAID, PAID, OVERDUE, CREDITED);

    @AggregateIdentifier
    private String invoiceId;
    private String orderId;
    private String customerId;
    private InvoiceStatus status;
    /** The issued invoice's number and PDF digest; null before issue. */
    private String number;
    private String pdfSha256;
    private String currency;
    private BigDecimal totalInclTax;
    private LocalDate dueDate;
    /** The day of issue in UTC: no payment is dated before it; null in snapshots taken before it was kept. */
    private LocalDate issuedOn;
    private BigDecimal paidTotal;
    /** Sum including tax of the issued credit notes. */
    private BigDecimal creditedTotal;
    /** Quantity invoiced per line position. */
    private final LinkedHashMap<Integer, BigDecimal> invoiced = new LinkedHashMap<>();
    /** Amount of each recorded payment, by payment id. */
    private final LinkedHashMap<String, BigDecimal> payments = new LinkedHashMap<>();
    private final LinkedHashMap<String, InvoiceCreditNoteState> creditNotes = new LinkedHashMap<>();
    /** The invoice as issued, which reminders carry; null before issue and in snapshots older than reminders. */
    private BillingDocument issued;
    /** How many payment reminders were due, and when the last one was. */
    private int reminders;
    private Instant lastReminderAt;
    /** Message-IDs of the mails already recorded. */
    private final LinkedHashSet<String> emailed = new LinkedHashSet<>();

    protected Invoice() {
    }

    /**
     * Creates the invoice of an order. Requesting it again is refused (409 {@code already-invoiced}) unless the earlier
     * request was rejected; a request whose id is not the order's invoice id is refused (422).
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RequestInvoiceCommand command) {
        InvoiceRequestRules.checkRequest(command);
        if (status != null && status != REJECTED) {
            throw RuleViolationException.conflict("orderId", "already-invoiced",
                    "order " + command.orderId() + " is already invoiced: invoice " + invoiceId + " ("
                            + (number == null ? "" : number + ", ") + status + ")");
        }
        String templateId = command.templateId() == null || command.templateId().isBlank()
                ? null : command.templateId().strip();
        apply(new InvoiceRequestedEvent(command.invoiceId(), command.orderId(), command.customerId(), templateId,
                InvoiceRequestRules.customFields(command.customFields()), command.globalDiscountPercent(),
                command.requestedBy(), now()));
    }

    /** Ends a request that cannot be issued; rejecting it again adds nothing, rejecting an issued invoice is a 409. */
    @CommandHandler
    void handle(RejectInvoiceRequestCommand command) {
        Rules.required(command.reason(), "reason");
        if (status == REJECTED) {
            return;
        }
        requireStatus(REQUESTED, "reject the request of");
        apply(new InvoiceRequestRejectedEvent(invoiceId, orderId, command.field(), command.rule(),
                command.reason().strip()));
    }

    /** Issues the requested invoice as rendered, and schedules the day it becomes overdue. */
    @CommandHandler
    void handle(IssueInvoiceCommand command, DeadlineManager deadlineManager) {
        Rules.required(command.document(), "document");
        if (number != null) {
            if (number.equals(command.document().number()) && pdfSha256.equals(command.pdfSha256())) {
                return;
            }
            throw RuleViolationException.conflict("document", "immutable", "invoice " + number
                    + " is issued; an issued invoice never changes; correct it with a credit note");
        }
        requireStatus(REQUESTED, "issue");
        BillingDocument document = command.document();
        InvoiceDocumentRules.checkInvoice(document, command.pdfSha256(), orderId);
        apply(new InvoiceIssuedEvent(invoiceId, orderId, customerId, document, command.pdfSha256()));
        if (balance().signum() > 0) {
            deadlineManager.schedule(overdueAt(dueDate), OVERDUE_DEADLINE);
        }
    }

    /** The instant an invoice due on {@code dueDate} becomes overdue: the start of the next day, UTC. */
    static Instant overdueAt(LocalDate dueDate) {
        return dueDate.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Deadline handlers take the deadline first, whose timestamp is the instant it was due. */
    @DeadlineHandler(deadlineName = OVERDUE_DEADLINE)
    void onOverdue(DeadlineMessage<?> deadline, DeadlineManager deadlineManager, PaymentReminders policy) {
        if ((status == ISSUED || status == PARTIALLY_PAID) && balance().signum() > 0) {
            apply(new InvoiceOverdueEvent(invoiceId, dueDate, balance()));
            remind(deadline.getTimestamp(), deadlineManager, policy);
        }
    }

    /** Makes the next reminder due, unless the invoice is no longer overdue or the last one is too recent. */
    @DeadlineHandler(deadlineName = REMINDER_DEADLINE)
    void onReminderDue(DeadlineMessage<?> deadline, DeadlineManager deadlineManager, PaymentReminders policy) {
        if (status != OVERDUE || balance().signum() <= 0) {
            return;
        }
        Instant at = deadline.getTimestamp();
        if (lastReminderAt != null && at.isBefore(lastReminderAt.plus(policy.interval()))) {
            return;
        }
        remind(at, deadlineManager, policy);
    }

    private void remind(Instant at, DeadlineManager deadlineManager, PaymentReminders policy) {
        if (policy.enabled()) {
            apply(new PaymentReminderDueEvent(invoiceId, reminders + 1, balance(), issued, at));
        }
        deadlineManager.schedule(at.plus(policy.interval()), REMINDER_DEADLINE);
    }

    /** Records that a due reminder was mailed; the same mail again adds nothing. */
    @CommandHandler
    void handle(RecordPaymentReminderSentCommand command) {
        if (command.reminder() < 1 || command.reminder() > reminders) {
            throw RuleViolationException.unprocessable("reminder", "due-reminder", "invoice " + invoiceId
                    + " has no due reminder " + command.reminder() + "; " + reminders + " were due");
        }
        Rules.email(command.recipient(), "recipient");
        Rules.required(command.channel(), "channel");
        if (command.messageId() != null && emailed.contains(command.messageId())) {
            return;
        }
        apply(new PaymentReminderSentEvent(invoiceId, command.reminder(), command.recipient(), command.channel(),
                command.messageId(), now()));
    }

    /**
     * Records a payment of at most the balance, dated as {@link PaymentRules} allows; the same payment again adds
     * nothing, the same payment id with another amount is a 409.
     */
    @CommandHandler
    void handle(RecordPaymentCommand command, DeadlineManager deadlineManager) {
        Rules.required(command.paymentId(), "paymentId");
        BigDecimal recorded = payments.get(command.paymentId());
        if (recorded != null) {
            if (command.amount() != null && recorded.compareTo(command.amount()) == 0) {
                return;
            }
            throw RuleViolationException.conflict("paymentId", "already-recorded", "payment " + command.paymentId()
                    + " was recorded with amount " + recorded.toPlainString() + "; a recorded payment never changes");
        }
        if (!OPEN.contains(status)) {
            throw refusedTransition("record a payment on");
        }
        BigDecimal amount = checkedAmount(command.amount());
        LocalDate paidOn = PaymentRules.paidOn(command.paidOn(), now(), issuedOn);
        String reference = PaymentRules.reference(command.reference());
        BigDecimal balance = balance();
        if (amount.compareTo(balance) > 0) {
            throw RuleViolationException.unprocessable("amount", "not-more-than-balance", "a payment of "
                    + amount.toPlainString() + " " + currency + " exceeds the balance of " + balance.toPlainString()
                    + " " + currency);
        }
        BigDecimal newBalance = balance.subtract(amount);
        InvoiceStatus next = newBalance.signum() == 0 ? PAID : status == OVERDUE ? OVERDUE : PARTIALLY_PAID;
        apply(new PaymentRecordedEvent(invoiceId, command.paymentId(), amount, paidTotal.add(amount), newBalance, next,
                command.recordedBy(), now(), paidOn, command.method(), reference));
        if (next == PAID) {
            stopDeadlines(deadlineManager);
        }
    }

    /** A PAID or CREDITED invoice is neither overdue nor reminded any more. */
    private static void stopDeadlines(DeadlineManager deadlineManager) {
        deadlineManager.cancelAllWithinScope(OVERDUE_DEADLINE);
        deadlineManager.cancelAllWithinScope(REMINDER_DEADLINE);
    }

    private BigDecimal checkedAmount(BigDecimal amount) {
        Rules.positiveAmount(amount, "amount");
        int minorUnit = InvoiceDocumentRules.minorUnit(currency);
        if (amount.stripTrailingZeros().scale() > minorUnit) {
            throw RuleViolationException.unprocessable("amount", "minor-unit", currency + " amounts have at most "
                    + minorUnit + " decimals, was " + amount.toPlainString());
        }
        return amount.setScale(minorUnit);
    }

    /**
     * Accepts a credit note: of the given lines, or with none of everything not yet credited or requested. The same
     * request again adds nothing; another request under the same id is a 409.
     */
    @CommandHandler
    void handle(RequestCreditNoteCommand command) {
        Rules.required(command.creditNoteId(), "creditNoteId");
        InvoiceCreditNoteState known = creditNotes.get(command.creditNoteId());
        if (known != null) {
            if (known.isSameRequest(command.reason(), command.lines())) {
                return;
            }
            throw RuleViolationException.conflict("creditNoteId", "already-requested", "credit note "
                    + command.creditNoteId() + " was already requested with other lines or another reason");
        }
        if (!ISSUED_STATUSES.contains(status)) {
            throw refusedTransition("request a credit note for");
        }
        InvoiceRequestRules.checkReason(command.reason());
        Map<Integer, BigDecimal> remaining = remaining();
        List<CreditedLine> lines = command.lines() == null || command.lines().isEmpty()
                ? everything(remaining)
                : InvoiceRequestRules.checkCreditedLines(command.lines(), remaining, invoiced);
        if (lines.isEmpty()) {
            throw RuleViolationException.conflict("lines", "nothing-to-credit", "every line of invoice " + number
                    + " is already credited or requested on a credit note");
        }
        apply(new CreditNoteRequestedEvent(invoiceId, command.creditNoteId(), command.reason().strip(), lines,
                command.requestedBy(), now()));
    }

    /**
     * Issues a requested credit note as rendered. The same issue again adds nothing; another document for an issued
     * credit note is a 409.
     */
    @CommandHandler
    void handle(IssueCreditNoteCommand command, DeadlineManager deadlineManager) {
        Rules.required(command.creditNoteId(), "creditNoteId");
        Rules.required(command.document(), "document");
        InvoiceCreditNoteState note = creditNotes.get(command.creditNoteId());
        if (note == null) {
            throw RuleViolationException.unprocessable("creditNoteId", "requested-credit-note", "no credit note "
                    + command.creditNoteId() + " was requested for invoice " + invoiceId);
        }
        if (note.isIssued()) {
            if (note.isSameDocument(command.document().number(), command.pdfSha256())) {
                return;
            }
            throw RuleViolationException.conflict("document", "immutable", "credit note " + note.number()
                    + " is issued; an issued credit note never changes; correct it with another credit note");
        }
        BillingDocument document = command.document();
        InvoiceDocumentRules.checkCreditNote(document, command.pdfSha256(), orderId, number, currency);
        BigDecimal credited = creditedTotal.add(document.totalInclTax());
        BigDecimal balance = totalInclTax.subtract(paidTotal).subtract(credited);
        InvoiceStatus next = status;
        if (coversEverything(note)) {
            next = CREDITED;
        } else if (OPEN.contains(status) && balance.signum() <= 0) {
            next = PAID;
        }
        apply(new CreditNoteIssuedEvent(invoiceId, command.creditNoteId(), document, command.pdfSha256(), credited,
                balance, next));
        if (next == PAID || next == CREDITED) {
            stopDeadlines(deadlineManager);
        }
    }

    /** Records that the invoice or one of its issued credit notes was mailed; the same mail again adds nothing. */
    @CommandHandler
    void handle(RecordDocumentEmailedCommand command) {
        Rules.required(command.documentNumber(), "documentNumber");
        if (!isIssuedDocument(command.documentNumber())) {
            throw RuleViolationException.unprocessable("documentNumber", "issued-document", "invoice " + invoiceId
                    + " has no issued document " + command.documentNumber()
                    + "; only the invoice and its issued credit notes are mailed");
        }
        Rules.email(command.recipient(), "recipient");
        Rules.required(command.channel(), "channel");
        if (command.messageId() != null && emailed.contains(command.messageId())) {
            return;
        }
        apply(new DocumentEmailedEvent(invoiceId, command.documentNumber(), command.recipient(), command.channel(),
                command.messageId(), now()));
    }

    private boolean isIssuedDocument(String documentNumber) {
        return documentNumber.equals(number) || creditNotes.values().stream()
                .anyMatch(note -> note.isIssued() && documentNumber.equals(note.number()));
    }

    private BigDecimal balance() {
        return totalInclTax.subtract(paidTotal).subtract(creditedTotal);
    }

    /** What is left to credit per line: invoiced less what every credit note, pending or issued, takes. */
    private Map<Integer, BigDecimal> remaining() {
        Map<Integer, BigDecimal> remaining = new LinkedHashMap<>();
        invoiced.forEach((position, quantity) -> remaining.put(position, creditNotes.values().stream()
                .map(note -> note.quantityOf(position))
                .reduce(quantity, BigDecimal::subtract)));
        return remaining;
    }

    private static List<CreditedLine> everything(Map<Integer, BigDecimal> remaining) {
        List<CreditedLine> lines = new ArrayList<>();
        remaining.forEach((position, quantity) -> {
            if (quantity.signum() > 0) {
                lines.add(new CreditedLine(position, quantity));
            }
        });
        return List.copyOf(lines);
    }

    /** Whether the issued credit notes and {@code issuing} together credit every invoiced quantity. */
    private boolean coversEverything(InvoiceCreditNoteState issuing) {
        return invoiced.entrySet().stream().allMatch(line -> creditNotes.values().stream()
                .filter(note -> note.isIssued() || note == issuing)
                .map(note -> note.quantityOf(line.getKey()))
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .compareTo(line.getValue()) >= 0);
    }

    private void requireStatus(InvoiceStatus required, String action) {
        if (status != required) {
            throw refusedTransition(action);
        }
    }

    private RuleViolationException refusedTransition(String action) {
        return RuleViolationException.conflict("status", "invalid-transition",
                "cannot " + action + " invoice " + (number == null ? invoiceId : number) + " while it is " + status);
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    @EventSourcingHandler
    void on(InvoiceRequestedEvent event) {
        invoiceId = event.invoiceId();
        orderId = event.orderId();
        customerId = event.customerId();
        status = REQUESTED;
    }

    @EventSourcingHandler
    void on(InvoiceRequestRejectedEvent event) {
        status = REJECTED;
    }

    @EventSourcingHandler
    void on(InvoiceIssuedEvent event) {
        BillingDocument document = event.document();
        issued = document;
        number = document.number();
        pdfSha256 = event.pdfSha256();
        currency = document.currency();
        totalInclTax = document.totalInclTax();
        dueDate = document.dueDate();
        issuedOn = document.issuedAt() == null ? null : LocalDate.ofInstant(document.issuedAt(), ZoneOffset.UTC);
        BigDecimal zero = BigDecimal.ZERO.setScale(InvoiceDocumentRules.minorUnit(currency));
        paidTotal = zero;
        creditedTotal = zero;
        for (InvoiceLineItem line : document.lines()) {
            invoiced.merge(line.position(), line.quantity(), BigDecimal::add);
        }
        status = ISSUED;
    }

    @EventSourcingHandler
    void on(PaymentRecordedEvent event) {
        payments.put(event.paymentId(), event.amount());
        paidTotal = event.paidTotal();
        status = event.status();
    }

    @EventSourcingHandler
    void on(InvoiceOverdueEvent event) {
        status = OVERDUE;
    }

    @EventSourcingHandler
    void on(PaymentReminderDueEvent event) {
        reminders = event.reminder();
        lastReminderAt = event.dueAt();
    }

    @EventSourcingHandler
    void on(PaymentReminderSentEvent event) {
        if (event.messageId() != null) {
            emailed.add(event.messageId());
        }
    }

    @EventSourcingHandler
    void on(CreditNoteRequestedEvent event) {
        creditNotes.put(event.creditNoteId(),
                InvoiceCreditNoteState.requested(event.creditNoteId(), event.reason(), event.lines()));
    }

    @EventSourcingHandler
    void on(CreditNoteIssuedEvent event) {
        creditNotes.computeIfPresent(event.creditNoteId(), (id, note) -> note.issued(event.document().number(),
                event.pdfSha256(), event.document().totalInclTax()));
        creditedTotal = event.creditedTotal();
        status = event.status();
    }

    @EventSourcingHandler
    void on(DocumentEmailedEvent event) {
        if (event.messageId() != null) {
            emailed.add(event.messageId());
        }
    }
}
