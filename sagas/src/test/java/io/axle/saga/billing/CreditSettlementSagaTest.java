package io.axle.saga.billing;

import io.axle.api.customer.CreditReleasedEvent;
import io.axle.api.customer.ReleaseCreditCommand;
import io.axle.api.invoice.BillingDocument;
import io.axle.api.invoice.CreditNoteIssuedEvent;
import io.axle.api.invoice.DocumentKind;
import io.axle.api.invoice.InvoiceIssuedEvent;
import io.axle.api.invoice.InvoiceStatus;
import io.axle.api.invoice.PaymentRecordedEvent;
import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CreditSettlementSagaTest {

    private static final String INVOICE = "invoice-1";
    private static final String ORDER = "order-1";
    private static final String CUSTOMER = "customer-1";
    private static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");

    private SagaTestFixture<CreditSettlementSaga> fixture;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new SagaTestFixture<>(CreditSettlementSaga.class);
        fixture.registerResource(DefaultCommandGateway.builder().commandBus(fixture.getCommandBus()).build());
    }

    @Test
    void anIssuedInvoiceKeepsTheOrdersCreditReserved() throws Exception {
        fixture.givenNoPriorActivity()
                .whenPublishingA(issued())
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();
    }

    @Test
    void aPartPaymentKeepsTheCreditReserved() throws Exception {
        fixture.givenAPublished(issued())
                .whenPublishingA(payment(InvoiceStatus.PARTIALLY_PAID, "40.00"))
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();
    }

    @Test
    void theInvoicePaidInFullGivesTheCreditBackAndWaitsUntilSeen() throws Exception {
        fixture.givenAPublished(issued())
                .andThenAPublished(payment(InvoiceStatus.PARTIALLY_PAID, "40.00"))
                .whenPublishingA(payment(InvoiceStatus.PAID, "80.00"))
                .expectDispatchedCommands(new ReleaseCreditCommand(CUSTOMER, ORDER))
                .expectScheduledDeadlineWithName(CreditSettlementSaga.RETRY_FIRST, CreditSettlementSaga.RETRY_DEADLINE)
                .expectActiveSagas(1);
    }

    @Test
    void theSagaEndsOnceTheCreditIsSeenGivenBack() throws Exception {
        fixture.givenAPublished(issued())
                .andThenAPublished(payment(InvoiceStatus.PAID, "120.00"))
                .whenPublishingA(RELEASED)
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
    }

    @Test
    void aReleaseNotSeenIsSentAgainWithAGrowingPauseAndNeverDropped() throws Exception {
        fixture.setCallbackBehavior((command, metaData) -> {
            throw new IllegalStateException("customer unavailable");
        });
        fixture.givenAPublished(issued())
                .andThenAPublished(payment(InvoiceStatus.PAID, "120.00"))
                .andThenTimeElapses(CreditSettlementSaga.RETRY_FIRST)
                .whenTimeElapses(CreditSettlementSaga.RETRY_FIRST.multipliedBy(2))
                .expectDispatchedCommands(new ReleaseCreditCommand(CUSTOMER, ORDER))
                .expectScheduledDeadlineWithName(CreditSettlementSaga.RETRY_FIRST.multipliedBy(4),
                        CreditSettlementSaga.RETRY_DEADLINE)
                .expectActiveSagas(1);
    }

    @Test
    void paymentsAndCreditNotesTogetherSettleTheInvoice() {
        fixture.givenAPublished(issued())
                .andThenAPublished(payment(InvoiceStatus.PARTIALLY_PAID, "70.00"))
                .whenPublishingA(new CreditNoteIssuedEvent(INVOICE, "cn-1", null, "cd".repeat(32),
                        new BigDecimal("50.00"), BigDecimal.ZERO, InvoiceStatus.PARTIALLY_PAID))
                .expectDispatchedCommands(new ReleaseCreditCommand(CUSTOMER, ORDER))
                .expectActiveSagas(1);
    }

    @Test
    void creditGivenBackBeforeSettlementEndsTheSagaWithoutAnotherRelease() {
        fixture.givenAPublished(issued())
                .whenPublishingA(RELEASED)
                .expectNoDispatchedCommands()
                .expectActiveSagas(0);
    }

    @Test
    void aSecondSettlingEventSendsNothingMore() {
        fixture.givenAPublished(issued())
                .andThenAPublished(payment(InvoiceStatus.PAID, "120.00"))
                .whenPublishingA(creditNote(InvoiceStatus.CREDITED))
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
    }

    @Test
    void aPaymentWhileOverdueThatLeavesABalanceKeepsTheCreditReserved() {
        fixture.givenAPublished(issued())
                .whenPublishingA(payment(InvoiceStatus.OVERDUE, "10.00"))
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
    }

    @Test
    void theInvoiceWhollyCreditedGivesTheCreditBack() {
        fixture.givenAPublished(issued())
                .whenPublishingA(creditNote(InvoiceStatus.CREDITED))
                .expectDispatchedCommands(new ReleaseCreditCommand(CUSTOMER, ORDER))
                .expectActiveSagas(1);
    }

    @Test
    void aPartialCreditNoteKeepsTheCreditReserved() {
        fixture.givenAPublished(issued())
                .whenPublishingA(creditNote(InvoiceStatus.ISSUED))
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
    }

    @Test
    void anotherInvoicesPaymentDoesNothing() {
        fixture.givenAPublished(issued())
                .whenPublishingA(new PaymentRecordedEvent("invoice-2", "p-9", new BigDecimal("120.00"),
                        new BigDecimal("120.00"), BigDecimal.ZERO, InvoiceStatus.PAID, "op", AT))
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
    }

    private static final CreditReleasedEvent RELEASED =
            new CreditReleasedEvent(CUSTOMER, ORDER, new BigDecimal("120.00"), new BigDecimal("1000.00"));

    private static InvoiceIssuedEvent issued() {
        BillingDocument document = new BillingDocument(DocumentKind.INVOICE, "INV-2026-000001", "axle", "t", "fr",
                null, null, ORDER, "EUR", "EUR", BigDecimal.ONE, null, AT, null, null, new BigDecimal("100.00"),
                BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("100.00"), new BigDecimal("20.00"),
                new BigDecimal("120.00"), null, new BigDecimal("20.00"), false, null, null, null, null, null);
        return new InvoiceIssuedEvent(INVOICE, ORDER, CUSTOMER, document, "ab".repeat(32));
    }

    private static PaymentRecordedEvent payment(InvoiceStatus status, String paidTotal) {
        BigDecimal paid = new BigDecimal(paidTotal);
        return new PaymentRecordedEvent(INVOICE, "p-" + paidTotal, paid, paid,
                new BigDecimal("120.00").subtract(paid), status, "op", AT);
    }

    /** A credit note for the whole invoice when CREDITED, for a third of it otherwise. */
    private static CreditNoteIssuedEvent creditNote(InvoiceStatus status) {
        boolean whole = status == InvoiceStatus.CREDITED;
        return new CreditNoteIssuedEvent(INVOICE, "cn-1", null, "cd".repeat(32),
                new BigDecimal(whole ? "120.00" : "40.00"), new BigDecimal(whole ? "0.00" : "80.00"), status);
    }
}
