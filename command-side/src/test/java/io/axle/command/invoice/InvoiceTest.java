package io.axle.command.invoice;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.axle.api.invoice.BillingDocument;
import io.axle.api.invoice.CreditNoteIssuedEvent;
import io.axle.api.invoice.CreditNoteRequestedEvent;
import io.axle.api.invoice.CreditedLine;
import io.axle.api.invoice.DocumentEmailedEvent;
import io.axle.api.invoice.DocumentKind;
import io.axle.api.invoice.InvoiceIssuedEvent;
import io.axle.api.invoice.InvoiceLineItem;
import io.axle.api.invoice.InvoiceOverdueEvent;
import io.axle.api.invoice.InvoiceRequestRejectedEvent;
import io.axle.api.invoice.InvoiceRequestedEvent;
import io.axle.api.invoice.InvoiceStatus;
import io.axle.api.invoice.Invoices;
import io.axle.api.invoice.IssueCreditNoteCommand;
import io.axle.api.invoice.IssueInvoiceCommand;
import io.axle.api.invoice.Party;
import io.axle.api.invoice.PaymentMethod;
import io.axle.api.invoice.PaymentRecordedEvent;
import io.axle.api.invoice.PaymentReminderDueEvent;
import io.axle.api.invoice.PaymentReminderSentEvent;
import io.axle.api.invoice.RecordDocumentEmailedCommand;
import io.axle.api.invoice.RecordPaymentCommand;
import io.axle.api.invoice.RecordPaymentReminderSentCommand;
import io.axle.api.invoice.RejectInvoiceRequestCommand;
import io.axle.api.invoice.RequestCreditNoteCommand;
import io.axle.api.invoice.RequestInvoiceCommand;
import io.axle.api.invoice.TaxAmount;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.axonframework.test.deadline.StubDeadlineManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.axle.command.RefusalMatchers.refusal;
import static io.axle.command.invoice.Invoice.OVERDUE_DEADLINE;
import static io.axle.command.invoice.Invoice.REMINDER_DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;

class InvoiceTest {

    private static final String ORDER = "o-1";
    private static final String ID = Invoices.idForOrder(ORDER);
    private static final String CUSTOMER = "c-1";
    private static final String NUMBER = "INV-2026-000001";
    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "b".repeat(64);
    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    /** The day of {@link #NOW} in UTC, which is also the day of issue. */
    private static final LocalDate TODAY = LocalDate.parse("2026-03-02");
    private static final LocalDate DUE = LocalDate.parse("2026-04-01");
    /** The start of the day after the due date, UTC. */
    private static final Instant OVERDUE_AT = Instant.parse("2026-04-02T00:00:00Z");

    private static final Party SELLER = new Party("Axle SAS", "1 rue de la Paix", "75002", "Paris", "FR",
            "FR40303265045", "billing@axle.example", "303265045", "FR7630006000011234567890189");
    private static final Party BUYER = new Party("Garage Dupont", "3 place Bellecour", "69002", "Lyon", "FR", null,
            "compta@dupont.fr", null, null);

    /** The invoice: line 1 is 2 × 50.00, line 2 is 1 × 20.00, both at 20 % VAT: 144.00 in all. */
    private static final BillingDocument INVOICE = Documents.invoice().build();

    private static final InvoiceRequestedEvent REQUESTED = new InvoiceRequestedEvent(ID, ORDER, CUSTOMER, null,
            Map.of(), null, "alice", NOW);
    private static final InvoiceIssuedEvent ISSUED = new InvoiceIssuedEvent(ID, ORDER, CUSTOMER, INVOICE, SHA_A);

