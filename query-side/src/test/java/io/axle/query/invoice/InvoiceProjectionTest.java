package io.axle.query.invoice;

import static io.axle.query.invoice.InvoiceEvents.DUE;
import static io.axle.query.invoice.InvoiceEvents.ISSUED_AT;
import static io.axle.query.invoice.InvoiceEvents.LINES;
import static io.axle.query.invoice.InvoiceEvents.REQUESTED_AT;
import static io.axle.query.invoice.InvoiceEvents.SHA;
import static io.axle.query.invoice.InvoiceEvents.TAXES;
import static io.axle.query.invoice.InvoiceEvents.TOTAL;
import static io.axle.query.invoice.InvoiceEvents.creditIssued;
import static io.axle.query.invoice.InvoiceEvents.creditRequested;
import static io.axle.query.invoice.InvoiceEvents.issued;
import static io.axle.query.invoice.InvoiceEvents.requested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.spy;

import io.axle.api.common.ListCriteria;
import io.axle.api.common.PageResult;
import io.axle.api.invoice.CreditNoteView;
import io.axle.api.invoice.CreditedLine;
import io.axle.api.invoice.DocumentEmailedEvent;
import io.axle.api.invoice.FindInvoiceQuery;
import io.axle.api.invoice.InvoiceOverdueEvent;
import io.axle.api.invoice.InvoiceRequestRejectedEvent;
import io.axle.api.invoice.InvoiceStatus;
import io.axle.api.invoice.InvoiceTotalsQuery;
import io.axle.api.invoice.InvoiceView;
import io.axle.api.invoice.ListInvoicesQuery;
import io.axle.api.invoice.OutstandingTotal;
import io.axle.api.invoice.PaymentMethod;
import io.axle.api.invoice.PaymentRecordedEvent;
import io.axle.api.invoice.PaymentReminderSentEvent;
import io.axle.api.invoice.PaymentReminderView;
import io.axle.api.invoice.PaymentView;
import io.axle.api.invoice.WatchInvoicesQuery;
import io.axle.query.InMemoryMongo;
import io.axle.query.SubscriberProbe;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.UpdateDefinition;

/** The invoice read model on the Mongo wire server, its handlers called as Axon would call them. */
class InvoiceProjectionTest {

    private static final String INV = "inv-1";

    private InMemoryMongo mongo;
    private SimpleQueryUpdateEmitter emitter;
    private InvoiceProjection projection;

