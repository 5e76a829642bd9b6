package io.axle.saga.fulfilment;

import static io.axle.saga.fulfilment.OrderFulfilmentSaga.COMPENSATION_RETRY;
import static io.axle.saga.fulfilment.OrderFulfilmentSaga.DEADLINE;
import static io.axle.saga.fulfilment.OrderFulfilmentSaga.RETRY_FIRST;
import static io.axle.saga.fulfilment.OrderFulfilmentSaga.SETTLE_DEADLINE;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import io.axle.api.customer.CreditReleasedEvent;
import io.axle.api.customer.CreditReservationRefusedEvent;
import io.axle.api.customer.CreditReservedEvent;
import io.axle.api.customer.ReleaseCreditCommand;
import io.axle.api.customer.ReserveCreditCommand;
import io.axle.api.order.ConfirmOrderCommand;
import io.axle.api.order.MarkOrderStockReservedCommand;
import io.axle.api.order.OrderCancelledEvent;
import io.axle.api.order.OrderConfirmedEvent;
import io.axle.api.order.OrderLine;
import io.axle.api.order.OrderPlacedEvent;
import io.axle.api.order.OrderRejectedEvent;
import io.axle.api.order.OrderShippedEvent;
import io.axle.api.order.OrderStockReservedEvent;
import io.axle.api.order.RejectOrderCommand;
import io.axle.api.order.ShippingAddress;
import io.axle.api.stock.ReleaseStockCommand;
import io.axle.api.stock.ReserveStockCommand;
import io.axle.api.stock.ReservedStockShippedEvent;
import io.axle.api.stock.ShipReservedStockCommand;
import io.axle.api.stock.StockReleasedEvent;
import io.axle.api.stock.StockReservationRejectedEvent;
import io.axle.api.stock.StockReservedEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.test.saga.ContinuedGivenState;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OrderFulfilmentSagaTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String ORDER = "order-1";
    private static final String CUSTOMER = "customer-1";
    private static final String A = "SKU-A";
    private static final String B = "SKU-B";
    private static final BigDecimal TOTAL = new BigDecimal("70.00");

    private static final OrderPlacedEvent PLACED = new OrderPlacedEvent(ORDER, CUSTOMER, "EUR",
            List.of(new OrderLine(A, 2, new BigDecimal("10.00")), new OrderLine(B, 1, new BigDecimal("50.00"))),
            new ShippingAddress("Ada", "1 Main St", "Lyon", "69001", "FR"), TOTAL);

    private static final StockReservedEvent A_RESERVED = new StockReservedEvent(A, ORDER, 2, 8);
    private static final StockReservedEvent B_RESERVED = new StockReservedEvent(B, ORDER, 1, 4);
    private static final StockReservationRejectedEvent B_REJECTED =
            new StockReservationRejectedEvent(B, ORDER, 1, 0, "insufficient stock");
    private static final CreditReservedEvent CREDIT_RESERVED =
            new CreditReservedEvent(CUSTOMER, ORDER, TOTAL, "EUR", new BigDecimal("930.00"));
    private static final CreditReservationRefusedEvent CREDIT_REFUSED =
            new CreditReservationRefusedEvent(CUSTOMER, ORDER, TOTAL, "EUR", "credit limit exceeded");

    private SagaTestFixture<OrderFulfilmentSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixtureWithTimeout(TIMEOUT);
    }

    private static SagaTestFixture<OrderFulfilmentSaga> fixtureWithTimeout(Duration timeout) {
        SagaTestFixture<OrderFulfilmentSaga> fixture = new SagaTestFixture<>(OrderFulfilmentSaga.class);
        fixture.registerCommandGateway(CommandGateway.class);
        fixture.registerResource(new FulfilmentProperties(timeout));
        return fixture;
    }

    @Nested
    class Start {

        @Test
        void placedOrderReservesEveryLineAndSchedulesTheDeadline() {
            fixture.givenNoPriorActivity()
                   .whenPublishingA(PLACED)
                   .expectActiveSagas(1)
                   .expectAssociationWith("orderId", ORDER)
                   .expectDispatchedCommands(new ReserveStockCommand(A, ORDER, 2), new ReserveStockCommand(B, ORDER, 1))
                   .expectScheduledDeadlineWithName(TIMEOUT, DEADLINE);
        }

        @Test
        void duplicateSkusOfOneOrderAreReservedOnce() {
            OrderPlacedEvent placed = new OrderPlacedEvent(ORDER, CUSTOMER, "EUR",
                    List.of(new OrderLine(A, 2, BigDecimal.ONE), new OrderLine(B, 1, BigDecimal.ONE),
                            new OrderLine(A, 3, BigDecimal.ONE)),
                    PLACED.shippingAddress(), new BigDecimal("6"));

            fixture.givenNoPriorActivity()
                   .whenPublishingA(placed)
                   .expectDispatchedCommands(new ReserveStockCommand(A, ORDER, 5), new ReserveStockCommand(B, ORDER, 1));
        }

        @Test
        void mergedSkuIsMarkedReservedByItsSingleReservation() {
            OrderPlacedEvent placed = new OrderPlacedEvent(ORDER, CUSTOMER, "EUR",
                    List.of(new OrderLine(A, 2, BigDecimal.ONE), new OrderLine(A, 3, BigDecimal.ONE)),
                    PLACED.shippingAddress(), new BigDecimal("5"));

            fixture.givenAPublished(placed)
                   .whenPublishingA(new StockReservedEvent(A, ORDER, 5, 0))
                   .expectDispatchedCommands(new MarkOrderStockReservedCommand(ORDER));
        }

        @Test
        void timeoutComesFromTheSettings() {
            fixture = fixtureWithTimeout(Duration.ofSeconds(5));

            fixture.givenNoPriorActivity()
                   .whenPublishingA(PLACED)
                   .expectScheduledDeadlineWithName(Duration.ofSeconds(5), DEADLINE)
                   .expectNoScheduledDeadlineWithName(TIMEOUT, DEADLINE);
        }
    }

    @Nested
    class HappyPath {

        @Test
        void partialReservationWaits() {
            fixture.givenAPublished(PLACED)
                   .whenPublishingA(A_RESERVED)
                   .expectNoDispatchedCommands()
                   .expectActiveSagas(1)
                   .expectScheduledDeadlineWithName(TIMEOUT, DEADLINE);
        }

        @Test
        void lastReservationMarksTheOrderStockReserved() {
            fixture.givenAPublished(PLACED)
                   .andThenAPublished(A_RESERVED)
                   .whenPublishingA(B_RESERVED)
                   .expectDispatchedCommands(new MarkOrderStockReservedCommand(ORDER))
                   .expectScheduledDeadlineWithName(TIMEOUT, DEADLINE);
        }

        @Test
        void duplicateReservationEventIsIgnored() {
            fixture.givenAPublished(PLACED)
                   .andThenAPublished(A_RESERVED)
                   .whenPublishingA(A_RESERVED)
                   .expectNoDispatchedCommands();
        }

        @Test
        void recordedStockReservationReservesTheCredit() {
            fixture.givenAPublished(PLACED)
                   .andThenAPublished(A_RESERVED)
                   .andThenAPublished(B_RESERVED)
                   .whenPublishingA(new OrderStockReservedEvent(ORDER))
                   .expectDispatchedCommands(new ReserveCreditCommand(CUSTOMER, ORDER, TOTAL, "EUR"))
                   .expectScheduledDeadlineWithName(TIMEOUT, DEADLINE);
        }

        @Test
        void reservedCreditConfirmsTheOrderAndCancelsTheDeadline() {
            givenStockReserved()
                    .whenPublishingA(CREDIT_RESERVED)
                    .expectDispatchedCommands(new ConfirmOrderCommand(ORDER))
                    .expectNoScheduledDeadlines()
                    .expectActiveSagas(1);
        }

        @Test
        void confirmedOrderWaitsForShipping() {
            givenStockReserved()
                    .andThenAPublished(CREDIT_RESERVED)
                    .whenPublishingA(new OrderConfirmedEvent(ORDER, CUSTOMER, TOTAL, "EUR"))
                    .expectNoDispatchedCommands()
                    .expectActiveSagas(1);
        }

        @Test
        void shippingTakesTheReservedStockOutAndWaitsUntilSeen() {
            givenConfirmed()
                    .whenPublishingA(new OrderShippedEvent(ORDER))
                    .expectDispatchedCommands(new ShipReservedStockCommand(A, ORDER), new ShipReservedStockCommand(B, ORDER))
                    .expectScheduledDeadlineWithName(RETRY_FIRST, COMPENSATION_RETRY)
                    .expectActiveSagas(1);
        }

        @Test
        void deadlineDoesNothingOnceCreditIsReserved() {
            givenConfirmed()
                    .whenTimeElapses(TIMEOUT.multipliedBy(2))
                    .expectNoDispatchedCommands()
                    .expectActiveSagas(1);
        }
    }

    @Nested
    class StockRejection {

        @Test
        void rejectedLineReleasesExactlyTheReservedLinesAndRejectsTheOrder() {
            OrderPlacedEvent threeLines = new OrderPlacedEvent(ORDER, CUSTOMER, "EUR",
                    List.of(new OrderLine(A, 2, BigDecimal.ONE), new OrderLine(B, 1, BigDecimal.ONE),
                            new OrderLine("SKU-C", 4, BigDecimal.ONE)),
                    PLACED.shippingAddress(), new BigDecimal("7"));

            fixture.givenAPublished(threeLines)
                   .andThenAPublished(new StockReservedEvent("SKU-C", ORDER, 4, 0))
                   .andThenAPublished(A_RESERVED)
                   .whenPublishingA(B_REJECTED)
                   .expectDispatchedCommands(
                           new ReleaseStockCommand(A, ORDER),
                           new ReleaseStockCommand("SKU-C", ORDER),
                           new RejectOrderCommand(ORDER,
                                   "Stock for SKU SKU-B could not be reserved: requested 1, available 0 (insufficient stock)"))
                   .expectScheduledDeadlineWithName(RETRY_FIRST, COMPENSATION_RETRY)
                   .expectActiveSagas(1);
        }

        @Test
        void rejectionBeforeOtherAnswersReleasesNothingYetAndWaits() {
            fixture.givenAPublished(PLACED)
                   .whenPublishingA(B_REJECTED)
                   .expectDispatchedCommands(new RejectOrderCommand(ORDER,
                           "Stock for SKU SKU-B could not be reserved: requested 1, available 0 (insufficient stock)"))
                   .expectNoScheduledDeadlineWithName(TIMEOUT, DEADLINE)
                   .expectScheduledDeadlineWithName(TIMEOUT, SETTLE_DEADLINE)
                   .expectActiveSagas(1);
        }

        @Test
        void lateReservationAfterRejectionIsReleased() {
            fixture.givenAPublished(PLACED)
                   .andThenAPublished(B_REJECTED)
                   .whenPublishingA(A_RESERVED)
                   .expectDispatchedCommands(new ReleaseStockCommand(A, ORDER))
                   .expectScheduledDeadlineWithName(RETRY_FIRST, COMPENSATION_RETRY)
                   .expectActiveSagas(1);
        }

        @Test
        void secondRejectionDoesNotRejectTheOrderTwice() {
            fixture.givenAPublished(PLACED)
                   .andThenAPublished(B_REJECTED)
                   .whenPublishingA(new StockReservationRejectedEvent(A, ORDER, 2, 1, ""))
                   .expectNoDispatchedCommands()
                   .expectScheduledDeadlineWithName(RETRY_FIRST, COMPENSATION_RETRY)
                   .expectActiveSagas(1);
        }

        @Test
        void ownRejectionEventChangesNothing() {
            fixture.givenAPublished(PLACED)
                   .andThenAPublished(B_REJECTED)
                   .whenPublishingA(new OrderRejectedEvent(ORDER, "whatever"))
                   .expectNoDispatchedCommands()
                   .expectActiveSagas(1);
        }

        @Test
        void unansweredReservationsAreReleasedBlindlyWhenTheSettleDeadlineGivesUp() {
            fixture.givenAPublished(PLACED)
                   .andThenAPublished(B_REJECTED)
                   .whenTimeElapses(TIMEOUT)
                   .expectDispatchedCommands(new ReleaseStockCommand(A, ORDER))
                   .expectTriggeredDeadlinesWithName(SETTLE_DEADLINE)
                   .expectScheduledDeadlineWithName(RETRY_FIRST, COMPENSATION_RETRY)
                   .expectActiveSagas(1);
        }
    }

    @Nested
    class CreditRefusal {

        @Test
        void refusedCreditReleasesAllStockAndRejectsTheOrder() {
            givenStockReserved()
                    .whenPublishingA(CREDIT_REFUSED)
                    .expectDispatchedCommands(
                            new ReleaseStockCommand(A, ORDER),
                            new ReleaseStockCommand(B, ORDER),
                            new RejectOrderCommand(ORDER,
                                    "Credit of 70.00 EUR refused for customer customer-1 (credit limit exceeded)"))
                    .expectScheduledDeadlineWithName(RETRY_FIRST, COMPENSATION_RETRY)
                    .expectActiveSagas(1);
        }
    }

    @Nested
    class Deadline {

        @Test
        void deadlineBeforeAllReservedReleasesTheReservedAndRejects() {
            fixture.givenAPublished(PLACED)
                   .andThenAPublished(A_RESERVED)
                   .whenTimeElapses(TIMEOUT)
                   .expectTriggeredDeadlinesWithName(DEADLINE)
                   .expectDispatchedCommands(
                           new ReleaseStockCommand(A, ORDER),
                           new RejectOrderCommand(ORDER, "Fulfilment timed out after 30 s waiting for stock of SKU SKU-B"))
                   .expectScheduledDeadlineWithName(TIMEOUT, SETTLE_DEADLINE)
                   .expectActiveSagas(1);
        }

        @Test
        void reservationArrivingAfterTheTimeoutIsReleased() throws Exception {
            fixture.givenAPublished(PLACED)
                   .andThenAPublished(A_RESERVED)
                   .andThenTimeElapses(TIMEOUT)
                   .whenPublishingA(B_RESERVED)
                   .expectDispatchedCommands(new ReleaseStockCommand(B, ORDER))
                   .expectScheduledDeadlineWithName(RETRY_FIRST, COMPENSATION_RETRY)
                   .expectActiveSagas(1);
        }

        @Test
        void deadlineIsNotMetBeforeTheTimeout() {
            fixture.givenAPublished(PLACED)
                   .andThenAPublished(A_RESERVED)
                   .whenTimeElapses(TIMEOUT.minusSeconds(1))
                   .expectNoDispatchedCommands()
                   .expectScheduledDeadlineWithName(Duration.ofSeconds(1), DEADLINE);
        }

        @Test
        void deadlineBeforeTheOrderRecordsItsStockReleasesAllAndRejects() {
            fixture.givenAPublished(PLACED)
                   .andThenAPublished(A_RESERVED)
                   .andThenAPublished(B_RESERVED)
                   .whenTimeElapses(TIMEOUT)
                   .expectDispatchedCommands(
                           new ReleaseStockCommand(A, ORDER),
                           new ReleaseStockCommand(B, ORDER),
                           new RejectOrderCommand(ORDER,
                                   "Fulfilment timed out after 30 s waiting for the order to record its reserved stock"))
                   .expectScheduledDeadlineWithName(RETRY_FIRST, COMPENSATION_RETRY)
                   .expectActiveSagas(1);
        }

        @Test
        void deadlineBeforeCreditReleasesAllStockAndRejects() {
            givenStockReserved()
                    .whenTimeElapses(TIMEOUT)
                    .expectDispatchedCommands(
                            new ReleaseStockCommand(A, ORDER),
                            new ReleaseStockCommand(B, ORDER),
                            new RejectOrderCommand(ORDER,
                                    "Fulfilment timed out after 30 s waiting for credit of customer customer-1"))
                    .expectScheduledDeadlineWithName(TIMEOUT, SETTLE_DEADLINE)
                    .expectActiveSagas(1);
        }

        @Test
        void creditReservedAfterTheTimeoutIsReleased() throws Exception {
            givenStockReserved()
                    .andThenTimeElapses(TIMEOUT)
                    .whenPublishingA(CREDIT_RESERVED)
                    .expectDispatchedCommands(new ReleaseCreditCommand(CUSTOMER, ORDER))
                    .expectScheduledDeadlineWithName(RETRY_FIRST, COMPENSATION_RETRY)
                    .expectActiveSagas(1);
        }

        @Test
        void creditRefusedAfterTheTimeoutSendsNothingMore() throws Exception {
            givenStockReserved()
                    .andThenTimeElapses(TIMEOUT)
                    .whenPublishingA(CREDIT_REFUSED)
                    .expectNoDispatchedCommands()
                    .expectScheduledDeadlineWithName(RETRY_FIRST, COMPENSATION_RETRY)
                    .expectActiveSagas(1);
        }

        @Test
        void failedReservationCommandIsCaughtByTheDeadline() {
            fixture.setCallbackBehavior((command, metaData) -> {
                throw new IllegalStateException("command bus unavailable");
            });
            fixture.givenAPublished(PLACED)
                   .whenTimeElapses(TIMEOUT)
                   .expectDispatchedCommands(new RejectOrderCommand(ORDER,
                           "Fulfilment timed out after 30 s waiting for stock of SKU SKU-A, SKU-B"))
                   .expectScheduledDeadlineWithName(TIMEOUT, SETTLE_DEADLINE);
        }

        @Test
        void timeoutIsNamedInMillisecondsWhenNotWholeSeconds() {
            fixture = fixtureWithTimeout(Duration.ofMillis(1500));
            fixture.givenAPublished(PLACED)
                   .andThenAPublished(A_RESERVED)
                   .andThenAPublished(B_RESERVED)
                   .whenTimeElapses(Duration.ofMillis(1500))
                   .expectDispatchedCommands(
                           new ReleaseStockCommand(A, ORDER),
                           new ReleaseStockCommand(B, ORDER),
                           new RejectOrderCommand(ORDER,
                                   "Fulfilment timed out after 1500 ms waiting for the order to record its reserved stock"));
        }
    }

    @Nested
    class Cancellation {

        private static final OrderCancelledEvent CANCELLED = new OrderCancelledEvent(ORDER, "customer changed mind");

        @Test
        void cancelledRightAfterPlacingWaitsForTheReservationAnswers() {
            fixture.givenAPublished(PLACED)
                   .whenPublishingA(CANCELLED)
                   .expectNoDispatchedCommands()
                   .expectNoScheduledDeadlineWithName(TIMEOUT, DEADLINE)
                   .expectScheduledDeadlineWithName(TIMEOUT, SETTLE_DEADLINE)
                   .expectActiveSagas(1);
        }

        @Test
        void reservationsAnsweredAfterCancellationAreSettled() {
            fixture.givenAPublished(PLACED)
                   .andThenAPublished(CANCELLED)
                   .andThenAPublished(A_RESERVED)
                   .whenPublishingA(B_REJECTED)
                   .expectNoDispatchedCommands()
                   .expectScheduledDeadlineWithName(RETRY_FIRST, COMPENSATION_RETRY)
                   .expectActiveSagas(1);
        }

        @Test
        void reservationAfterCancellationIsReleased() {
            fixture.givenAPublished(PLACED)
                   .andThenAPublished(CANCELLED)
                   .whenPublishingA(A_RESERVED)
                   .expectDispatchedCommands(new ReleaseStockCommand(A, ORDER))
                   .expectActiveSagas(1);
        }

        @Test
        void cancelledWhilePartlyReservedReleasesTheReservedLine() {
            fixture.givenAPublished(PLACED)
                   .andThenAPublished(A_RESERVED)
                   .whenPublishingA(CANCELLED)
                   .expectDispatchedCommands(new ReleaseStockCommand(A, ORDER))
                   .expectActiveSagas(1);
        }

        @Test
        void cancelledWithStockReservedReleasesItAndWaitsForTheCreditAnswer() {
            givenStockReserved()
                    .whenPublishingA(CANCELLED)
                    .expectDispatchedCommands(new ReleaseStockCommand(A, ORDER), new ReleaseStockCommand(B, ORDER))
                    .expectNoScheduledDeadlineWithName(TIMEOUT, DEADLINE)
                    .expectScheduledDeadlineWithName(TIMEOUT, SETTLE_DEADLINE)
                    .expectActiveSagas(1);
        }

        @Test
        void creditReservedAfterCancellationIsReleased() {
            givenStockReserved()
                    .andThenAPublished(CANCELLED)
                    .whenPublishingA(CREDIT_RESERVED)
                    .expectDispatchedCommands(new ReleaseCreditCommand(CUSTOMER, ORDER))
                    .expectScheduledDeadlineWithName(RETRY_FIRST, COMPENSATION_RETRY)
                    .expectActiveSagas(1);
        }

        @Test
        void cancelledWhileAllReservedBeforeCreditWasAskedReleasesStock() {
            fixture.givenAPublished(PLACED)
                   .andThenAPublished(A_RESERVED)
                   .andThenAPublished(B_RESERVED)
                   .whenPublishingA(CANCELLED)
                   .expectDispatchedCommands(new ReleaseStockCommand(A, ORDER), new ReleaseStockCommand(B, ORDER))
                   .expectScheduledDeadlineWithName(RETRY_FIRST, COMPENSATION_RETRY)
                   .expectActiveSagas(1);
        }

        @Test
        void cancelledAfterConfirmationReleasesStockAndCredit() {
            givenConfirmed()
                    .whenPublishingA(CANCELLED)
                    .expectDispatchedCommands(
                            new ReleaseStockCommand(A, ORDER),
                            new ReleaseStockCommand(B, ORDER),
                            new ReleaseCreditCommand(CUSTOMER, ORDER))
                    .expectScheduledDeadlineWithName(RETRY_FIRST, COMPENSATION_RETRY)
                    .expectActiveSagas(1);
        }

        @Test
        void orderRejectedElsewhereReleasesLikeACancellation() {
            givenConfirmed()
                    .whenPublishingA(new OrderRejectedEvent(ORDER, "fraud suspected"))
                    .expectDispatchedCommands(
                            new ReleaseStockCommand(A, ORDER),
                            new ReleaseStockCommand(B, ORDER),
                            new ReleaseCreditCommand(CUSTOMER, ORDER))
                    .expectScheduledDeadlineWithName(RETRY_FIRST, COMPENSATION_RETRY)
                    .expectActiveSagas(1);
        }
    }

    /** Releases, shipments and the rejection are sent until seen done; the saga ends only then. */
    @Nested
    class Compensations {

        private static final StockReleasedEvent A_RELEASED = new StockReleasedEvent(A, ORDER, 2, 10);
        private static final StockReleasedEvent B_RELEASED = new StockReleasedEvent(B, ORDER, 1, 5);
        private static final CreditReleasedEvent CREDIT_RELEASED =
                new CreditReleasedEvent(CUSTOMER, ORDER, TOTAL, new BigDecimal("1000.00"));
        private static final String CREDIT_REASON =
                "Credit of 70.00 EUR refused for customer customer-1 (credit limit exceeded)";

        @Test
        void theSagaEndsOnceEveryReleaseAndTheRejectionAreSeen() {
            givenStockReserved()
                    .andThenAPublished(CREDIT_REFUSED)
                    .andThenAPublished(A_RELEASED)
                    .andThenAPublished(new OrderRejectedEvent(ORDER, CREDIT_REASON))
                    .whenPublishingA(B_RELEASED)
                    .expectNoDispatchedCommands()
                    .expectNoScheduledDeadlines()
                    .expectActiveSagas(0);
        }

        @Test
        void aReleaseNotSeenIsSentAgainWithAGrowingPause() {
            givenStockReserved()
                    .andThenAPublished(CREDIT_REFUSED)
                    .andThenAPublished(A_RELEASED)
                    .andThenAPublished(new OrderRejectedEvent(ORDER, CREDIT_REASON))
                    .whenTimeElapses(RETRY_FIRST)
                    .expectTriggeredDeadlinesWithName(COMPENSATION_RETRY)
                    .expectDispatchedCommands(new ReleaseStockCommand(B, ORDER))
                    .expectScheduledDeadlineWithName(RETRY_FIRST.multipliedBy(2), COMPENSATION_RETRY)
                    .expectActiveSagas(1);
        }

        @Test
        void aReleaseThatKeepsFailingIsNeverDropped() throws Exception {
            fixture.setCallbackBehavior((command, metaData) -> {
                if (command instanceof ReleaseStockCommand) {
                    throw new IllegalStateException("stock item unavailable");
                }
                return null;
            });
            givenStockReserved()
                    .andThenAPublished(CREDIT_REFUSED)
                    .andThenAPublished(new OrderRejectedEvent(ORDER, CREDIT_REASON))
                    .andThenTimeElapses(RETRY_FIRST)
                    .andThenTimeElapses(RETRY_FIRST.multipliedBy(2))
                    .whenTimeElapses(RETRY_FIRST.multipliedBy(4))
                    .expectDispatchedCommands(new ReleaseStockCommand(A, ORDER), new ReleaseStockCommand(B, ORDER))
                    .expectScheduledDeadlineWithName(RETRY_FIRST.multipliedBy(8), COMPENSATION_RETRY)
                    .expectActiveSagas(1);
        }

        @Test
        void thePauseStopsGrowingAtTheMaximum() throws Exception {
            ContinuedGivenState state = givenStockReserved()
                    .andThenAPublished(CREDIT_REFUSED)
                    .andThenAPublished(new OrderRejectedEvent(ORDER, CREDIT_REASON));
            Duration pause = RETRY_FIRST;
            for (int round = 0; round < 8; round++) {
                state = state.andThenTimeElapses(pause);
                pause = pause.multipliedBy(2).compareTo(OrderFulfilmentSaga.RETRY_MAX) > 0
                        ? OrderFulfilmentSaga.RETRY_MAX : pause.multipliedBy(2);
            }
            state.whenTimeElapses(OrderFulfilmentSaga.RETRY_MAX)
                 .expectDispatchedCommands(new ReleaseStockCommand(A, ORDER), new ReleaseStockCommand(B, ORDER))
                 .expectScheduledDeadlineWithName(OrderFulfilmentSaga.RETRY_MAX, COMPENSATION_RETRY);
        }

        @Test
        void aRejectionNotSeenIsSentAgainUntilTheOrderIsRejected() {
            givenStockReserved()
                    .andThenAPublished(CREDIT_REFUSED)
                    .andThenAPublished(A_RELEASED)
                    .andThenAPublished(B_RELEASED)
                    .whenTimeElapses(RETRY_FIRST)
                    .expectDispatchedCommands(new RejectOrderCommand(ORDER, CREDIT_REASON))
                    .expectActiveSagas(1);
        }

        @Test
        void aCancellationSettlesAPendingRejection() {
            givenStockReserved()
                    .andThenAPublished(CREDIT_REFUSED)
                    .andThenAPublished(A_RELEASED)
                    .andThenAPublished(B_RELEASED)
                    .whenPublishingA(new OrderCancelledEvent(ORDER, "customer changed mind"))
                    .expectNoDispatchedCommands()
                    .expectNoScheduledDeadlines()
                    .expectActiveSagas(0);
        }

        @Test
        void cancelledAfterConfirmationEndsOnceStockAndCreditAreSeenReleased() {
            givenConfirmed()
                    .andThenAPublished(new OrderCancelledEvent(ORDER, "customer changed mind"))
                    .andThenAPublished(A_RELEASED)
                    .andThenAPublished(CREDIT_RELEASED)
                    .whenPublishingA(B_RELEASED)
                    .expectNoDispatchedCommands()
                    .expectNoScheduledDeadlines()
                    .expectActiveSagas(0);
        }

        @Test
        void aCreditReleaseNotSeenIsSentAgain() {
            givenConfirmed()
                    .andThenAPublished(new OrderCancelledEvent(ORDER, "customer changed mind"))
                    .andThenAPublished(A_RELEASED)
                    .andThenAPublished(B_RELEASED)
                    .whenTimeElapses(RETRY_FIRST)
                    .expectDispatchedCommands(new ReleaseCreditCommand(CUSTOMER, ORDER))
                    .expectActiveSagas(1);
        }

        @Test
        void shippingEndsOnceEveryShipmentIsSeen() {
            givenConfirmed()
                    .andThenAPublished(new OrderShippedEvent(ORDER))
                    .andThenAPublished(new ReservedStockShippedEvent(A, ORDER, 2, 8))
                    .whenPublishingA(new ReservedStockShippedEvent(B, ORDER, 1, 4))
                    .expectNoDispatchedCommands()
                    .expectNoScheduledDeadlines()
                    .expectActiveSagas(0);
        }

        @Test
        void aShipmentNotSeenIsSentAgain() {
            givenConfirmed()
                    .andThenAPublished(new OrderShippedEvent(ORDER))
                    .andThenAPublished(new ReservedStockShippedEvent(A, ORDER, 2, 8))
                    .whenTimeElapses(RETRY_FIRST)
                    .expectDispatchedCommands(new ShipReservedStockCommand(B, ORDER))
                    .expectActiveSagas(1);
        }

        @Test
        void aReleaseForAnotherSkuOrASecondOneChangesNothing() {
            givenStockReserved()
                    .andThenAPublished(CREDIT_REFUSED)
                    .andThenAPublished(A_RELEASED)
                    .whenPublishingA(A_RELEASED)
                    .expectNoDispatchedCommands()
                    .expectActiveSagas(1);
        }
    }

    /** Placed, every line reserved and recorded, credit asked for. */
    private ContinuedGivenState givenStockReserved() {
        return fixture.givenAPublished(PLACED)
                      .andThenAPublished(A_RESERVED)
                      .andThenAPublished(B_RESERVED)
                      .andThenAPublished(new OrderStockReservedEvent(ORDER));
    }

    /** Stock and credit reserved, confirmation sent. */
    private ContinuedGivenState givenConfirmed() {
        return givenStockReserved()
                .andThenAPublished(CREDIT_RESERVED)
                .andThenAPublished(new OrderConfirmedEvent(ORDER, CUSTOMER, TOTAL, "EUR"));
    }
}