    private AggregateTestFixture<Invoice> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Invoice.class);
        fixture.registerInjectableResource(PaymentReminders.weekly());
    }

    private TestExecutor<Invoice> givenIssued(Object... moreEvents) {
        return fixture.givenCurrentTime(NOW).andGiven(REQUESTED, ISSUED).andGiven(moreEvents);
    }

    private static BigDecimal eur(String amount) {
        return new BigDecimal(amount);
    }

    private static IssueInvoiceCommand issue() {
        return new IssueInvoiceCommand(ID, INVOICE, SHA_A);
    }

    private static RecordPaymentCommand pay(String paymentId, String amount) {
        return new RecordPaymentCommand(ID, paymentId, eur(amount), "bob");
    }

    private PaymentRecordedEvent paid(String paymentId, String amount, String paidTotal, String balance,
                                      InvoiceStatus status) {
        return new PaymentRecordedEvent(ID, paymentId, eur(amount), eur(paidTotal), eur(balance), status, "bob",
                fixture.currentTime(), TODAY, null, null);
    }

    private static RecordPaymentCommand pay(String paymentId, LocalDate paidOn, PaymentMethod method,
                                            String reference) {
        return new RecordPaymentCommand(ID, paymentId, eur("44.00"), paidOn, method, reference, "bob");
    }

    private static RequestCreditNoteCommand requestCredit(String creditNoteId, CreditedLine... lines) {
        return new RequestCreditNoteCommand(ID, creditNoteId, "damaged on delivery", List.of(lines), "bob");
    }

    private static CreditedLine line(int position, String quantity) {
        return new CreditedLine(position, eur(quantity));
    }

    private static CreditNoteRequestedEvent creditRequested(String creditNoteId, CreditedLine... lines) {
        return new CreditNoteRequestedEvent(ID, creditNoteId, "damaged on delivery", List.of(lines), "bob", NOW);
    }

    /** The whole invoice credited: 144.00. */
    private static final BillingDocument FULL_CREDIT = Documents.creditNote("CN-2026-000001")
            .line(1, "2", "50.00").line(2, "1", "20.00").build();
    /** One unit of line 1 credited: 60.00. */
    private static final BillingDocument ONE_WHEEL = Documents.creditNote("CN-2026-000001").line(1, "1", "50.00")
            .build();

    // requesting

    @Test
    void aRequestCreatesTheInvoice() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("poNumber", "PO-7781");
        fields.put("project", "Atelier Lyon");
        fixture.givenCurrentTime(NOW)
                .when(new RequestInvoiceCommand(ID, ORDER, CUSTOMER, "classic-fr", fields, eur("5"), "alice"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new InvoiceRequestedEvent(ID, ORDER, CUSTOMER, "classic-fr", fields, eur("5"),
                        "alice", NOW));
    }

    @Test
    void aRequestWithoutTemplateFieldsOrDiscountLeavesThemToTheDefaults() {
        fixture.givenCurrentTime(NOW)
                .when(new RequestInvoiceCommand(ID, ORDER, CUSTOMER, " ", null, null, "alice"))
                .expectEvents(REQUESTED);
    }

    @Test
    void theInvoiceIdIsTheOrdersInvoiceId() {
        fixture.givenNoPriorActivity()
                .when(new RequestInvoiceCommand("inv-1", ORDER, CUSTOMER, null, null, null, "alice"))
                .expectException(refusal(422, "invoiceId", "invoice-id-for-order"))
                .expectExceptionMessage("the invoice of order o-1 is " + ID + ", not inv-1")
                .expectNoEvents();
    }

    @Test
    void aRequestNeedsAnOrderAndACustomer() {
        fixture.givenNoPriorActivity()
                .when(new RequestInvoiceCommand(ID, null, CUSTOMER, null, null, null, "alice"))
                .expectException(refusal(422, "orderId", "required"));
        fixture.givenNoPriorActivity()
                .when(new RequestInvoiceCommand(ID, ORDER, " ", null, null, null, "alice"))
                .expectException(refusal(422, "customerId", "required"));
    }

    @Test
    void theGlobalDiscountIsAPercentage() {
        fixture.givenNoPriorActivity()
                .when(new RequestInvoiceCommand(ID, ORDER, CUSTOMER, null, null, eur("100.01"), "alice"))
                .expectException(refusal(422, "globalDiscountPercent", "at-most-100"));
        fixture.givenNoPriorActivity()
                .when(new RequestInvoiceCommand(ID, ORDER, CUSTOMER, null, null, eur("-1"), "alice"))
                .expectException(refusal(422, "globalDiscountPercent", "non-negative"));
        fixture.givenNoPriorActivity()
                .when(new RequestInvoiceCommand(ID, ORDER, CUSTOMER, null, null, eur("12.34567"), "alice"))
                .expectException(refusal(422, "globalDiscountPercent", "percent-digits"));
        fixture.givenCurrentTime(NOW)
                .when(new RequestInvoiceCommand(ID, ORDER, CUSTOMER, null, null, eur("100"), "alice"))
                .expectEvents(new InvoiceRequestedEvent(ID, ORDER, CUSTOMER, null, Map.of(), eur("100"), "alice",
                        NOW));
    }

    @Test
    void twentyCustomFieldsAreAcceptedButNotMore() {
        Map<String, String> twenty = new LinkedHashMap<>();
        IntStream.rangeClosed(1, 20).forEach(i -> twenty.put("field" + i, "value"));
        fixture.givenCurrentTime(NOW)
                .when(new RequestInvoiceCommand(ID, ORDER, CUSTOMER, null, twenty, null, "alice"))
                .expectSuccessfulHandlerExecution();
        Map<String, String> twentyOne = new LinkedHashMap<>(twenty);
        twentyOne.put("field21", "value");
        fixture.givenNoPriorActivity()
                .when(new RequestInvoiceCommand(ID, ORDER, CUSTOMER, null, twentyOne, null, "alice"))
                .expectException(refusal(422, "customFields", "max-entries"))
                .expectNoEvents();
    }

    static Stream<Arguments> badCustomFields() {
        Map<String, String> nullValue = new LinkedHashMap<>();
        nullValue.put("poNumber", null);
        return Stream.of(
                Arguments.of(Map.of(" ", "x"), "customFields", "name-required"),
                Arguments.of(Map.of("n".repeat(65), "x"), "customFields", "name-max-length"),
                Arguments.of(Map.of("poNumber", "v".repeat(501)), "customFields.poNumber", "max-length"),
                Arguments.of(nullValue, "customFields.poNumber", "required"));
    }

    @ParameterizedTest
    @MethodSource("badCustomFields")
    void customFieldsHaveANameAndABoundedValue(Map<String, String> fields, String field, String rule) {
        fixture.givenNoPriorActivity()
                .when(new RequestInvoiceCommand(ID, ORDER, CUSTOMER, null, fields, null, "alice"))
                .expectException(refusal(422, field, rule))
                .expectNoEvents();
    }

    @Test
    void anOrderIsInvoicedOnce() {
        fixture.given(REQUESTED)
                .when(new RequestInvoiceCommand(ID, ORDER, CUSTOMER, null, null, null, "alice"))
                .expectException(refusal(409, "orderId", "already-invoiced"))
                .expectExceptionMessage("order o-1 is already invoiced: invoice " + ID + " (REQUESTED)")
                .expectNoEvents();
    }

    @Test
    void anIssuedInvoiceIsNamedWithItsNumberWhenTheOrderIsRequestedAgain() {
        givenIssued()
                .when(new RequestInvoiceCommand(ID, ORDER, CUSTOMER, null, null, null, "alice"))
                .expectException(refusal(409, "orderId", "already-invoiced"))
                .expectExceptionMessage("order o-1 is already invoiced: invoice " + ID + " (" + NUMBER + ", ISSUED)");
    }

    @Test
    void aRejectedRequestMayBeMadeAgain() {
        fixture.givenCurrentTime(NOW)
                .andGiven(REQUESTED, new InvoiceRequestRejectedEvent(ID, ORDER, "templateId", "known-template",
                        "no template nope"))
                .when(new RequestInvoiceCommand(ID, ORDER, CUSTOMER, "classic-fr", null, null, "alice"))
                .expectEvents(new InvoiceRequestedEvent(ID, ORDER, CUSTOMER, "classic-fr", Map.of(), null, "alice",
                        NOW));
    }

    // rejecting a request

    @Test
    void aRequestThatCannotBeIssuedIsRejected() {
        fixture.given(REQUESTED)
                .when(new RejectInvoiceRequestCommand(ID, "customerId", "known-customer", " customer c-1 unknown "))
                .expectEvents(new InvoiceRequestRejectedEvent(ID, ORDER, "customerId", "known-customer",
                        "customer c-1 unknown"));
    }

    @Test
    void rejectingAgainAddsNothing() {
        fixture.given(REQUESTED, new InvoiceRequestRejectedEvent(ID, ORDER, null, null, "unknown customer"))
                .when(new RejectInvoiceRequestCommand(ID, null, null, "unknown customer"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anIssuedInvoiceCannotBeRejected() {
        givenIssued()
                .when(new RejectInvoiceRequestCommand(ID, null, null, "too late"))
                .expectException(refusal(409, "status", "invalid-transition"))
                .expectExceptionMessage("cannot reject the request of invoice " + NUMBER + " while it is ISSUED");
    }

    @Test
    void aRejectionSaysWhy() {
        fixture.given(REQUESTED)
                .when(new RejectInvoiceRequestCommand(ID, "x", "y", " "))
                .expectException(refusal(422, "reason", "required"));
    }

    // issuing

    @Test
    void issuingARequestedInvoiceFixesItAndSchedulesTheOverdueDeadline() {
        fixture.givenCurrentTime(NOW)
                .andGiven(REQUESTED)
                .when(issue())
                .expectEvents(ISSUED)
                .expectScheduledDeadlineWithName(OVERDUE_AT, OVERDUE_DEADLINE);
    }

    @Test
    void theOverdueInstantIsTheStartOfTheDayAfterTheDueDateInUtc() {
        assertThat(Invoice.overdueAt(LocalDate.parse("2026-12-31"))).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(Invoice.overdueAt(DUE)).isEqualTo(OVERDUE_AT);
    }

    @Test
    void issuingTheSameInvoiceAgainAddsNothing() {
        givenIssued()
                .when(issue())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    void anIssuedInvoiceNeverChanges() {
        givenIssued()
                .when(new IssueInvoiceCommand(ID, INVOICE, SHA_B))
                .expectException(refusal(409, "document", "immutable"))
                .expectExceptionMessage("invoice " + NUMBER + " is issued; an issued invoice never changes; "
                        + "correct it with a credit note")
                .expectNoEvents();
        givenIssued()
                .when(new IssueInvoiceCommand(ID, Documents.invoice().number("INV-2026-000002").build(), SHA_A))
                .expectException(refusal(409, "document", "immutable"));
    }

    @Test
    void aRejectedRequestCannotBeIssued() {
        fixture.given(REQUESTED, new InvoiceRequestRejectedEvent(ID, ORDER, null, null, "unknown customer"))
                .when(issue())
                .expectException(refusal(409, "status", "invalid-transition"))
                .expectNoEvents();
    }

    @Test
    void anInvoiceOwingNothingHasNoOverdueDeadline() {
        BillingDocument free = Documents.invoice().freeOfCharge().build();
        fixture.given(REQUESTED)
                .when(new IssueInvoiceCommand(ID, free, SHA_A))
                .expectEvents(new InvoiceIssuedEvent(ID, ORDER, CUSTOMER, free, SHA_A))
                .expectNoScheduledDeadlines();
    }

    static Stream<Arguments> badInvoices() {
        return Stream.of(
                Arguments.of(Documents.invoice().kind(DocumentKind.CREDIT_NOTE), SHA_A, "document.kind",
                        "document-kind"),
                Arguments.of(Documents.invoice().number(" "), SHA_A, "document.number", "required"),
                Arguments.of(Documents.invoice().company(null), SHA_A, "document.company", "required"),
                Arguments.of(Documents.invoice().orderId("o-2"), SHA_A, "document.orderId", "same-order"),
                Arguments.of(Documents.invoice().buyer(null), SHA_A, "document.buyer", "required"),
                Arguments.of(Documents.invoice().seller(null), SHA_A, "document.seller", "required"),
                Arguments.of(Documents.invoice().currency("EURO"), SHA_A, "document.currency", "iso-4217"),
                Arguments.of(Documents.invoice().currency("XAU"), SHA_A, "document.currency", "minor-unit"),
                Arguments.of(Documents.invoice().accountingCurrency(null), SHA_A, "document.accountingCurrency",
                        "required"),
                Arguments.of(Documents.invoice().exchangeRate("0"), SHA_A, "document.exchangeRate", "positive"),
                Arguments.of(Documents.invoice().issuedAt(null), SHA_A, "document.issuedAt", "required"),
                Arguments.of(Documents.invoice().dueDate(null), SHA_A, "document.dueDate", "required"),
                Arguments.of(Documents.invoice().noLines(), SHA_A, "document.lines", "not-empty"),
                Arguments.of(Documents.invoice().line(1, "1", "1.00"), SHA_A, "document.lines[2].position",
                        "unique-position"),
                Arguments.of(Documents.invoice().line(3, "0", "1.00"), SHA_A, "document.lines[2].quantity",
                        "positive"),
                Arguments.of(Documents.invoice().totalInclTax("144.01"), SHA_A, "document.totalInclTax", "sum"),
                Arguments.of(Documents.invoice().totals("120.001", "24.00", "144.001"), SHA_A,
                        "document.totalInclTax", "minor-unit"),
                Arguments.of(Documents.invoice().totals("-1.00", "0.00", "-1.00"), SHA_A, "document.totalExclTax",
                        "non-negative"),
                Arguments.of(Documents.invoice(), null, "pdfSha256", "required"),
                Arguments.of(Documents.invoice(), "A".repeat(64), "pdfSha256", "sha-256"),
                Arguments.of(Documents.invoice(), "a".repeat(63), "pdfSha256", "sha-256"));
    }

    @ParameterizedTest
    @MethodSource("badInvoices")
    void anInvoiceIsIssuedOnlyAsAWholeConsistentDocument(Documents document, String sha, String field,
                                                          String rule) {
        fixture.given(REQUESTED)
                .when(new IssueInvoiceCommand(ID, document.build(), sha))
                .expectException(refusal(422, field, rule))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    void anIssueNeedsADocument() {
        fixture.given(REQUESTED)
                .when(new IssueInvoiceCommand(ID, null, SHA_A))
                .expectException(refusal(422, "document", "required"));
    }

    // overdue

    @Test
    void anInvoiceUnpaidAfterItsDueDateBecomesOverdue() {
        fixture.givenCurrentTime(NOW)
                .andGiven(REQUESTED)
                .andGivenCommands(issue())
                .whenTimeAdvancesTo(OVERDUE_AT)
                .expectTriggeredDeadlinesWithName(OVERDUE_DEADLINE)
                .expectEvents(new InvoiceOverdueEvent(ID, DUE, eur("144.00")), reminderDue(1, "144.00", OVERDUE_AT));
    }

    @Test
    void anInvoiceIsNotOverdueOnItsDueDate() {
        fixture.givenCurrentTime(NOW)
                .andGiven(REQUESTED)
                .andGivenCommands(issue())
                .whenTimeAdvancesTo(OVERDUE_AT.minusSeconds(1))
                .expectTriggeredDeadlines()
                .expectNoEvents();
    }

    @Test
    void aPartlyPaidInvoiceBecomesOverdueWithWhatIsLeft() {
        fixture.givenCurrentTime(NOW)
                .andGiven(REQUESTED)
                .andGivenCommands(issue(), pay("p-1", "44.00"))
                .whenTimeAdvancesTo(OVERDUE_AT)
                .expectEvents(new InvoiceOverdueEvent(ID, DUE, eur("100.00")), reminderDue(1, "100.00", OVERDUE_AT));
    }

    @Test
    void payingInFullCancelsTheOverdueDeadline() {
        fixture.givenCurrentTime(NOW)
                .andGiven(REQUESTED)
                .andGivenCommands(issue())
                .when(pay("p-1", "144.00"))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aPaidInvoiceNeverBecomesOverdue() {
        fixture.givenCurrentTime(NOW)
                .andGiven(REQUESTED)
                .andGivenCommands(issue(), pay("p-1", "100.00"), pay("p-2", "44.00"))
                .whenTimeAdvancesTo(OVERDUE_AT.plusSeconds(86_400))
                .expectTriggeredDeadlines()
                .expectNoEvents();
    }

    @Test
    void creditingEverythingCancelsTheOverdueDeadline() {
        fixture.givenCurrentTime(NOW)
                .andGiven(REQUESTED)
                .andGivenCommands(issue(), requestCredit("cn-1"))
                .when(new IssueCreditNoteCommand(ID, "cn-1", FULL_CREDIT, SHA_B))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aCreditedInvoiceNeverBecomesOverdue() {
        fixture.givenCurrentTime(NOW)
                .andGiven(REQUESTED)
                .andGivenCommands(issue(), requestCredit("cn-1"), new IssueCreditNoteCommand(ID, "cn-1", FULL_CREDIT,
                        SHA_B))
                .whenTimeAdvancesTo(OVERDUE_AT)
                .expectTriggeredDeadlines()
                .expectNoEvents();
    }

    @Test
    void aPartialCreditNoteKeepsTheOverdueDeadline() {
        fixture.givenCurrentTime(NOW)
                .andGiven(REQUESTED)
                .andGivenCommands(issue(), requestCredit("cn-1", line(1, "1")),
                        new IssueCreditNoteCommand(ID, "cn-1", ONE_WHEEL, SHA_B))
                .whenTimeAdvancesTo(OVERDUE_AT)
                .expectEvents(new InvoiceOverdueEvent(ID, DUE, eur("84.00")), reminderDue(1, "84.00", OVERDUE_AT));
    }

    @Test
    void theDeadlineLeavesAnInvoiceThatIsNotOpenAlone() {
        Consumer<Invoice> deadline = invoice -> invoice.onOverdue(
                GenericDeadlineMessage.asDeadlineMessage(OVERDUE_DEADLINE, null, OVERDUE_AT), new StubDeadlineManager(),
                PaymentReminders.weekly());
        givenIssued(paid("p-1", "144.00", "144.00", "0.00", InvoiceStatus.PAID))
                .whenInvoking(ID, deadline)
                .expectNoEvents();
        givenIssued(new InvoiceOverdueEvent(ID, DUE, eur("144.00")))
                .whenInvoking(ID, deadline)
                .expectNoEvents();
        givenIssued(creditRequested("cn-1", line(1, "2"), line(2, "1")),
                new CreditNoteIssuedEvent(ID, "cn-1", FULL_CREDIT, SHA_B, eur("144.00"), eur("0.00"),
                        InvoiceStatus.CREDITED))
                .whenInvoking(ID, deadline)
                .expectNoEvents();
    }

    private static PaymentReminderDueEvent reminderDue(int reminder, String balance, Instant at) {
        return new PaymentReminderDueEvent(ID, reminder, eur(balance), INVOICE, at);
    }

    @Nested
    class Reminders {

        private static final Duration WEEK = Duration.ofDays(7);
        private final InvoiceOverdueEvent overdue = new InvoiceOverdueEvent(ID, DUE, eur("144.00"));

        private TestExecutor<Invoice> givenOverdueAndRemindedOnce(Object... moreEvents) {
            return givenIssued(overdue, reminderDue(1, "144.00", OVERDUE_AT)).andGiven(moreEvents);
        }

        /** The reminder deadline, due at {@code at}. */
        private Consumer<Invoice> reminderDeadline(PaymentReminders policy, Instant at) {
            return invoice -> invoice.onReminderDue(GenericDeadlineMessage.asDeadlineMessage(REMINDER_DEADLINE, null, at),
                    new StubDeadlineManager(), policy);
        }

        @Test
        void theDayAnInvoiceBecomesOverdueTheNextReminderIsScheduledAnIntervalLater() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(REQUESTED)
                    .andGivenCommands(issue())
                    .whenTimeAdvancesTo(OVERDUE_AT)
                    .expectScheduledDeadlineWithName(OVERDUE_AT.plus(WEEK), REMINDER_DEADLINE);
        }

        @Test
        void anInvoiceStillOverdueAnIntervalLaterIsRemindedAgain() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(REQUESTED)
                    .andGivenCommands(issue())
                    .whenTimeAdvancesTo(OVERDUE_AT.plus(WEEK))
                    .expectEvents(overdue, reminderDue(1, "144.00", OVERDUE_AT),
                            reminderDue(2, "144.00", OVERDUE_AT.plus(WEEK)))
                    .expectScheduledDeadlineWithName(OVERDUE_AT.plus(WEEK).plus(WEEK), REMINDER_DEADLINE);
        }

        @Test
        void noReminderBeforeTheIntervalHasPassed() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(REQUESTED)
                    .andGivenCommands(issue())
                    .whenTimeAdvancesTo(OVERDUE_AT.plus(WEEK).minusSeconds(1))
                    .expectEvents(overdue, reminderDue(1, "144.00", OVERDUE_AT));
        }

        @Test
        void aReminderDeadlineFiringEarlyRemindsNobody() {
            givenOverdueAndRemindedOnce()
                    .whenInvoking(ID, reminderDeadline(PaymentReminders.weekly(), OVERDUE_AT.plus(Duration.ofDays(2))))
                    .expectNoEvents();
        }

        @Test
        void aPartPaymentKeepsRemindingOfWhatIsLeft() {
            givenOverdueAndRemindedOnce(paid("p-1", "44.00", "44.00", "100.00", InvoiceStatus.OVERDUE))
                    .whenInvoking(ID, reminderDeadline(PaymentReminders.weekly(), OVERDUE_AT.plus(WEEK)))
                    .expectEvents(reminderDue(2, "100.00", OVERDUE_AT.plus(WEEK)));
        }

        @Test
        void aPaidInvoiceIsNotReminded() {
            givenOverdueAndRemindedOnce(paid("p-1", "144.00", "144.00", "0.00", InvoiceStatus.PAID))
                    .whenInvoking(ID, reminderDeadline(PaymentReminders.weekly(), OVERDUE_AT.plus(WEEK)))
                    .expectNoEvents();
        }

        @Test
        void aCreditedInvoiceIsNotReminded() {
            givenOverdueAndRemindedOnce(creditRequested("cn-1", line(1, "2"), line(2, "1")),
                    new CreditNoteIssuedEvent(ID, "cn-1", FULL_CREDIT, SHA_B, eur("144.00"), eur("0.00"),
                            InvoiceStatus.CREDITED))
                    .whenInvoking(ID, reminderDeadline(PaymentReminders.weekly(), OVERDUE_AT.plus(WEEK)))
                    .expectNoEvents();
        }

        @Test
        void withRemindersOffNoneIsDue() {
            PaymentReminders off = new PaymentReminders(false, WEEK);
            givenIssued()
                    .whenInvoking(ID, invoice -> invoice.onOverdue(
                            GenericDeadlineMessage.asDeadlineMessage(OVERDUE_DEADLINE, null, OVERDUE_AT),
                            new StubDeadlineManager(), off))
                    .expectEvents(overdue);
            givenOverdueAndRemindedOnce()
                    .whenInvoking(ID, reminderDeadline(off, OVERDUE_AT.plus(WEEK)))
                    .expectNoEvents();
        }

        @Test
        void aSentReminderIsRecordedOnce() {
            RecordPaymentReminderSentCommand sent = new RecordPaymentReminderSentCommand(ID, 1, "compta@dupont.fr",
                    "outbox", "<reminder-1.INV@axle.example>");
            PaymentReminderSentEvent recorded = new PaymentReminderSentEvent(ID, 1, "compta@dupont.fr", "outbox",
                    "<reminder-1.INV@axle.example>", NOW);
            givenOverdueAndRemindedOnce()
                    .when(sent)
                    .expectEvents(recorded);
            givenOverdueAndRemindedOnce(recorded)
                    .when(sent)
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void onlyADueReminderIsRecordedAsSent() {
            givenOverdueAndRemindedOnce()
                    .when(new RecordPaymentReminderSentCommand(ID, 2, "compta@dupont.fr", "outbox", "<r@x.example>"))
                    .expectException(refusal(422, "reminder", "due-reminder"))
                    .expectNoEvents();
        }
    }

    // payments

    @Test
    void aPartPaymentLeavesTheRestOwed() {
        givenIssued()
                .when(pay("p-1", "44.00"))
                .expectEvents(paid("p-1", "44.00", "44.00", "100.00", InvoiceStatus.PARTIALLY_PAID));
    }

    @Test
    void paymentsCoveringTheBalancePayTheInvoice() {
        givenIssued(paid("p-1", "44.00", "44.00", "100.00", InvoiceStatus.PARTIALLY_PAID))
                .when(pay("p-2", "100"))
                .expectEvents(paid("p-2", "100.00", "144.00", "0.00", InvoiceStatus.PAID));
    }

    @Test
    void aFullPaymentPaysTheInvoice() {
        givenIssued()
                .when(pay("p-1", "144.00"))
                .expectEvents(paid("p-1", "144.00", "144.00", "0.00", InvoiceStatus.PAID));
    }

    @Test
    void aPaymentCannotExceedTheBalance() {
        givenIssued(paid("p-1", "44.00", "44.00", "100.00", InvoiceStatus.PARTIALLY_PAID))
                .when(pay("p-2", "100.01"))
                .expectException(refusal(422, "amount", "not-more-than-balance"))
                .expectExceptionMessage("a payment of 100.01 EUR exceeds the balance of 100.00 EUR")
                .expectNoEvents();
    }

    @Test
    void thePaymentsOfACreditedPartAreNotOwed() {
        givenIssued(creditRequested("cn-1", line(1, "1")),
                new CreditNoteIssuedEvent(ID, "cn-1", ONE_WHEEL, SHA_B, eur("60.00"), eur("84.00"),
                        InvoiceStatus.ISSUED))
                .when(pay("p-1", "84.01"))
                .expectException(refusal(422, "amount", "not-more-than-balance"));
    }

    @Test
    void recordingAPaymentAgainAddsNothing() {
        givenIssued(paid("p-1", "144.00", "144.00", "0.00", InvoiceStatus.PAID))
                .when(pay("p-1", "144"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aRecordedPaymentNeverChanges() {
        givenIssued(paid("p-1", "44.00", "44.00", "100.00", InvoiceStatus.PARTIALLY_PAID))
                .when(pay("p-1", "45.00"))
                .expectException(refusal(409, "paymentId", "already-recorded"))
                .expectNoEvents();
    }

    @Test
    void aPartPaymentOfAnOverdueInvoiceKeepsItOverdue() {
        givenIssued(new InvoiceOverdueEvent(ID, DUE, eur("144.00")))
                .when(pay("p-1", "44.00"))
                .expectEvents(paid("p-1", "44.00", "44.00", "100.00", InvoiceStatus.OVERDUE));
    }

    @Test
    void payingAnOverdueInvoiceInFullPaysIt() {
        givenIssued(new InvoiceOverdueEvent(ID, DUE, eur("144.00")))
                .when(pay("p-1", "144.00"))
                .expectEvents(paid("p-1", "144.00", "144.00", "0.00", InvoiceStatus.PAID));
    }

    @Test
    void onlyAnOpenInvoiceTakesPayments() {
        fixture.given(REQUESTED)
                .when(pay("p-1", "10.00"))
                .expectException(refusal(409, "status", "invalid-transition"))
                .expectExceptionMessage("cannot record a payment on invoice " + ID + " while it is REQUESTED");
        givenIssued(paid("p-1", "144.00", "144.00", "0.00", InvoiceStatus.PAID))
                .when(pay("p-2", "1.00"))
                .expectException(refusal(409, "status", "invalid-transition"))
                .expectExceptionMessage("cannot record a payment on invoice " + NUMBER + " while it is PAID");
        givenIssued(creditRequested("cn-1", line(1, "2"), line(2, "1")),
                new CreditNoteIssuedEvent(ID, "cn-1", FULL_CREDIT, SHA_B, eur("144.00"), eur("0.00"),
                        InvoiceStatus.CREDITED))
                .when(pay("p-1", "1.00"))
                .expectException(refusal(409, "status", "invalid-transition"));
    }

    static Stream<Arguments> badAmounts() {
        return Stream.of(
                Arguments.of(null, "amount", "required"),
                Arguments.of("0", "amount", "positive"),
                Arguments.of("-5.00", "amount", "positive"),
                Arguments.of("10.001", "amount", "minor-unit"),
                Arguments.of("1.12345", "amount", "amount-digits"),
                Arguments.of("1234567890123.5", "amount", "amount-digits"),
                Arguments.of("1E+1000000", "amount", "amount-digits"));
    }

    @ParameterizedTest
    @MethodSource("badAmounts")
    void aPaymentIsAPositiveAmountInTheCurrencysMinorUnit(String amount, String field, String rule) {
        givenIssued()
                .when(new RecordPaymentCommand(ID, "p-1", amount == null ? null : eur(amount), "bob"))
                .expectException(refusal(422, field, rule))
                .expectNoEvents();
    }

    @Test
    void aPaymentHasAnId() {
        givenIssued()
                .when(new RecordPaymentCommand(ID, " ", eur("1.00"), "bob"))
                .expectException(refusal(422, "paymentId", "required"));
    }

    @Nested
    class PaymentDetails {

        private PaymentRecordedEvent recorded(LocalDate paidOn, PaymentMethod method, String reference) {
            return new PaymentRecordedEvent(ID, "p-1", eur("44.00"), eur("44.00"), eur("100.00"),
                    InvoiceStatus.PARTIALLY_PAID, "bob", NOW, paidOn, method, reference);
        }

        @Test
        void aPaymentKeepsItsDateMethodAndReference() {
            givenIssued()
                    .when(pay("p-1", TODAY, PaymentMethod.CHEQUE, " CHQ 0042 "))
                    .expectEvents(recorded(TODAY, PaymentMethod.CHEQUE, "CHQ 0042"));
        }

        @Test
        void aPaymentWithoutADateIsDatedTodayInUtc() {
            fixture.givenCurrentTime(Instant.parse("2026-03-05T23:30:00Z")).andGiven(REQUESTED, ISSUED)
                    .when(pay("p-1", null, null, " "))
                    .expectEvents(new PaymentRecordedEvent(ID, "p-1", eur("44.00"), eur("44.00"), eur("100.00"),
                            InvoiceStatus.PARTIALLY_PAID, "bob", Instant.parse("2026-03-05T23:30:00Z"),
                            LocalDate.parse("2026-03-05"), null, null));
        }

        @Test
        void aPaymentMayBeDatedTheNextDayOnceItHasBegunSomewhere() {
            Instant kiribatiMidnight = Instant.parse("2026-03-02T10:00:00Z");
            fixture.givenCurrentTime(kiribatiMidnight).andGiven(REQUESTED, ISSUED)
                    .when(pay("p-1", TODAY.plusDays(1), PaymentMethod.CARD, null))
                    .expectEvents(new PaymentRecordedEvent(ID, "p-1", eur("44.00"), eur("44.00"), eur("100.00"),
                            InvoiceStatus.PARTIALLY_PAID, "bob", kiribatiMidnight, TODAY.plusDays(1),
                            PaymentMethod.CARD, null));
        }

        @Test
        void aPaymentCannotBeDatedADayNotYetBegunAnywhere() {
            givenIssued()
                    .when(pay("p-1", TODAY.plusDays(1), PaymentMethod.CARD, null))
                    .expectException(refusal(422, "paidOn", "not-in-future"))
                    .expectNoEvents();
        }

        @Test
        void aPaymentCannotBeDatedBeforeTheInvoiceWasIssued() {
            givenIssued()
                    .when(pay("p-1", TODAY.minusDays(1), PaymentMethod.CASH, null))
                    .expectException(refusal(422, "paidOn", "not-before-issue"))
                    .expectExceptionMessage("paidOn 2026-03-01 is before the invoice was issued, on 2026-03-02")
                    .expectNoEvents();
        }

        @Test
        void aPaymentDatedLaterThanIssueIsAccepted() {
            fixture.givenCurrentTime(NOW.plus(Duration.ofDays(10))).andGiven(REQUESTED, ISSUED)
                    .when(pay("p-1", TODAY.plusDays(3), PaymentMethod.DIRECT_DEBIT, "SEPA-77"))
                    .expectEvents(new PaymentRecordedEvent(ID, "p-1", eur("44.00"), eur("44.00"), eur("100.00"),
                            InvoiceStatus.PARTIALLY_PAID, "bob", NOW.plus(Duration.ofDays(10)), TODAY.plusDays(3),
                            PaymentMethod.DIRECT_DEBIT, "SEPA-77"));
        }

        @Test
        void aPaymentReferenceIsBounded() {
            givenIssued()
                    .when(pay("p-1", TODAY, PaymentMethod.OTHER, "r".repeat(PaymentRules.MAX_REFERENCE + 1)))
                    .expectException(refusal(422, "reference", "max-length"))
                    .expectNoEvents();
        }

        @Test
        void aPaymentReferenceHoldsNoControlCharacter() {
            givenIssued()
                    .when(pay("p-1", TODAY, PaymentMethod.OTHER, "line\nbreak"))
                    .expectException(refusal(422, "reference", "no-control-characters"))
                    .expectNoEvents();
        }

        @Test
        void aPaymentRecordedBeforeDatesWereKeptStillCountsForItsId() {
            givenIssued(new PaymentRecordedEvent(ID, "p-1", eur("44.00"), eur("44.00"), eur("100.00"),
                    InvoiceStatus.PARTIALLY_PAID, "bob", NOW))
                    .when(pay("p-1", TODAY, PaymentMethod.CARD, null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    // requesting credit notes

    @Test
    void aCreditNoteWithoutLinesCreditsEverything() {
        givenIssued()
                .when(new RequestCreditNoteCommand(ID, "cn-1", " order returned ", null, "bob"))
                .expectEvents(new CreditNoteRequestedEvent(ID, "cn-1", "order returned",
                        List.of(line(1, "2"), line(2, "1")), "bob", NOW));
    }

    @Test
    void aCreditNoteMayCreditPartOfALine() {
        givenIssued()
                .when(requestCredit("cn-1", line(1, "1")))
                .expectEvents(creditRequested("cn-1", line(1, "1")));
    }

    @Test
    void aCreditNoteWithoutLinesCreditsWhatOthersLeft() {
        givenIssued(creditRequested("cn-1", line(1, "1")))
                .when(new RequestCreditNoteCommand(ID, "cn-2", "damaged on delivery", List.of(), "bob"))
                .expectEvents(creditRequested("cn-2", line(1, "1"), line(2, "1")));
    }

    @Test
    void aCreditNoteCannotCreditMoreThanWasInvoiced() {
        givenIssued()
                .when(requestCredit("cn-1", line(2, "1"), line(1, "3")))
                .expectException(refusal(422, "lines[1].quantity", "not-more-than-invoiced"))
                .expectExceptionMessage("line 1: 3 to credit, but only 2 of 2 invoiced is not yet credited or "
                        + "requested on a credit note")
                .expectNoEvents();
    }

    @Test
    void quantitiesRequestedOnAPendingCreditNoteAreTaken() {
        givenIssued(creditRequested("cn-1", line(1, "1")))
                .when(requestCredit("cn-2", line(1, "2")))
                .expectException(refusal(422, "lines[0].quantity", "not-more-than-invoiced"))
                .expectNoEvents();
    }

    @Test
    void nothingLeftToCreditIsRefused() {
        givenIssued(creditRequested("cn-1", line(1, "2"), line(2, "1")))
                .when(new RequestCreditNoteCommand(ID, "cn-2", "again", null, "bob"))
                .expectException(refusal(409, "lines", "nothing-to-credit"))
                .expectExceptionMessage("every line of invoice " + NUMBER
                        + " is already credited or requested on a credit note")
                .expectNoEvents();
    }

    static Stream<Arguments> badCreditedLines() {
        return Stream.of(
                Arguments.of(List.of(line(3, "1")), "lines[0].position", "invoice-line"),
                Arguments.of(List.of(line(1, "1"), line(1, "1")), "lines[1].position", "unique-position"),
                Arguments.of(List.of(line(1, "0")), "lines[0].quantity", "positive"),
                Arguments.of(List.of(line(2, "-1")), "lines[0].quantity", "positive"),
                Arguments.of(List.of(new CreditedLine(1, null)), "lines[0].quantity", "required"),
                Arguments.of(List.of(line(1, "1.5")), "lines[0].quantity", "whole-number"),
                Arguments.of(List.of(line(1, "1000001")), "lines[0].quantity", "max-quantity"),
                Arguments.of(List.of(line(1, "1E+1000000")), "lines[0].quantity", "max-quantity"));
    }

    @ParameterizedTest
    @MethodSource("badCreditedLines")
    void eachCreditedLineIsAPositiveQuantityOfAnInvoiceLine(List<CreditedLine> lines, String field, String rule) {
        givenIssued()
                .when(new RequestCreditNoteCommand(ID, "cn-1", "damaged on delivery", lines, "bob"))
                .expectException(refusal(422, field, rule))
                .expectNoEvents();
    }

    @Test
    void requestingTheSameCreditNoteAgainAddsNothing() {
        givenIssued(creditRequested("cn-1", line(1, "1")))
                .when(requestCredit("cn-1", line(1, "1.0")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        givenIssued(creditRequested("cn-1", line(1, "2"), line(2, "1")))
                .when(new RequestCreditNoteCommand(ID, "cn-1", "damaged on delivery", null, "bob"))
                .expectNoEvents();
    }

    @Test
    void aCreditNoteIdIsNotReusedForAnotherRequest() {
        givenIssued(creditRequested("cn-1", line(1, "1")))
                .when(requestCredit("cn-1", line(2, "1")))
                .expectException(refusal(409, "creditNoteId", "already-requested"))
                .expectNoEvents();
        givenIssued(creditRequested("cn-1", line(1, "1")))
                .when(new RequestCreditNoteCommand(ID, "cn-1", "another reason", List.of(line(1, "1")), "bob"))
                .expectException(refusal(409, "creditNoteId", "already-requested"));
    }

    @Test
    void onlyAnIssuedInvoiceIsCredited() {
        fixture.given(REQUESTED)
                .when(requestCredit("cn-1"))
                .expectException(refusal(409, "status", "invalid-transition"));
        fixture.given(REQUESTED, new InvoiceRequestRejectedEvent(ID, ORDER, null, null, "unknown customer"))
                .when(requestCredit("cn-1"))
                .expectException(refusal(409, "status", "invalid-transition"));
    }

    @Test
    void aPaidInvoiceMayBeCredited() {
        givenIssued(paid("p-1", "144.00", "144.00", "0.00", InvoiceStatus.PAID))
                .when(requestCredit("cn-1", line(2, "1")))
                .expectEvents(creditRequested("cn-1", line(2, "1")));
    }

    @Test
    void aCreditNoteHasAnIdAndAReason() {
        givenIssued()
                .when(new RequestCreditNoteCommand(ID, null, "damaged", null, "bob"))
                .expectException(refusal(422, "creditNoteId", "required"));
        givenIssued()
                .when(new RequestCreditNoteCommand(ID, "cn-1", " ", null, "bob"))
                .expectException(refusal(422, "reason", "required"));
        givenIssued()
                .when(new RequestCreditNoteCommand(ID, "cn-1", "r".repeat(501), null, "bob"))
                .expectException(refusal(422, "reason", "max-length"));
    }

    // issuing credit notes

    @Test
    void aCreditNoteOfEverythingCreditsTheInvoice() {
        givenIssued(creditRequested("cn-1", line(1, "2"), line(2, "1")))
                .when(new IssueCreditNoteCommand(ID, "cn-1", FULL_CREDIT, SHA_B))
                .expectEvents(new CreditNoteIssuedEvent(ID, "cn-1", FULL_CREDIT, SHA_B, eur("144.00"), eur("0.00"),
                        InvoiceStatus.CREDITED));
    }

    @Test
    void aPartialCreditNoteLowersTheBalanceAndKeepsTheStatus() {
        givenIssued(creditRequested("cn-1", line(1, "1")))
                .when(new IssueCreditNoteCommand(ID, "cn-1", ONE_WHEEL, SHA_B))
                .expectEvents(new CreditNoteIssuedEvent(ID, "cn-1", ONE_WHEEL, SHA_B, eur("60.00"), eur("84.00"),
                        InvoiceStatus.ISSUED));
        givenIssued(new InvoiceOverdueEvent(ID, DUE, eur("144.00")), creditRequested("cn-1", line(1, "1")))
                .when(new IssueCreditNoteCommand(ID, "cn-1", ONE_WHEEL, SHA_B))
                .expectEvents(new CreditNoteIssuedEvent(ID, "cn-1", ONE_WHEEL, SHA_B, eur("60.00"), eur("84.00"),
                        InvoiceStatus.OVERDUE));
    }

    @Test
    void creditNotesCoveringEveryLineTogetherCreditTheInvoice() {
        BillingDocument rest = Documents.creditNote("CN-2026-000002").line(1, "1", "50.00").line(2, "1", "20.00")
                .build();
        givenIssued(creditRequested("cn-1", line(1, "1")),
                new CreditNoteIssuedEvent(ID, "cn-1", ONE_WHEEL, SHA_B, eur("60.00"), eur("84.00"),
                        InvoiceStatus.ISSUED),
                creditRequested("cn-2", line(1, "1"), line(2, "1")))
                .when(new IssueCreditNoteCommand(ID, "cn-2", rest, SHA_A))
                .expectEvents(new CreditNoteIssuedEvent(ID, "cn-2", rest, SHA_A, eur("144.00"), eur("0.00"),
                        InvoiceStatus.CREDITED));
    }

    @Test
    void aPendingCreditNoteDoesNotCountAsCredited() {
        givenIssued(creditRequested("cn-1", line(1, "1")), creditRequested("cn-2", line(1, "1"), line(2, "1")))
                .when(new IssueCreditNoteCommand(ID, "cn-1", ONE_WHEEL, SHA_B))
                .expectEvents(new CreditNoteIssuedEvent(ID, "cn-1", ONE_WHEEL, SHA_B, eur("60.00"), eur("84.00"),
                        InvoiceStatus.ISSUED));
    }

    @Test
    void aPartialCreditNoteOfAPaidInvoiceLeavesARefundOwed() {
        givenIssued(paid("p-1", "144.00", "144.00", "0.00", InvoiceStatus.PAID),
                creditRequested("cn-1", line(1, "1")))
                .when(new IssueCreditNoteCommand(ID, "cn-1", ONE_WHEEL, SHA_B))
                .expectEvents(new CreditNoteIssuedEvent(ID, "cn-1", ONE_WHEEL, SHA_B, eur("60.00"), eur("-60.00"),
                        InvoiceStatus.PAID));
    }

    @Test
    void aPaidInvoiceCreditedInFullOwesTheRefund() {
        givenIssued(paid("p-1", "144.00", "144.00", "0.00", InvoiceStatus.PAID),
                creditRequested("cn-1", line(1, "2"), line(2, "1")))
                .when(new IssueCreditNoteCommand(ID, "cn-1", FULL_CREDIT, SHA_B))
                .expectEvents(new CreditNoteIssuedEvent(ID, "cn-1", FULL_CREDIT, SHA_B, eur("144.00"),
                        eur("-144.00"), InvoiceStatus.CREDITED));
    }

    @Test
    void aCreditNoteSettlingWhatIsLeftPaysTheInvoice() {
        fixture.givenCurrentTime(NOW)
                .andGiven(REQUESTED)
                .andGivenCommands(issue(), pay("p-1", "84.00"), requestCredit("cn-1", line(1, "1")))
                .when(new IssueCreditNoteCommand(ID, "cn-1", ONE_WHEEL, SHA_B))
                .expectEvents(new CreditNoteIssuedEvent(ID, "cn-1", ONE_WHEEL, SHA_B, eur("60.00"), eur("0.00"),
                        InvoiceStatus.PAID))
                .expectNoScheduledDeadlines();
    }

    @Test
    void issuingTheSameCreditNoteAgainAddsNothing() {
        givenIssued(creditRequested("cn-1", line(1, "1")),
                new CreditNoteIssuedEvent(ID, "cn-1", ONE_WHEEL, SHA_B, eur("60.00"), eur("84.00"),
                        InvoiceStatus.ISSUED))
                .when(new IssueCreditNoteCommand(ID, "cn-1", ONE_WHEEL, SHA_B))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anIssuedCreditNoteNeverChanges() {
        givenIssued(creditRequested("cn-1", line(1, "1")),
                new CreditNoteIssuedEvent(ID, "cn-1", ONE_WHEEL, SHA_B, eur("60.00"), eur("84.00"),
                        InvoiceStatus.ISSUED))
                .when(new IssueCreditNoteCommand(ID, "cn-1", ONE_WHEEL, SHA_A))
                .expectException(refusal(409, "document", "immutable"))
                .expectExceptionMessage("credit note CN-2026-000001 is issued; an issued credit note never changes; "
                        + "correct it with another credit note")
                .expectNoEvents();
    }

    @Test
    void onlyARequestedCreditNoteIsIssued() {
        givenIssued()
                .when(new IssueCreditNoteCommand(ID, "cn-9", ONE_WHEEL, SHA_B))
                .expectException(refusal(422, "creditNoteId", "requested-credit-note"))
                .expectNoEvents();
    }

    static Stream<Arguments> badCreditNotes() {
        return Stream.of(
                Arguments.of(Documents.creditNote("CN-2026-000001").line(1, "1", "50.00").kind(DocumentKind.INVOICE),
                        "document.kind", "document-kind"),
                Arguments.of(Documents.creditNote("CN-2026-000001").line(1, "1", "50.00")
                        .correctedNumber("INV-2026-000009"), "document.correctedNumber", "corrected-invoice"),
                Arguments.of(Documents.creditNote("CN-2026-000001").line(1, "1", "50.00").currency("USD"),
                        "document.currency", "invoice-currency"),
                Arguments.of(Documents.creditNote("CN-2026-000001").line(1, "1", "50.00").reason(null),
                        "document.reason", "required"),
                Arguments.of(Documents.creditNote("CN-2026-000001").line(1, "1", "50.00").orderId("o-2"),
                        "document.orderId", "same-order"),
                Arguments.of(Documents.creditNote("CN-2026-000001").line(1, "1", "50.00").totalInclTax("70.00"),
                        "document.totalInclTax", "sum"),
                Arguments.of(Documents.creditNote(null).line(1, "1", "50.00"), "document.number", "required"));
    }

    @ParameterizedTest
    @MethodSource("badCreditNotes")
    void aCreditNoteIsIssuedOnlyAsAConsistentCorrectionOfTheInvoice(Documents document, String field, String rule) {
        givenIssued(creditRequested("cn-1", line(1, "1")))
                .when(new IssueCreditNoteCommand(ID, "cn-1", document.build(), SHA_B))
                .expectException(refusal(422, field, rule))
                .expectNoEvents();
    }

    // e-mails

    @Test
    void mailingTheInvoiceIsRecorded() {
        givenIssued()
                .when(new RecordDocumentEmailedCommand(ID, NUMBER, "compta@dupont.fr", "smtp", "<m-1@axle>"))
                .expectEvents(new DocumentEmailedEvent(ID, NUMBER, "compta@dupont.fr", "smtp", "<m-1@axle>", NOW));
    }

    @Test
    void mailingAnIssuedCreditNoteIsRecorded() {
        givenIssued(creditRequested("cn-1", line(1, "1")),
                new CreditNoteIssuedEvent(ID, "cn-1", ONE_WHEEL, SHA_B, eur("60.00"), eur("84.00"),
                        InvoiceStatus.ISSUED))
                .when(new RecordDocumentEmailedCommand(ID, "CN-2026-000001", "compta@dupont.fr", "outbox",
                        "<m-2@axle>"))
                .expectEvents(new DocumentEmailedEvent(ID, "CN-2026-000001", "compta@dupont.fr", "outbox",
                        "<m-2@axle>", NOW));
    }

    @Test
    void onlyIssuedDocumentsAreMailed() {
        givenIssued()
                .when(new RecordDocumentEmailedCommand(ID, "INV-2026-000099", "compta@dupont.fr", "smtp", "<m@x>"))
                .expectException(refusal(422, "documentNumber", "issued-document"))
                .expectNoEvents();
        givenIssued(creditRequested("cn-1", line(1, "1")))
                .when(new RecordDocumentEmailedCommand(ID, "CN-2026-000001", "compta@dupont.fr", "smtp", "<m@x>"))
                .expectException(refusal(422, "documentNumber", "issued-document"));
        fixture.given(REQUESTED)
                .when(new RecordDocumentEmailedCommand(ID, NUMBER, "compta@dupont.fr", "smtp", "<m@x>"))
                .expectException(refusal(422, "documentNumber", "issued-document"));
    }

    @Test
    void recordingTheSameMailAgainAddsNothing() {
        givenIssued(new DocumentEmailedEvent(ID, NUMBER, "compta@dupont.fr", "smtp", "<m-1@axle>", NOW))
                .when(new RecordDocumentEmailedCommand(ID, NUMBER, "compta@dupont.fr", "smtp", "<m-1@axle>"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aMailHasARecipientAndAChannel() {
        givenIssued()
                .when(new RecordDocumentEmailedCommand(ID, NUMBER, "nobody", "smtp", "<m@x>"))
                .expectException(refusal(422, "recipient", "email"));
        givenIssued()
                .when(new RecordDocumentEmailedCommand(ID, NUMBER, "compta@dupont.fr", null, "<m@x>"))
                .expectException(refusal(422, "channel", "required"));
    }

    // snapshots

    @Test
    void theInvoiceSurvivesAJsonSnapshotRoundTrip() {
        JacksonSerializer serializer = JacksonSerializer.builder()
                .objectMapper(JsonMapper.builder().findAndAddModules().build())
                .build();
        Invoice invoice = new Invoice();
        invoice.on(REQUESTED);
        invoice.on(ISSUED);
        invoice.on(paid("p-1", "44.00", "44.00", "100.00", InvoiceStatus.PARTIALLY_PAID));
        invoice.on(new InvoiceOverdueEvent(ID, DUE, eur("100.00")));
        invoice.on(creditRequested("cn-1", line(1, "1")));
        invoice.on(new CreditNoteIssuedEvent(ID, "cn-1", ONE_WHEEL, SHA_B, eur("60.00"), eur("40.00"),
                InvoiceStatus.OVERDUE));
        invoice.on(creditRequested("cn-2", line(2, "1")));
        invoice.on(new DocumentEmailedEvent(ID, NUMBER, "compta@dupont.fr", "smtp", "<m-1@axle>", NOW));

        SerializedObject<String> json = serializer.serialize(invoice, String.class);
        Invoice copy = serializer.deserialize(json);

        assertThat(copy).usingRecursiveComparison().isEqualTo(invoice);
        assertThat(json.getData()).contains("\"cn-2\"", "\"p-1\"", "<m-1@axle>");
    }

    /** A small factory of documents: the invoice of the tests, or a credit note of some of its lines. */
    static final class Documents {

        private DocumentKind kind = DocumentKind.INVOICE;
        private String number = NUMBER;
        private String company = "axle";
        private String orderId = ORDER;
        private Party seller = SELLER;
        private Party buyer = BUYER;
        private String currency = "EUR";
        private String accountingCurrency = "EUR";
        private BigDecimal exchangeRate = BigDecimal.ONE;
        private Instant issuedAt = NOW;
        private LocalDate dueDate = DUE;
        private final List<InvoiceLineItem> lines = new ArrayList<>();
        private BigDecimal totalExclTax;
        private BigDecimal totalTax;
        private BigDecimal totalInclTax;
        private String correctedNumber;
        private String reason;

        /** The invoice: 2 × 50.00 and 1 × 20.00 at 20 % VAT. */
        static Documents invoice() {
            return new Documents().line(1, "2", "50.00").line(2, "1", "20.00");
        }

        /** A credit note of invoice {@value #NUMBER}, without lines yet. */
        static Documents creditNote(String number) {
            Documents document = new Documents().kind(DocumentKind.CREDIT_NOTE).number(number);
            document.correctedNumber = NUMBER;
            document.reason = "damaged on delivery";
            document.dueDate = null;
            return document;
        }

        Documents line(int position, String quantity, String unitPrice) {
            BigDecimal net = eur(quantity).multiply(eur(unitPrice)).setScale(2);
            lines.add(new InvoiceLineItem(position, "SKU-" + position, "Part " + position, eur(quantity),
                    eur(unitPrice), BigDecimal.ZERO, "standard", eur("20"), net));
            return this;
        }

        Documents kind(DocumentKind value) {
            kind = value;
            return this;
        }

        Documents number(String value) {
            number = value;
            return this;
        }

        Documents company(String value) {
            company = value;
            return this;
        }

        Documents orderId(String value) {
            orderId = value;
            return this;
        }

        Documents seller(Party value) {
            seller = value;
            return this;
        }

        Documents buyer(Party value) {
            buyer = value;
            return this;
        }

        Documents currency(String value) {
            currency = value;
            return this;
        }

        Documents accountingCurrency(String value) {
            accountingCurrency = value;
            return this;
        }

        Documents exchangeRate(String value) {
            exchangeRate = eur(value);
            return this;
        }

        Documents issuedAt(Instant value) {
            issuedAt = value;
            return this;
        }

        Documents dueDate(LocalDate value) {
            dueDate = value;
            return this;
        }

        Documents noLines() {
            lines.clear();
            return totals("0.00", "0.00", "0.00");
        }

        Documents freeOfCharge() {
            return totals("0.00", "0.00", "0.00");
        }

        Documents totals(String exclTax, String tax, String inclTax) {
            totalExclTax = eur(exclTax);
            totalTax = eur(tax);
            totalInclTax = eur(inclTax);
            return this;
        }

        Documents totalInclTax(String value) {
            totalInclTax = eur(value);
            return this;
        }

        Documents correctedNumber(String value) {
            correctedNumber = value;
            return this;
        }

        Documents reason(String value) {
            reason = value;
            return this;
        }

        BillingDocument build() {
            BigDecimal net = lines.stream().map(InvoiceLineItem::net).reduce(eur("0.00"), BigDecimal::add);
            BigDecimal exclTax = totalExclTax != null ? totalExclTax : net;
            BigDecimal tax = totalTax != null ? totalTax : exclTax.multiply(eur("0.20")).setScale(2);
            BigDecimal inclTax = totalInclTax != null ? totalInclTax : exclTax.add(tax);
            return new BillingDocument(kind, number, company, "classic-fr", "fr", seller, buyer, orderId, currency,
                    accountingCurrency, exchangeRate, LocalDate.parse("2026-03-02"), issuedAt, dueDate,
                    List.copyOf(lines), net, BigDecimal.ZERO, eur("0.00"), exclTax, tax, inclTax,
                    List.of(new TaxAmount(eur("20"), exclTax, tax)), tax, false, List.of(), Map.of(),
                    correctedNumber, reason, null);
        }

        @Override
        public String toString() {
            return kind + " " + number;
        }
    }
}
