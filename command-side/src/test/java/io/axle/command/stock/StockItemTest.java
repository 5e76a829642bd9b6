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
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.axle.command.RefusalMatchers.refusal;

class StockItemTest {

    private static final String SKU = "BRK-PAD-01";
    private static final StockReceivedEvent RECEIVED_10 = new StockReceivedEvent(SKU, 10, 10);
    private static final StockReservationRejectedEvent UNKNOWN_REJECTED =
            new StockReservationRejectedEvent(SKU, "o-1", 2, 0, "unknown SKU " + SKU);

    private FixtureConfiguration<StockItem> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(StockItem.class);
    }

    // receipts

    @Test
    void firstReceiptCreatesTheStockItem() {
        fixture.givenNoPriorActivity()
                .when(new ReceiveStockCommand(SKU, 10))
                .expectEvents(RECEIVED_10);
    }

    @Test
    void furtherReceiptsAddToOnHand() {
        fixture.given(RECEIVED_10)
                .when(new ReceiveStockCommand(SKU, 5))
                .expectEvents(new StockReceivedEvent(SKU, 5, 15));
    }

    @Test
    void refusesReceiptOfZero() {
        fixture.givenNoPriorActivity()
                .when(new ReceiveStockCommand(SKU, 0))
                .expectException(refusal(422, "quantity", "positive"))
                .expectNoEvents();
    }

    @Test
    void refusesNegativeReceipt() {
        fixture.given(RECEIVED_10)
                .when(new ReceiveStockCommand(SKU, -3))
                .expectException(refusal(422, "quantity", "positive"));
    }

    @Test
    void receiptMakesASkuKnownThatWasOnlyRejectedBefore() {
        fixture.given(UNKNOWN_REJECTED)
                .when(new ReceiveStockCommand(SKU, 4))
                .expectEvents(new StockReceivedEvent(SKU, 4, 4));
    }

    // adjustments

    @Test
    void adjustsUpWithReason() {
        fixture.given(RECEIVED_10)
                .when(new AdjustStockCommand(SKU, 3, "found in returns"))
                .expectEvents(new StockAdjustedEvent(SKU, 3, "found in returns", 13));
    }

    @Test
    void adjustsDownToZero() {
        fixture.given(RECEIVED_10)
                .when(new AdjustStockCommand(SKU, -10, "water damage"))
                .expectEvents(new StockAdjustedEvent(SKU, -10, "water damage", 0));
    }

    @Test
    void refusesAdjustmentWithoutReason() {
        fixture.given(RECEIVED_10)
                .when(new AdjustStockCommand(SKU, -1, " "))
                .expectException(refusal(422, "reason", "required"))
                .expectExceptionMessage("reason is required");
    }

    @Test
    void refusesAdjustmentByZero() {
        fixture.given(RECEIVED_10)
                .when(new AdjustStockCommand(SKU, 0, "nothing"))
                .expectException(refusal(422, "quantity", "non-zero"));
    }

    @Test
    void refusesAdjustmentBelowZeroOnHand() {
        fixture.given(RECEIVED_10)
                .when(new AdjustStockCommand(SKU, -11, "theft"))
                .expectException(refusal(422, "quantity", "not-below-zero"))
                .expectNoEvents();
    }

    @Test
    void refusesAdjustmentBelowWhatIsReserved() {
        fixture.given(RECEIVED_10, new StockReservedEvent(SKU, "o-1", 6, 4))
                .when(new AdjustStockCommand(SKU, -5, "breakage"))
                .expectException(refusal(422, "quantity", "not-below-reserved"))
                .expectExceptionMessage("adjusting by -5 would leave 5 on hand, below the 6 reserved");
    }

    @Test
    void allowsAdjustmentDownToExactlyWhatIsReserved() {
        fixture.given(RECEIVED_10, new StockReservedEvent(SKU, "o-1", 6, 4))
                .when(new AdjustStockCommand(SKU, -4, "breakage"))
                .expectEvents(new StockAdjustedEvent(SKU, -4, "breakage", 6));
    }

    @Test
    void adjustingASkuThatNeverExistedIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new AdjustStockCommand(SKU, 1, "found"))
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void adjustingASkuKnownOnlyFromARejectedReservationIsNotFound() {
        fixture.given(UNKNOWN_REJECTED)
                .when(new AdjustStockCommand(SKU, 1, "found"))
                .expectException(refusal(404, "sku", "must-exist"))
                .expectNoEvents();
    }

    // counts

    @Test
    void countRecordsTheDifferenceToTheLedger() {
        fixture.given(RECEIVED_10)
                .when(new CountStockCommand(SKU, 8))
                .expectEvents(new StockCountedEvent(SKU, 8, -2, 8));
    }

    @Test
    void countMatchingTheLedgerIsStillRecorded() {
        fixture.given(RECEIVED_10)
                .when(new CountStockCommand(SKU, 10))
                .expectEvents(new StockCountedEvent(SKU, 10, 0, 10));
    }

    @Test
    void countMayFindMoreThanTheLedger() {
        fixture.given(RECEIVED_10)
                .when(new CountStockCommand(SKU, 12))
                .expectEvents(new StockCountedEvent(SKU, 12, 2, 12));
    }

    @Test
    void refusesNegativeCount() {
        fixture.given(RECEIVED_10)
                .when(new CountStockCommand(SKU, -1))
                .expectException(refusal(422, "counted", "non-negative"));
    }

    @Test
    void refusesCountBelowWhatIsReserved() {
        fixture.given(RECEIVED_10, new StockReservedEvent(SKU, "o-1", 6, 4))
                .when(new CountStockCommand(SKU, 5))
                .expectException(refusal(422, "counted", "not-below-reserved"));
    }

    @Test
    void countingASkuThatNeverExistedIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new CountStockCommand(SKU, 1))
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void countingASkuKnownOnlyFromARejectedReservationIsNotFound() {
        fixture.given(UNKNOWN_REJECTED)
                .when(new CountStockCommand(SKU, 1))
                .expectException(refusal(404, "sku", "must-exist"));
    }

    // reservations

    @Test
    void reservesWhatIsAvailable() {
        fixture.given(RECEIVED_10)
                .when(new ReserveStockCommand(SKU, "o-1", 4))
                .expectEvents(new StockReservedEvent(SKU, "o-1", 4, 6));
    }

    @Test
    void reservesExactlyWhatIsAvailable() {
        fixture.given(RECEIVED_10, new StockReservedEvent(SKU, "o-1", 4, 6))
                .when(new ReserveStockCommand(SKU, "o-2", 6))
                .expectEvents(new StockReservedEvent(SKU, "o-2", 6, 0));
    }

    @Test
    void cannotReserveMoreThanAvailable() {
        fixture.given(RECEIVED_10)
                .when(new ReserveStockCommand(SKU, "o-1", 11))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new StockReservationRejectedEvent(SKU, "o-1", 11, 10,
                        "insufficient stock for SKU " + SKU + ": requested 11, available 10"));
    }

    @Test
    void neverOversellsAcrossOrders() {
        fixture.given(RECEIVED_10, new StockReservedEvent(SKU, "o-1", 6, 4))
                .when(new ReserveStockCommand(SKU, "o-2", 5))
                .expectEvents(new StockReservationRejectedEvent(SKU, "o-2", 5, 4,
                        "insufficient stock for SKU " + SKU + ": requested 5, available 4"));
    }

    @Test
    void shippedStockIsNoLongerAvailable() {
        fixture.given(RECEIVED_10, new StockReservedEvent(SKU, "o-1", 6, 4),
                        new ReservedStockShippedEvent(SKU, "o-1", 6, 4))
                .when(new ReserveStockCommand(SKU, "o-2", 5))
                .expectEvents(new StockReservationRejectedEvent(SKU, "o-2", 5, 4,
                        "insufficient stock for SKU " + SKU + ": requested 5, available 4"));
    }

    @Test
    void secondReservationForTheSameOrderDoesNothing() {
        fixture.given(RECEIVED_10, new StockReservedEvent(SKU, "o-1", 4, 6))
                .when(new ReserveStockCommand(SKU, "o-1", 4))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void reservingAnUnknownSkuIsARejectionNotAFailure() {
        fixture.givenNoPriorActivity()
                .when(new ReserveStockCommand(SKU, "o-1", 2))
                .expectSuccessfulHandlerExecution()
                .expectEvents(UNKNOWN_REJECTED);
    }

    @Test
    void reservingASkuKnownOnlyFromARejectionIsRejectedAgain() {
        fixture.given(UNKNOWN_REJECTED)
                .when(new ReserveStockCommand(SKU, "o-2", 1))
                .expectEvents(new StockReservationRejectedEvent(SKU, "o-2", 1, 0, "unknown SKU " + SKU));
    }

    @Test
    void rejectedOrderMayReserveOnceStockArrives() {
        fixture.given(UNKNOWN_REJECTED, new StockReceivedEvent(SKU, 5, 5))
                .when(new ReserveStockCommand(SKU, "o-1", 2))
                .expectEvents(new StockReservedEvent(SKU, "o-1", 2, 3));
    }

    @Test
    void refusesReservationOfNothing() {
        fixture.given(RECEIVED_10)
                .when(new ReserveStockCommand(SKU, "o-1", 0))
                .expectException(refusal(422, "quantity", "positive"));
    }

    @Test
    void refusesReservationWithoutOrder() {
        fixture.given(RECEIVED_10)
                .when(new ReserveStockCommand(SKU, null, 1))
                .expectException(refusal(422, "orderId", "required"));
    }

    // releases and shipments

    @Test
    void releaseGivesBackExactlyWhatTheOrderReserved() {
        fixture.given(RECEIVED_10, new StockReservedEvent(SKU, "o-1", 4, 6), new StockReservedEvent(SKU, "o-2", 3, 3))
                .when(new ReleaseStockCommand(SKU, "o-1"))
                .expectEvents(new StockReleasedEvent(SKU, "o-1", 4, 7));
    }

    @Test
    void releaseWithoutReservationDoesNothing() {
        fixture.given(RECEIVED_10)
                .when(new ReleaseStockCommand(SKU, "o-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void secondReleaseForTheSameOrderDoesNothing() {
        fixture.given(RECEIVED_10, new StockReservedEvent(SKU, "o-1", 4, 6), new StockReleasedEvent(SKU, "o-1", 4, 10))
                .when(new ReleaseStockCommand(SKU, "o-1"))
                .expectNoEvents();
    }

    @Test
    void releaseOnASkuKnownOnlyFromARejectionDoesNothing() {
        fixture.given(UNKNOWN_REJECTED)
                .when(new ReleaseStockCommand(SKU, "o-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void releasedStockCanBeReservedAgain() {
        fixture.given(RECEIVED_10, new StockReservedEvent(SKU, "o-1", 10, 0), new StockReleasedEvent(SKU, "o-1", 10, 10))
                .when(new ReserveStockCommand(SKU, "o-2", 10))
                .expectEvents(new StockReservedEvent(SKU, "o-2", 10, 0));
    }

    @Test
    void shippingTakesTheReservedGoodsOutOfStock() {
        fixture.given(RECEIVED_10, new StockReservedEvent(SKU, "o-1", 4, 6))
                .when(new ShipReservedStockCommand(SKU, "o-1"))
                .expectEvents(new ReservedStockShippedEvent(SKU, "o-1", 4, 6));
    }

    @Test
    void shippingWithoutReservationDoesNothing() {
        fixture.given(RECEIVED_10)
                .when(new ShipReservedStockCommand(SKU, "o-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void shippingTwiceShipsOnce() {
        fixture.given(RECEIVED_10, new StockReservedEvent(SKU, "o-1", 4, 6),
                        new ReservedStockShippedEvent(SKU, "o-1", 4, 6))
                .when(new ShipReservedStockCommand(SKU, "o-1"))
                .expectNoEvents();
    }

    @Test
    void shippingAfterReleaseDoesNothing() {
        fixture.given(RECEIVED_10, new StockReservedEvent(SKU, "o-1", 4, 6), new StockReleasedEvent(SKU, "o-1", 4, 10))
                .when(new ShipReservedStockCommand(SKU, "o-1"))
                .expectNoEvents();
    }

    @Test
    void releasingStockOfASkuThatNeverExistedIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new ReleaseStockCommand(SKU, "o-1"))
                .expectException(AggregateNotFoundException.class);
    }

    // bounds: receipts and reservations of at most a million units, at most a billion on hand

    private static final StockReceivedEvent FULL = new StockReceivedEvent(SKU, 1_000_000, 1_000_000_000);

    @Test
    void refusesAReceiptOfMoreThanAMillionUnits() {
        fixture.givenNoPriorActivity()
                .when(new ReceiveStockCommand(SKU, 1_000_001))
                .expectException(refusal(422, "quantity", "max-quantity"))
                .expectNoEvents();
    }

    @Test
    void receivesAMillionUnitsUpToABillionOnHand() {
        fixture.given(new StockReceivedEvent(SKU, 1_000_000, 999_000_000))
                .when(new ReceiveStockCommand(SKU, 1_000_000))
                .expectEvents(new StockReceivedEvent(SKU, 1_000_000, 1_000_000_000));
    }

    @Test
    void refusesAReceiptTakingTheStockPastABillion() {
        fixture.given(FULL)
                .when(new ReceiveStockCommand(SKU, 1))
                .expectException(refusal(422, "quantity", "max-on-hand"))
                .expectNoEvents();
    }

    @Test
    void aReceiptOf2147483647ThenOneNeverWrapsTheStockAround() {
        fixture.givenNoPriorActivity()
                .when(new ReceiveStockCommand(SKU, Integer.MAX_VALUE))
                .expectException(refusal(422, "quantity", "max-quantity"));
        fixture.given(new StockReceivedEvent(SKU, Integer.MAX_VALUE, Integer.MAX_VALUE))
                .when(new ReceiveStockCommand(SKU, 1))
                .expectException(refusal(422, "quantity", "max-on-hand"))
                .expectNoEvents();
    }

    @Test
    void refusesAnAdjustmentOfMoreThanAMillionUnitsEitherWay() {
        fixture.given(FULL)
                .when(new AdjustStockCommand(SKU, -1_000_001, "write-off"))
                .expectException(refusal(422, "quantity", "max-quantity"));
        fixture.given(RECEIVED_10)
                .when(new AdjustStockCommand(SKU, Integer.MAX_VALUE, "found"))
                .expectException(refusal(422, "quantity", "max-quantity"))
                .expectNoEvents();
    }

    @Test
    void refusesAnAdjustmentTakingTheStockPastABillion() {
        fixture.given(FULL)
                .when(new AdjustStockCommand(SKU, 1, "found"))
                .expectException(refusal(422, "quantity", "max-on-hand"))
                .expectNoEvents();
    }

    @Test
    void refusesACountOfMoreThanABillion() {
        fixture.given(RECEIVED_10)
                .when(new CountStockCommand(SKU, 1_000_000_001))
                .expectException(refusal(422, "counted", "max-on-hand"))
                .expectNoEvents();
    }

    @Test
    void countsABillion() {
        fixture.given(RECEIVED_10)
                .when(new CountStockCommand(SKU, 1_000_000_000))
                .expectEvents(new StockCountedEvent(SKU, 1_000_000_000, 999_999_990, 1_000_000_000));
    }

    @Test
    void refusesAReservationOfMoreThanAMillionUnits() {
        fixture.given(FULL)
                .when(new ReserveStockCommand(SKU, "o-1", 1_000_001))
                .expectException(refusal(422, "quantity", "max-quantity"))
                .expectNoEvents();
    }
}