    @BeforeEach
    void start() {
        mongo = InMemoryMongo.start();
        emitter = SimpleQueryUpdateEmitter.builder().build();
        projection = new InvoiceProjection(mongo.template(), emitter);
        projection.createIndexes();
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void aRequestedInvoiceHasNoNumberNorAmountsYet() {
        projection.on(requested(INV, "o-1", "c-1", REQUESTED_AT), 0, REQUESTED_AT);

        InvoiceView invoice = find(INV);

        assertThat(invoice.status()).isEqualTo(InvoiceStatus.REQUESTED);
        assertThat(invoice.orderId()).isEqualTo("o-1");
        assertThat(invoice.customerId()).isEqualTo("c-1");
        assertThat(invoice.requestedAt()).isEqualTo(REQUESTED_AT);
        assertThat(invoice.updatedAt()).isEqualTo(REQUESTED_AT);
        assertThat(invoice.number()).isNull();
        assertThat(invoice.issuedAt()).isNull();
        assertThat(invoice.dueDate()).isNull();
        assertThat(invoice.totalInclTax()).isNull();
        assertThat(invoice.balance()).isNull();
        assertThat(invoice.pdfSha256()).isNull();
        assertThat(invoice.paidAmount()).isEqualByComparingTo("0");
        assertThat(invoice.creditedAmount()).isEqualByComparingTo("0");
        assertThat(invoice.lines()).isEmpty();
        assertThat(invoice.payments()).isEmpty();
        assertThat(invoice.creditNotes()).isEmpty();
        assertThat(invoice.emails()).isEmpty();
        assertThat(invoice.reminders()).isEmpty();
    }

    @Test
    void anIssuedInvoiceShowsWhatTheDocumentFixed() {
        projection.on(requested(INV, "o-1", "c-1", REQUESTED_AT), 0, REQUESTED_AT);
        projection.on(issued(INV, "o-1", "c-1", "INV-2026-000042"), 1, ISSUED_AT);

        InvoiceView invoice = find(INV);

        assertThat(invoice).isEqualTo(new InvoiceView(INV, "INV-2026-000042", "o-1", "SO-2026-000007", "c-1",
                "Atelier Martin",
                InvoiceStatus.ISSUED, "USD", "EUR", new BigDecimal("0.92"), REQUESTED_AT, ISSUED_AT, DUE, "classic-fr",
                "fr", LINES, new BigDecimal("1010.00"), new BigDecimal("200.55"), TOTAL, TAXES, false,
                List.of("Pénalités de retard : 3 fois le taux légal."), SHA, BigDecimal.ZERO, BigDecimal.ZERO, TOTAL,
                List.of(), List.of(), List.of(), List.of(), null, ISSUED_AT));
    }

    @Test
    void anInvoiceOfAnOrderPlacedBeforeOrdersWereNumberedHasNoOrderNumber() {
        projection.on(requested(INV, "o-1", "c-1", REQUESTED_AT), 0, REQUESTED_AT);
        assertThat(find(INV).orderNumber()).isNull();

        projection.on(InvoiceEvents.issued(INV, "o-1", "c-1", "INV-2026-000042", null), 1, ISSUED_AT);

        assertThat(find(INV).orderNumber()).isNull();
        assertThat(find(INV).orderId()).isEqualTo("o-1");
    }

    @Test
    void aRejectedRequestSaysWhy() {
        projection.on(requested(INV, "o-1", "c-1", REQUESTED_AT), 0, REQUESTED_AT);
        projection.on(new InvoiceRequestRejectedEvent(INV, "o-1", "customerId", "exists", "Customer c-1 is unknown"),
                1, REQUESTED_AT.plusSeconds(1));

        InvoiceView invoice = find(INV);

        assertThat(invoice.status()).isEqualTo(InvoiceStatus.REJECTED);
        assertThat(invoice.rejection()).isEqualTo("Customer c-1 is unknown");
        assertThat(invoice.number()).isNull();
        assertThat(invoice.updatedAt()).isEqualTo(REQUESTED_AT.plusSeconds(1));
    }

    @Test
    void aRejectionWithoutReasonNamesTheFieldAndRule() {
        projection.on(requested(INV, "o-1", "c-1", REQUESTED_AT), 0, REQUESTED_AT);
        projection.on(new InvoiceRequestRejectedEvent(INV, "o-1", "templateId", "known-template", null), 1,
                REQUESTED_AT);

        assertThat(find(INV).rejection()).isEqualTo("templateId: known-template");
    }

    @Test
    void paymentsAreListedAndKeepThePaidAmountBalanceAndStatus() {
        issue(INV, "o-1", "c-1", REQUESTED_AT);
        Instant paidAt = ISSUED_AT.plusSeconds(86_400);
        projection.on(new PaymentRecordedEvent(INV, "p-1", new BigDecimal("1000.00"), new BigDecimal("1000.00"),
                new BigDecimal("210.55"), InvoiceStatus.PARTIALLY_PAID, "operator", paidAt), 2, paidAt);

        InvoiceView partly = find(INV);
        assertThat(partly.status()).isEqualTo(InvoiceStatus.PARTIALLY_PAID);
        assertThat(partly.paidAmount()).isEqualByComparingTo("1000.00");
        assertThat(partly.balance()).isEqualByComparingTo("210.55");
        assertThat(partly.payments()).containsExactly(
                new PaymentView("p-1", new BigDecimal("1000.00"), "operator", paidAt));

        projection.on(new PaymentRecordedEvent(INV, "p-2", new BigDecimal("210.55"), TOTAL, new BigDecimal("0.00"),
                InvoiceStatus.PAID, "admin", paidAt.plusSeconds(60)), 3, paidAt.plusSeconds(60));

        InvoiceView paid = find(INV);
        assertThat(paid.status()).isEqualTo(InvoiceStatus.PAID);
        assertThat(paid.paidAmount()).isEqualByComparingTo(TOTAL);
        assertThat(paid.balance()).isEqualByComparingTo("0");
        assertThat(paid.payments()).extracting(PaymentView::paymentId, PaymentView::recordedBy)
                .containsExactly(tuple("p-1", "operator"), tuple("p-2", "admin"));
        assertThat(paid.number()).isEqualTo("INV-2026-000042");
        assertThat(paid.totalInclTax()).isEqualByComparingTo(TOTAL);
    }

    @Nested
    class PaymentDetails {

        @Test
        void aPaymentShowsItsDateMethodAndReference() {
            issue(INV, "o-1", "c-1", REQUESTED_AT);
            Instant at = ISSUED_AT.plusSeconds(60);
            PaymentRecordedEvent payment = new PaymentRecordedEvent(INV, "p-1", new BigDecimal("10.55"),
                    new BigDecimal("10.55"), new BigDecimal("1200.00"), InvoiceStatus.PARTIALLY_PAID, "operator", at,
                    LocalDate.parse("2026-03-03"), PaymentMethod.BANK_TRANSFER, "VIR 0042");

            projection.on(payment, 2, at);
            projection.on(payment, 2, at);

            assertThat(find(INV).payments()).containsExactly(new PaymentView("p-1", new BigDecimal("10.55"),
                    "operator", at, LocalDate.parse("2026-03-03"), PaymentMethod.BANK_TRANSFER, "VIR 0042"));
        }

        @Test
        void aPaymentRecordedBeforeTheyWereKeptShowsThemAsAbsent() {
            issue(INV, "o-1", "c-1", REQUESTED_AT);
            projection.on(new PaymentRecordedEvent(INV, "p-1", new BigDecimal("10.55"), new BigDecimal("10.55"),
                    new BigDecimal("1200.00"), InvoiceStatus.PARTIALLY_PAID, "operator", ISSUED_AT), 2, ISSUED_AT);

            PaymentView payment = find(INV).payments().get(0);

            assertThat(payment.paidOn()).isNull();
            assertThat(payment.method()).isNull();
            assertThat(payment.reference()).isNull();
        }
    }

    @Nested
    class OverdueAndTotals {

        private static final LocalDate TODAY = DUE.plusDays(10);

        /** inv-a USD overdue (1,200.00 left), inv-b USD due later, inv-c EUR past due but not yet marked, inv-d paid. */
        @BeforeEach
        void fourInvoices() {
            issueIn("inv-a", "c-1", "USD", DUE, 0);
            projection.on(new PaymentRecordedEvent("inv-a", "p-1", new BigDecimal("10.55"), new BigDecimal("10.55"),
                    new BigDecimal("1200.00"), InvoiceStatus.PARTIALLY_PAID, "operator", ISSUED_AT), 2, ISSUED_AT);
            projection.on(new InvoiceOverdueEvent("inv-a", DUE, new BigDecimal("1200.00")), 3, ISSUED_AT);
            issueIn("inv-b", "c-2", "USD", TODAY.plusDays(5), 1);
            issueIn("inv-c", "c-2", "EUR", TODAY.minusDays(1), 2);
            issueIn("inv-d", "c-1", "EUR", DUE, 3);
            projection.on(new PaymentRecordedEvent("inv-d", "p-1", TOTAL, TOTAL, new BigDecimal("0.00"),
                    InvoiceStatus.PAID, "operator", ISSUED_AT), 2, ISSUED_AT);
            projection.on(requested("inv-e", "o-e", "c-1", REQUESTED_AT.plusSeconds(4)), 0, REQUESTED_AT);
        }

        private void issueIn(String invoiceId, String customerId, String currency, LocalDate due, int order) {
            projection.on(requested(invoiceId, invoiceId, customerId, REQUESTED_AT.plusSeconds(order)), 0,
                    REQUESTED_AT);
            projection.on(InvoiceEvents.issuedIn(invoiceId, customerId, "N-" + invoiceId, currency, due), 1,
                    ISSUED_AT);
        }

        @Test
        void theOverdueFilterKeepsOverdueInvoicesAndOpenOnesPastTheirDueDate() {
            PageResult<InvoiceView> overdue = projection.page(new ListInvoicesQuery(null, null, null, TODAY, 0, 20));

            assertThat(overdue.content()).extracting(InvoiceView::invoiceId).containsExactly("inv-c", "inv-a");
            assertThat(overdue.totalElements()).isEqualTo(2);
            assertThat(projection.page(new ListInvoicesQuery(null, "c-1", null, TODAY, 0, 20)).content())
                    .extracting(InvoiceView::invoiceId).containsExactly("inv-a");
        }

        @Test
        void aSearchNarrowsTheOverdueFilter() {
            ListCriteria invoiceC = ListCriteria.searching("n-INV-C");

            assertThat(projection.page(new ListInvoicesQuery(null, null, null, TODAY, invoiceC, 0, 20)).content())
                    .extracting(InvoiceView::invoiceId).containsExactly("inv-c");
            assertThat(projection.page(new ListInvoicesQuery(null, "c-1", null, TODAY, invoiceC, 0, 20)).content())
                    .isEmpty();
        }

        @Test
        void theIssueDateRangeLeavesOutInvoicesNotIssuedAndWhatIsOwedSortsThem() {
            ListCriteria issued = new ListCriteria(null, ISSUED_AT, ISSUED_AT.plusSeconds(1), "outstanding", true);

            assertThat(projection.page(new ListInvoicesQuery(null, null, null, null, issued, 0, 20)).content())
                    .extracting(InvoiceView::invoiceId).containsExactly("inv-c", "inv-b", "inv-a", "inv-d");
        }

        @Test
        void anInvoiceIsNotOverdueOnItsDueDate() {
            assertThat(projection.page(new ListInvoicesQuery(null, "c-2", null, TODAY.minusDays(1), 0, 20))
                    .content()).isEmpty();
        }

        @Test
        void totalsSumWhatTheOpenInvoicesOwePerCurrency() {
            assertThat(projection.handle(new InvoiceTotalsQuery(null, null, null, null)).totals()).containsExactly(
                    new OutstandingTotal("EUR", TOTAL, 2),
                    new OutstandingTotal("USD", new BigDecimal("2410.55"), 2));
        }

        @Test
        void totalsFollowTheFilters() {
            assertThat(projection.handle(new InvoiceTotalsQuery(null, null, null, TODAY)).totals()).containsExactly(
                    new OutstandingTotal("EUR", TOTAL, 1),
                    new OutstandingTotal("USD", new BigDecimal("1200.00"), 1));
            assertThat(projection.handle(new InvoiceTotalsQuery(null, "c-1", null, null)).totals()).containsExactly(
                    new OutstandingTotal("EUR", new BigDecimal("0.00"), 1),
                    new OutstandingTotal("USD", new BigDecimal("1200.00"), 1));
            assertThat(projection.handle(new InvoiceTotalsQuery(null, null, InvoiceStatus.PAID, null)).totals())
                    .containsExactly(new OutstandingTotal("EUR", new BigDecimal("0.00"), 1));
            assertThat(projection.handle(new InvoiceTotalsQuery("o-x", null, null, null)).totals()).isEmpty();
        }

        @Test
        void aCreditNoteLowersWhatIsOwed() {
            projection.on(creditRequested("inv-b", "cn-1", ISSUED_AT), 2, ISSUED_AT);
            projection.on(creditIssued("inv-b", "cn-1", "CN-1", new BigDecimal("610.55"), InvoiceStatus.ISSUED), 3,
                    ISSUED_AT);

            assertThat(projection.handle(new InvoiceTotalsQuery(null, "c-2", null, null)).totals()).containsExactly(
                    new OutstandingTotal("EUR", TOTAL, 1),
                    new OutstandingTotal("USD", new BigDecimal("610.55"), 1));
        }
    }

    @Test
    void anOverdueInvoiceShowsWhatIsStillOwed() {
        issue(INV, "o-1", "c-1", REQUESTED_AT);
        projection.on(new PaymentRecordedEvent(INV, "p-1", new BigDecimal("10.55"), new BigDecimal("10.55"),
                new BigDecimal("1200.00"), InvoiceStatus.PARTIALLY_PAID, "operator", ISSUED_AT), 2, ISSUED_AT);
        Instant due = Instant.parse("2026-04-02T00:00:00Z");
        projection.on(new InvoiceOverdueEvent(INV, DUE, new BigDecimal("1200.00")), 3, due);

        InvoiceView invoice = find(INV);

        assertThat(invoice.status()).isEqualTo(InvoiceStatus.OVERDUE);
        assertThat(invoice.balance()).isEqualByComparingTo("1200.00");
        assertThat(invoice.paidAmount()).isEqualByComparingTo("10.55");
        assertThat(invoice.updatedAt()).isEqualTo(due);
    }

    @Test
    void aCreditNoteIsListedWhenRequestedAndFilledInWhenIssued() {
        issue(INV, "o-1", "c-1", REQUESTED_AT);
        Instant askedAt = ISSUED_AT.plusSeconds(600);
        projection.on(creditRequested(INV, "cn-1", askedAt), 2, askedAt);

        assertThat(find(INV).creditNotes()).containsExactly(new CreditNoteView("cn-1", null, "Damaged sensor",
                List.of(new CreditedLine(1, BigDecimal.ONE)), null, null, null, null, askedAt, null));
        assertThat(find(INV).status()).isEqualTo(InvoiceStatus.ISSUED);

        projection.on(creditIssued(INV, "cn-1", "CN-2026-000007", new BigDecimal("610.55"), InvoiceStatus.ISSUED), 3,
                ISSUED_AT.plusSeconds(3600));

        InvoiceView invoice = find(INV);
        assertThat(invoice.creditNotes()).containsExactly(new CreditNoteView("cn-1", "CN-2026-000007",
                "Damaged sensor", List.of(new CreditedLine(1, BigDecimal.ONE)), new BigDecimal("500.00"),
                new BigDecimal("100.00"), new BigDecimal("600.00"), "cafe".repeat(16), askedAt,
                ISSUED_AT.plusSeconds(3600)));
        assertThat(invoice.creditedAmount()).isEqualByComparingTo("600.00");
        assertThat(invoice.balance()).isEqualByComparingTo("610.55");
        assertThat(invoice.status()).isEqualTo(InvoiceStatus.ISSUED);
        assertThat(invoice.totalInclTax()).as("an issued invoice never changes").isEqualByComparingTo(TOTAL);
        assertThat(invoice.lines()).isEqualTo(LINES);
    }

    @Test
    void creditNotesCoveringEverythingLeaveTheInvoiceCredited() {
        issue(INV, "o-1", "c-1", REQUESTED_AT);
        projection.on(creditRequested(INV, "cn-1", ISSUED_AT), 2, ISSUED_AT);
        projection.on(creditRequested(INV, "cn-2", ISSUED_AT), 3, ISSUED_AT);
        projection.on(creditIssued(INV, "cn-2", "CN-2026-000008", new BigDecimal("610.55"), InvoiceStatus.ISSUED), 4,
                ISSUED_AT);
        projection.on(creditIssued(INV, "cn-1", "CN-2026-000009", BigDecimal.ZERO, InvoiceStatus.CREDITED), 5,
                ISSUED_AT);

        InvoiceView invoice = find(INV);

        assertThat(invoice.status()).isEqualTo(InvoiceStatus.CREDITED);
        assertThat(invoice.balance()).isEqualByComparingTo("0");
        assertThat(invoice.creditNotes()).extracting(CreditNoteView::creditNoteId, CreditNoteView::number)
                .containsExactly(tuple("cn-1", "CN-2026-000009"), tuple("cn-2", "CN-2026-000008"));
    }

    @Test
    void everyDocumentSentIsListed() {
        issue(INV, "o-1", "c-1", REQUESTED_AT);
        DocumentEmailedEvent mailed = new DocumentEmailedEvent(INV, "INV-2026-000042", "compta@martin.test", "smtp",
                "<m1@axle>", ISSUED_AT.plusSeconds(2));
        projection.on(mailed, 2, ISSUED_AT.plusSeconds(2));
        DocumentEmailedEvent unstamped = new DocumentEmailedEvent(INV, "CN-2026-000007", "compta@martin.test",
                "outbox", "<m2@axle>", null);
        projection.on(unstamped, 3, ISSUED_AT.plusSeconds(9));

        assertThat(find(INV).emails()).containsExactly(mailed, new DocumentEmailedEvent(INV, "CN-2026-000007",
                "compta@martin.test", "outbox", "<m2@axle>", ISSUED_AT.plusSeconds(9)));
    }

    @Test
    void theRemindersSentAreListedWithWhenAndWhichOne() {
        issue(INV, "o-1", "c-1", REQUESTED_AT);
        projection.on(new InvoiceOverdueEvent(INV, DUE, TOTAL), 2, ISSUED_AT.plusSeconds(60));
        PaymentReminderSentEvent first = new PaymentReminderSentEvent(INV, 1, "compta@martin.test", "smtp", "<r1@axle>",
                ISSUED_AT.plusSeconds(61));
        projection.on(first, 3, ISSUED_AT.plusSeconds(62));
        projection.on(new PaymentReminderSentEvent(INV, 2, "compta@martin.test", "outbox", "<r2@axle>", null), 4,
                ISSUED_AT.plusSeconds(120));
        projection.on(first, 3, ISSUED_AT.plusSeconds(62));

        assertThat(find(INV).reminders()).containsExactly(
                new PaymentReminderView(1, "compta@martin.test", "smtp", ISSUED_AT.plusSeconds(61)),
                new PaymentReminderView(2, "compta@martin.test", "outbox", ISSUED_AT.plusSeconds(120)));
        assertThat(find(INV).status()).as("a reminder changes nothing else").isEqualTo(InvoiceStatus.OVERDUE);
        assertThat(find(INV).updatedAt()).isEqualTo(ISSUED_AT.plusSeconds(120));
    }

    @Test
    void theSameEventsAppliedTwiceChangeNothing() {
        issue(INV, "o-1", "c-1", REQUESTED_AT);
        PaymentRecordedEvent payment = new PaymentRecordedEvent(INV, "p-1", BigDecimal.TEN, BigDecimal.TEN,
                new BigDecimal("1200.55"), InvoiceStatus.PARTIALLY_PAID, "operator", ISSUED_AT);
        projection.on(payment, 2, ISSUED_AT);
        projection.on(creditRequested(INV, "cn-1", ISSUED_AT), 3, ISSUED_AT);
        projection.on(new DocumentEmailedEvent(INV, "INV-2026-000042", "a@b.test", "smtp", "<m>", ISSUED_AT), 4,
                ISSUED_AT);
        InvoiceView once = find(INV);

        issue(INV, "o-1", "c-1", REQUESTED_AT);
        projection.on(payment, 2, ISSUED_AT.plusSeconds(5));
        projection.on(creditRequested(INV, "cn-1", ISSUED_AT), 3, ISSUED_AT.plusSeconds(5));
        projection.on(new DocumentEmailedEvent(INV, "INV-2026-000042", "a@b.test", "smtp", "<m>", ISSUED_AT), 4,
                ISSUED_AT.plusSeconds(5));

        assertThat(find(INV)).isEqualTo(once);
        assertThat(once.payments()).hasSize(1);
        assertThat(once.creditNotes()).hasSize(1);
        assertThat(once.emails()).hasSize(1);
    }

    @Test
    void anEventOlderThanTheLastAppliedIsIgnored() {
        issue(INV, "o-1", "c-1", REQUESTED_AT);
        projection.on(new PaymentRecordedEvent(INV, "p-1", TOTAL, TOTAL, BigDecimal.ZERO, InvoiceStatus.PAID,
                "operator", ISSUED_AT), 2, ISSUED_AT);

        projection.on(new InvoiceOverdueEvent(INV, DUE, TOTAL), 2, ISSUED_AT.plusSeconds(99));
        projection.on(new InvoiceRequestRejectedEvent(INV, "o-1", "orderId", "late", "late"), 1, ISSUED_AT);
        projection.on(requested(INV, "o-9", "c-9", ISSUED_AT), 0, ISSUED_AT);

        InvoiceView invoice = find(INV);
        assertThat(invoice.status()).isEqualTo(InvoiceStatus.PAID);
        assertThat(invoice.balance()).isEqualByComparingTo("0");
        assertThat(invoice.rejection()).isNull();
        assertThat(invoice.orderId()).isEqualTo("o-1");
        assertThat(invoice.updatedAt()).isEqualTo(ISSUED_AT);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aChangeOvertakenByAnotherInstanceFailsSoThatItIsRetriedNotLost() {
        issue(INV, "o-1", "c-1", REQUESTED_AT);
        MongoTemplate racing = spy(mongo.template());
        doAnswer(write -> {
            // another instance applies event 2 between this one's read (at 1) and its write of event 3
            projection.on(creditRequested(INV, "cn-1", ISSUED_AT), 2, ISSUED_AT);
            return write.callRealMethod();
        }).when(racing).findAndModify(any(Query.class), any(UpdateDefinition.class),
                any(FindAndModifyOptions.class), any(Class.class), anyString());
        InvoiceProjection overtaken = new InvoiceProjection(racing, emitter);
        PaymentRecordedEvent third = new PaymentRecordedEvent(INV, "p-1", BigDecimal.TEN, BigDecimal.TEN,
                new BigDecimal("1200.55"), InvoiceStatus.PARTIALLY_PAID, "operator", ISSUED_AT);

        assertThatThrownBy(() -> overtaken.on(third, 3, ISSUED_AT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("invoices")
                .hasMessageContaining(INV);

        overtaken.on(third, 3, ISSUED_AT);

        InvoiceView invoice = find(INV);
        assertThat(invoice.creditNotes()).hasSize(1);
        assertThat(invoice.payments()).extracting(PaymentView::paymentId).containsExactly("p-1");
    }

    @Test
    void eventsOfAnUnknownInvoiceCreateNothing() {
        projection.on(issued("inv-x", "o-1", "c-1", "INV-2026-000001"), 1, ISSUED_AT);
        projection.on(new InvoiceOverdueEvent("inv-x", DUE, TOTAL), 2, ISSUED_AT);

        assertThat(find("inv-x")).isNull();
        assertThat(list(null, null, null, 0, 20).totalElements()).isZero();
    }

    @Test
    void listIsNewestFirstAndFiltersByOrderCustomerAndStatus() {
        projection.on(requested("inv-1", "o-1", "c-1", REQUESTED_AT), 0, REQUESTED_AT);
        projection.on(requested("inv-2", "o-2", "c-2", REQUESTED_AT.plusSeconds(10)), 0, REQUESTED_AT);
        projection.on(requested("inv-3", "o-3", "c-1", REQUESTED_AT.plusSeconds(20)), 0, REQUESTED_AT);
        projection.on(issued("inv-1", "o-1", "c-1", "INV-2026-000001"), 1, ISSUED_AT);

        assertThat(list(null, null, null, 0, 20).content()).extracting(InvoiceView::invoiceId)
                .containsExactly("inv-3", "inv-2", "inv-1");
        assertThat(list("o-2", null, null, 0, 20).content()).extracting(InvoiceView::invoiceId)
                .containsExactly("inv-2");
        assertThat(list(null, "c-1", null, 0, 20).content()).extracting(InvoiceView::invoiceId)
                .containsExactly("inv-3", "inv-1");
        assertThat(list(null, null, InvoiceStatus.REQUESTED, 0, 20).content()).extracting(InvoiceView::invoiceId)
                .containsExactly("inv-3", "inv-2");
        PageResult<InvoiceView> all = list("o-1", "c-1", InvoiceStatus.ISSUED, 0, 20);
        assertThat(all.content()).extracting(InvoiceView::number).containsExactly("INV-2026-000001");
        assertThat(all.totalElements()).isEqualTo(1);
        assertThat(list("o-1", "c-2", null, 0, 20).content()).isEmpty();
    }

    @Test
    void listPagesCountTheWholeSelection() {
        for (int i = 0; i < 5; i++) {
            projection.on(requested("inv-" + i, "o-" + i, "c-1", REQUESTED_AT.plusSeconds(i)), 0, REQUESTED_AT);
        }

        PageResult<InvoiceView> second = list(null, null, null, 1, 2);

        assertThat(second.content()).extracting(InvoiceView::invoiceId).containsExactly("inv-2", "inv-1");
        assertThat(second.page()).isEqualTo(1);
        assertThat(second.size()).isEqualTo(2);
        assertThat(second.totalElements()).isEqualTo(5);
        assertThat(list(null, null, null, 2, 2).content()).extracting(InvoiceView::invoiceId).containsExactly("inv-0");
    }

    @Test
    void watchStartsFromTheNewestInvoicesOrFromTheOneNamed() {
        projection.on(requested("inv-1", "o-1", "c-1", REQUESTED_AT), 0, REQUESTED_AT);
        projection.on(requested("inv-2", "o-2", "c-2", REQUESTED_AT.plusSeconds(1)), 0, REQUESTED_AT);

        assertThat(projection.handle(new WatchInvoicesQuery(null))).extracting(InvoiceView::invoiceId)
                .containsExactly("inv-2", "inv-1");
        assertThat(projection.handle(new WatchInvoicesQuery("inv-1"))).extracting(InvoiceView::invoiceId)
                .containsExactly("inv-1");
        assertThat(projection.handle(new WatchInvoicesQuery("inv-x"))).isEmpty();
    }

    @Test
    void everyChangeGoesToTheSubscribersOfThatInvoiceAndToWatchers() {
        SubscriberProbe<InvoiceView> findOne =
                SubscriberProbe.subscribe(emitter, new FindInvoiceQuery("inv-1"), InvoiceView.class);
        SubscriberProbe<InvoiceView> watchOne =
                SubscriberProbe.subscribe(emitter, new WatchInvoicesQuery("inv-1"), InvoiceView.class);
        SubscriberProbe<InvoiceView> watchAll =
                SubscriberProbe.subscribe(emitter, new WatchInvoicesQuery(null), InvoiceView.class);

        projection.on(requested("inv-1", "o-1", "c-1", REQUESTED_AT), 0, REQUESTED_AT);
        projection.on(requested("inv-2", "o-2", "c-2", REQUESTED_AT), 0, REQUESTED_AT);
        projection.on(issued("inv-1", "o-1", "c-1", "INV-2026-000001"), 1, ISSUED_AT);

        assertThat(findOne.updates()).extracting(InvoiceView::status)
                .containsExactly(InvoiceStatus.REQUESTED, InvoiceStatus.ISSUED);
        assertThat(findOne.updates().get(1)).isEqualTo(find("inv-1"));
        assertThat(watchOne.updates()).extracting(InvoiceView::invoiceId).containsExactly("inv-1", "inv-1");
        assertThat(watchAll.updates()).extracting(InvoiceView::invoiceId).containsExactly("inv-1", "inv-2", "inv-1");
    }

    @Test
    void aWatchOfOneCustomerSeesThatCustomersInvoicesOnly() {
        SubscriberProbe<InvoiceView> watchC2 =
                SubscriberProbe.subscribe(emitter, new WatchInvoicesQuery(null, "c-2"), InvoiceView.class);
        SubscriberProbe<InvoiceView> watchC2OfInv1 =
                SubscriberProbe.subscribe(emitter, new WatchInvoicesQuery("inv-1", "c-2"), InvoiceView.class);

        projection.on(requested("inv-1", "o-1", "c-1", REQUESTED_AT), 0, REQUESTED_AT);
        projection.on(requested("inv-2", "o-2", "c-2", REQUESTED_AT), 0, REQUESTED_AT);

        assertThat(watchC2.updates()).extracting(InvoiceView::invoiceId).containsExactly("inv-2");
        assertThat(watchC2OfInv1.updates()).isEmpty();
        assertThat(projection.handle(new WatchInvoicesQuery(null, "c-2"))).extracting(InvoiceView::invoiceId)
                .containsExactly("inv-2");
        assertThat(projection.handle(new WatchInvoicesQuery("inv-1", "c-2"))).isEmpty();
    }

    @Test
    void eventsThatChangeNothingSendNothing() {
        issue(INV, "o-1", "c-1", REQUESTED_AT);
        SubscriberProbe<InvoiceView> watching =
                SubscriberProbe.subscribe(emitter, new WatchInvoicesQuery(null), InvoiceView.class);

        issue(INV, "o-1", "c-1", REQUESTED_AT);

        assertThat(watching.updates()).isEmpty();
    }

    @Test
    void resetEmptiesTheReadModelForReplay() {
        issue(INV, "o-1", "c-1", REQUESTED_AT);

        projection.reset();

        assertThat(find(INV)).isNull();
        issue(INV, "o-1", "c-1", REQUESTED_AT);
        assertThat(find(INV).number()).isEqualTo("INV-2026-000042");
    }

    private void issue(String invoiceId, String orderId, String customerId, Instant requestedAt) {
        projection.on(requested(invoiceId, orderId, customerId, requestedAt), 0, requestedAt);
        projection.on(issued(invoiceId, orderId, customerId, "INV-2026-000042"), 1, ISSUED_AT);
    }

    private InvoiceView find(String invoiceId) {
        return projection.handle(new FindInvoiceQuery(invoiceId));
    }

    private PageResult<InvoiceView> list(String orderId, String customerId, InvoiceStatus status, int page, int size) {
        return projection.page(new ListInvoicesQuery(orderId, customerId, status, page, size));
    }
}
