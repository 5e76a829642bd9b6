package io.axle.command.order;

import io.axle.api.order.CancelOrderCommand;
import io.axle.api.order.ConfirmOrderCommand;
import io.axle.api.order.DeliverOrderCommand;
import io.axle.api.order.MarkOrderStockReservedCommand;
import io.axle.api.order.OrderCancelledEvent;
import io.axle.api.order.OrderConfirmedEvent;
import io.axle.api.order.OrderDeliveredEvent;
import io.axle.api.order.OrderLine;
import io.axle.api.order.OrderNumberSequence;
import io.axle.api.order.OrderNumberTakenEvent;
import io.axle.api.order.OrderPlacedEvent;
import io.axle.api.order.OrderRejectedEvent;
import io.axle.api.order.OrderShippedEvent;
import io.axle.api.order.OrderStockReservedEvent;
import io.axle.api.order.PlaceOrderCommand;
import io.axle.api.order.RejectOrderCommand;
import io.axle.api.order.ShipOrderCommand;
import io.axle.api.order.ShippingAddress;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import io.axle.command.product.ProductCatalogueStub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static io.axle.command.RefusalMatchers.refusal;
import static org.assertj.core.api.Assertions.assertThat;

class OrderTest {

    private static final String ID = "o-1";
    private static final ShippingAddress ADDRESS =
            new ShippingAddress("Garage Dupont", "12 rue de la Gare", "Lyon", "69001", "FR");
    private static final List<OrderLine> LINES = List.of(
            new OrderLine("BRK-PAD-01", 2, new BigDecimal("10.00")),
            new OrderLine("OIL-5W30", 1, new BigDecimal("5.50")));
    private static final int YEAR = 2026;
    private static final String SEQUENCE = new OrderNumberSequence(YEAR).id();
    private static final String NUMBER = "SO-2026-000001";
    private static final OrderPlacedEvent PLACED =
            new OrderPlacedEvent(ID, "c-1", "EUR", LINES, ADDRESS, new BigDecimal("25.50"), NUMBER);
    private static final OrderStockReservedEvent STOCK_RESERVED = new OrderStockReservedEvent(ID);
    private static final OrderConfirmedEvent CONFIRMED =
            new OrderConfirmedEvent(ID, "c-1", new BigDecimal("25.50"), "EUR");
    private static final OrderShippedEvent SHIPPED = new OrderShippedEvent(ID);
    private static final OrderDeliveredEvent DELIVERED = new OrderDeliveredEvent(ID);
    private static final OrderCancelledEvent CANCELLED = new OrderCancelledEvent(ID, "changed my mind");
    private static final OrderRejectedEvent REJECTED = new OrderRejectedEvent(ID, "out of stock");

    private final ProductCatalogueStub catalogue = new ProductCatalogueStub()
            .with("BRK-PAD-01", "10.00", "EUR")
            .with("OIL-5W30", "5.50", "EUR")
            .with("BOLT-M8", "0.335", "EUR")
            .with("SAMPLE", "0", "EUR")
            .with("WIPER", "1", "EUR")
            .with("GOLD", "1", "EUR")
            .with("A", "1", "EUR")
            .with("B", "1", "EUR");
    private FixtureConfiguration<Order> fixture;
    /** Orders are placed through their year's number sequence, which creates them; see {@link OrderNumberingTest}. */
    private FixtureConfiguration<OrderNumbering> placing;
    private EventStore orderStore;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Order.class);
        orderStore = OrderNumberingTest.orderStore();
        placing = OrderNumberingTest.placingInto(orderStore, catalogue);
        fixture.registerInjectableResource(catalogue);
    }

    /** An order placed by someone who may override the catalogue's prices, as administrators and operators may. */
    private static PlaceOrderCommand place(String customerId, String currency, List<OrderLine> lines,
                                           ShippingAddress address) {
        return new PlaceOrderCommand(YEAR, ID, customerId, currency, lines, address, true);
    }

    /** An order placed by someone who may not override prices, such as a partner. */
    private static PlaceOrderCommand placeAtCataloguePrices(List<OrderLine> lines) {
        return new PlaceOrderCommand(YEAR, ID, "c-1", "EUR", lines, ADDRESS, false);
    }

    private void expectPlaced(PlaceOrderCommand command, OrderPlacedEvent placed) {
        placing.givenNoPriorActivity()
                .when(command)
                .expectEvents(new OrderNumberTakenEvent(SEQUENCE, YEAR, 1, NUMBER, ID))
                .expectResultMessagePayload(NUMBER);
        assertThat(OrderNumberingTest.events(orderStore, ID)).containsExactly(placed);
    }

    private static List<OrderLine> withLine(OrderLine extra) {
        List<OrderLine> lines = new ArrayList<>(LINES);
        lines.add(extra);
        return lines;
    }

    // placing

    @Test
    void placesOrderWithTotalOfItsLines() {
        expectPlaced(place("c-1", "EUR", LINES, ADDRESS), PLACED);
    }

    @Test
    void roundsTheTotalHalfUpToTheCurrencysMinorUnit() {
        List<OrderLine> lines = List.of(new OrderLine("BOLT-M8", 3, new BigDecimal("0.335")));
        expectPlaced(place("c-1", "EUR", lines, ADDRESS),
                new OrderPlacedEvent(ID, "c-1", "EUR", lines, ADDRESS, new BigDecimal("1.01"), NUMBER));
    }

    @Test
    void totalOfACurrencyWithoutMinorUnitHasNoDecimals() {
        List<OrderLine> lines = List.of(new OrderLine("BOLT-M8", 3, new BigDecimal("99.5")));
        expectPlaced(place("c-1", "JPY", lines, ADDRESS),
                new OrderPlacedEvent(ID, "c-1", "JPY", lines, ADDRESS, new BigDecimal("299"), NUMBER));
    }

    @Test
    void acceptsFreeLines() {
        List<OrderLine> lines = List.of(new OrderLine("SAMPLE", 1, BigDecimal.ZERO));
        expectPlaced(place("c-1", "EUR", lines, ADDRESS),
                new OrderPlacedEvent(ID, "c-1", "EUR", lines, ADDRESS, new BigDecimal("0.00"), NUMBER));
    }

    @Test
    void refusesOrderWithoutLines() {
        placing.givenNoPriorActivity()
                .when(place("c-1", "EUR", List.of(), ADDRESS))
                .expectException(refusal(422, "lines", "not-empty"))
                .expectNoEvents();
    }

    @Test
    void refusesACustomerIdThatCannotNameADataSubject() {
        placing.givenNoPriorActivity()
                .when(place("-999999999-01-01T00:00:00Z", "EUR", LINES, ADDRESS))
                .expectException(refusal(422, "customerId", "subject-id"))
                .expectNoEvents();
    }

    @Test
    void refusesOrderWithMissingLines() {
        placing.givenNoPriorActivity()
                .when(place("c-1", "EUR", null, ADDRESS))
                .expectException(refusal(422, "lines", "not-empty"));
    }

    @Test
    void refusesLineWithZeroQuantity() {
        placing.givenNoPriorActivity()
                .when(place("c-1", "EUR", withLine(new OrderLine("WIPER", 0, BigDecimal.ONE)), ADDRESS))
                .expectException(refusal(422, "lines[2].quantity", "positive"));
    }

    @Test
    void refusesLineWithNegativeUnitPrice() {
        placing.givenNoPriorActivity()
                .when(place("c-1", "EUR", List.of(new OrderLine("WIPER", 1, new BigDecimal("-0.01"))), ADDRESS))
                .expectException(refusal(422, "lines[0].unitPrice", "non-negative"));
    }

    // bounds: prices of at most 12 integer and 4 decimal digits, quantities of at most a million, a bounded total

    @ParameterizedTest(name = "unit price {0} refused")
    @ValueSource(strings = {"1234567890123.5", "1.12345", "1E+1000000", "10.00000"})
    void refusesAUnitPriceBeyondTwelveIntegerOrFourDecimalDigits(String unitPrice) {
        placing.givenNoPriorActivity()
                .when(place("c-1", "EUR", List.of(new OrderLine("WIPER", 1, new BigDecimal(unitPrice))), ADDRESS))
                .expectException(refusal(422, "lines[0].unitPrice", "amount-digits"))
                .expectNoEvents();
    }

    @Test
    void refusesAQuantityOfMoreThanAMillion() {
        placing.givenNoPriorActivity()
                .when(place("c-1", "EUR", withLine(new OrderLine("WIPER", 1_000_001, BigDecimal.ONE)), ADDRESS))
                .expectException(refusal(422, "lines[2].quantity", "max-quantity"));
    }

    @Test
    void acceptsTheLargestQuantityAndPriceWhileTheTotalFits() {
        List<OrderLine> lines = List.of(new OrderLine("BOLT-M8", 1_000_000, new BigDecimal("999999.9999")));
        expectPlaced(place("c-1", "EUR", lines, ADDRESS),
                new OrderPlacedEvent(ID, "c-1", "EUR", lines, ADDRESS,
                        new BigDecimal("999999999900.00"), NUMBER));
    }

    @Test
    void refusesAnOrderWhoseTotalExceedsTheLargestAmount() {
        List<OrderLine> lines = List.of(new OrderLine("GOLD", 1_000_000, new BigDecimal("999999999999.9999")));
        placing.givenNoPriorActivity()
                .when(place("c-1", "EUR", lines, ADDRESS))
                .expectException(refusal(422, "lines", "max-total"))
                .expectNoEvents();
    }

    @Test
    void refusesAnOrderWhoseLinesTogetherExceedTheLargestAmount() {
        List<OrderLine> lines = List.of(new OrderLine("A", 1, new BigDecimal("600000000000")),
                new OrderLine("B", 1, new BigDecimal("400000000000")));
        placing.givenNoPriorActivity()
                .when(place("c-1", "EUR", lines, ADDRESS))
                .expectException(refusal(422, "lines", "max-total"));
    }

    @Nested
    class PricingFromTheCatalogue {

        @Test
        void aLineWithoutUnitPriceTakesTheCataloguePrice() {
            expectPlaced(placeAtCataloguePrices(List.of(new OrderLine("BRK-PAD-01", 2, null),
                    new OrderLine("OIL-5W30", 1, null))), PLACED);
        }

        @Test
        void aLineGivingTheCataloguePriceNeedsNoRole() {
            expectPlaced(placeAtCataloguePrices(List.of(new OrderLine("BRK-PAD-01", 2, new BigDecimal("10.0")),
                    new OrderLine("OIL-5W30", 1, null))), new OrderPlacedEvent(ID, "c-1", "EUR", List.of(
                    new OrderLine("BRK-PAD-01", 2, new BigDecimal("10.0")),
                    new OrderLine("OIL-5W30", 1, new BigDecimal("5.50"))), ADDRESS, new BigDecimal("25.50"), NUMBER));
        }

        @Test
        void anOverrideIsKeptWhenTheSenderMayOverride() {
            List<OrderLine> lines = List.of(new OrderLine("BRK-PAD-01", 1, new BigDecimal("8.00")));
            expectPlaced(place("c-1", "EUR", lines, ADDRESS),
                    new OrderPlacedEvent(ID, "c-1", "EUR", lines, ADDRESS, new BigDecimal("8.00"), NUMBER));
        }

        @Test
        void refusesAnOverrideFromASenderWhoMayNot() {
            placing.givenNoPriorActivity()
                    .when(placeAtCataloguePrices(List.of(new OrderLine("OIL-5W30", 1, null),
                            new OrderLine("BRK-PAD-01", 1, new BigDecimal("8.00")))))
                    .expectException(refusal(403, "lines[1].unitPrice", "price-override"))
                    .expectNoEvents();
        }

        @Test
        void refusesAnUnknownSkuNamingItsLine() {
            placing.givenNoPriorActivity()
                    .when(place("c-1", "EUR", withLine(new OrderLine("NOT-IN-CATALOGUE", 1, BigDecimal.ONE)),
                            ADDRESS))
                    .expectException(refusal(422, "lines[2].sku", "unknown-product"))
                    .expectNoEvents();
        }

        @Test
        void refusesADiscontinuedProductNamingItsLine() {
            catalogue.with("OLD-PART", "3", "EUR").discontinue("OLD-PART");
            placing.givenNoPriorActivity()
                    .when(place("c-1", "EUR", List.of(new OrderLine("OIL-5W30", 1, null),
                            new OrderLine("OLD-PART", 1, null)), ADDRESS))
                    .expectException(refusal(422, "lines[1].sku", "product-discontinued"))
                    .expectNoEvents();
        }

        @Test
        void aLineWithoutUnitPriceInAnotherCurrencyThanTheProductsIsRefused() {
            placing.givenNoPriorActivity()
                    .when(place("c-1", "USD", List.of(new OrderLine("WIPER", 1, null)), ADDRESS))
                    .expectException(refusal(422, "lines[0].unitPrice", "product-currency"))
                    .expectNoEvents();
        }

        @Test
        void aPriceInAnotherCurrencyIsAnOverride() {
            placing.givenNoPriorActivity()
                    .when(new PlaceOrderCommand(YEAR, ID, "c-1", "USD", List.of(new OrderLine("WIPER", 1, BigDecimal.ONE)),
                            ADDRESS, false))
                    .expectException(refusal(403, "lines[0].unitPrice", "price-override"))
                    .expectNoEvents();
        }
    }

    @Test
    void refusesLineWithoutSku() {
        placing.givenNoPriorActivity()
                .when(place("c-1", "EUR", List.of(new OrderLine(" ", 1, BigDecimal.ONE)), ADDRESS))
                .expectException(refusal(422, "lines[0].sku", "required"));
    }

    @Test
    void refusesTheSameSkuOnTwoLinesBecauseStockIsReservedOncePerOrderAndSku() {
        placing.givenNoPriorActivity()
                .when(place("c-1", "EUR", withLine(new OrderLine("BRK-PAD-01", 1, BigDecimal.ONE)), ADDRESS))
                .expectException(refusal(422, "lines[2].sku", "unique-sku"));
    }

    @Test
    void refusesUnknownCurrency() {
        placing.givenNoPriorActivity()
                .when(place("c-1", "EUX", LINES, ADDRESS))
                .expectException(refusal(422, "currency", "iso-4217"));
    }

    @Test
    void refusesOrderWithoutCustomer() {
        placing.givenNoPriorActivity()
                .when(place("", "EUR", LINES, ADDRESS))
                .expectException(refusal(422, "customerId", "required"));
    }

    @Test
    void refusesOrderWithoutShippingAddress() {
        placing.givenNoPriorActivity()
                .when(place("c-1", "EUR", LINES, null))
                .expectException(refusal(422, "shippingAddress", "required"));
    }

    @Test
    void refusesShippingAddressWithoutStreet() {
        ShippingAddress noStreet = new ShippingAddress("Garage Dupont", "", "Lyon", "69001", "FR");
        placing.givenNoPriorActivity()
                .when(place("c-1", "EUR", LINES, noStreet))
                .expectException(refusal(422, "shippingAddress.street", "required"));
    }

    @Test
    void refusesShippingAddressInUnknownCountry() {
        ShippingAddress nowhere = new ShippingAddress("Garage Dupont", "1 rue", "Lyon", "69001", "ZZ");
        placing.givenNoPriorActivity()
                .when(place("c-1", "EUR", LINES, nowhere))
                .expectException(refusal(422, "shippingAddress.country", "iso-3166"));
    }

    // the happy path, one step at a time

    @Test
    void placedOrderMovesToStockReserved() {
        fixture.given(PLACED)
                .when(new MarkOrderStockReservedCommand(ID))
                .expectEvents(STOCK_RESERVED);
    }

    @Test
    void stockReservedOrderIsConfirmedWithItsTotal() {
        fixture.given(PLACED, STOCK_RESERVED)
                .when(new ConfirmOrderCommand(ID))
                .expectEvents(CONFIRMED);
    }

    @Test
    void confirmedOrderShips() {
        fixture.given(PLACED, STOCK_RESERVED, CONFIRMED)
                .when(new ShipOrderCommand(ID))
                .expectEvents(SHIPPED);
    }

    @Test
    void shippedOrderIsDelivered() {
        fixture.given(PLACED, STOCK_RESERVED, CONFIRMED, SHIPPED)
                .when(new DeliverOrderCommand(ID))
                .expectEvents(DELIVERED);
    }

    // transitions the status does not allow

    @Test
    void cannotMarkStockReservedTwice() {
        fixture.given(PLACED, STOCK_RESERVED)
                .when(new MarkOrderStockReservedCommand(ID))
                .expectException(refusal(409, "status", "invalid-transition"))
                .expectExceptionMessage("cannot mark the stock of order o-1 while it is STOCK_RESERVED");
    }

    @Test
    void cannotMarkStockReservedOnCancelledOrder() {
        fixture.given(PLACED, CANCELLED)
                .when(new MarkOrderStockReservedCommand(ID))
                .expectException(refusal(409, "status", "invalid-transition"));
    }

    @Test
    void cannotConfirmBeforeStockIsReserved() {
        fixture.given(PLACED)
                .when(new ConfirmOrderCommand(ID))
                .expectException(refusal(409, "status", "invalid-transition"))
                .expectNoEvents();
    }

    @Test
    void cannotConfirmTwice() {
        fixture.given(PLACED, STOCK_RESERVED, CONFIRMED)
                .when(new ConfirmOrderCommand(ID))
                .expectException(refusal(409, "status", "invalid-transition"));
    }

    @Test
    void cannotConfirmRejectedOrder() {
        fixture.given(PLACED, STOCK_RESERVED, REJECTED)
                .when(new ConfirmOrderCommand(ID))
                .expectException(refusal(409, "status", "invalid-transition"));
    }

    @Test
    void cannotShipPlacedOrder() {
        fixture.given(PLACED)
                .when(new ShipOrderCommand(ID))
                .expectException(refusal(409, "status", "invalid-transition"))
                .expectExceptionMessage("cannot ship order o-1 while it is PLACED");
    }

    @Test
    void cannotShipOrderWhoseStockIsOnlyReserved() {
        fixture.given(PLACED, STOCK_RESERVED)
                .when(new ShipOrderCommand(ID))
                .expectException(refusal(409, "status", "invalid-transition"));
    }

    @Test
    void cannotShipTwice() {
        fixture.given(PLACED, STOCK_RESERVED, CONFIRMED, SHIPPED)
                .when(new ShipOrderCommand(ID))
                .expectException(refusal(409, "status", "invalid-transition"));
    }

    @Test
    void cannotShipCancelledOrder() {
        fixture.given(PLACED, STOCK_RESERVED, CONFIRMED, CANCELLED)
                .when(new ShipOrderCommand(ID))
                .expectException(refusal(409, "status", "invalid-transition"));
    }

    @Test
    void cannotDeliverUnshippedOrder() {
        fixture.given(PLACED, STOCK_RESERVED, CONFIRMED)
                .when(new DeliverOrderCommand(ID))
                .expectException(refusal(409, "status", "invalid-transition"));
    }

    @Test
    void cannotDeliverTwice() {
        fixture.given(PLACED, STOCK_RESERVED, CONFIRMED, SHIPPED, DELIVERED)
                .when(new DeliverOrderCommand(ID))
                .expectException(refusal(409, "status", "invalid-transition"));
    }

    // cancellation

    @Test
    void placedOrderCanBeCancelled() {
        fixture.given(PLACED)
                .when(new CancelOrderCommand(ID, "changed my mind"))
                .expectEvents(CANCELLED);
    }

    @Test
    void stockReservedOrderCanBeCancelled() {
        fixture.given(PLACED, STOCK_RESERVED)
                .when(new CancelOrderCommand(ID, "changed my mind"))
                .expectEvents(CANCELLED);
    }

    @Test
    void confirmedOrderCanBeCancelled() {
        fixture.given(PLACED, STOCK_RESERVED, CONFIRMED)
                .when(new CancelOrderCommand(ID, "changed my mind"))
                .expectEvents(CANCELLED);
    }

    @Test
    void cancellationWithoutReasonGetsTheDefaultReason() {
        fixture.given(PLACED)
                .when(new CancelOrderCommand(ID, null))
                .expectEvents(new OrderCancelledEvent(ID, Order.DEFAULT_CANCEL_REASON));
    }

    @Test
    void cannotCancelShippedOrder() {
        fixture.given(PLACED, STOCK_RESERVED, CONFIRMED, SHIPPED)
                .when(new CancelOrderCommand(ID, "too late"))
                .expectException(refusal(409, "status", "invalid-transition"))
                .expectExceptionMessage("cannot cancel order o-1 while it is SHIPPED");
    }

    @Test
    void cannotCancelDeliveredOrder() {
        fixture.given(PLACED, STOCK_RESERVED, CONFIRMED, SHIPPED, DELIVERED)
                .when(new CancelOrderCommand(ID, "too late"))
                .expectException(refusal(409, "status", "invalid-transition"));
    }

    @Test
    void cannotCancelAnOrderTwice() {
        fixture.given(PLACED, CANCELLED)
                .when(new CancelOrderCommand(ID, "again"))
                .expectException(refusal(409, "status", "invalid-transition"));
    }

    @Test
    void cannotCancelRejectedOrder() {
        fixture.given(PLACED, REJECTED)
                .when(new CancelOrderCommand(ID, "whatever"))
                .expectException(refusal(409, "status", "invalid-transition"));
    }

    // rejection by the saga

    @Test
    void placedOrderCanBeRejected() {
        fixture.given(PLACED)
                .when(new RejectOrderCommand(ID, "out of stock"))
                .expectEvents(REJECTED);
    }

    @Test
    void stockReservedOrderCanBeRejected() {
        fixture.given(PLACED, STOCK_RESERVED)
                .when(new RejectOrderCommand(ID, "out of stock"))
                .expectEvents(REJECTED);
    }

    @Test
    void confirmedOrderIgnoresALateRejection() {
        fixture.given(PLACED, STOCK_RESERVED, CONFIRMED)
                .when(new RejectOrderCommand(ID, "out of stock"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void rejectionWithoutReasonGetsTheDefaultReason() {
        fixture.given(PLACED)
                .when(new RejectOrderCommand(ID, " "))
                .expectEvents(new OrderRejectedEvent(ID, Order.DEFAULT_REJECT_REASON));
    }

    @Test
    void lateRejectionOfCancelledOrderIsIgnored() {
        fixture.given(PLACED, CANCELLED)
                .when(new RejectOrderCommand(ID, "deadline"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void lateRejectionOfRejectedOrderIsIgnored() {
        fixture.given(PLACED, REJECTED)
                .when(new RejectOrderCommand(ID, "deadline"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void lateRejectionOfDeliveredOrderIsIgnored() {
        fixture.given(PLACED, STOCK_RESERVED, CONFIRMED, SHIPPED, DELIVERED)
                .when(new RejectOrderCommand(ID, "deadline"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void lateRejectionOfShippedOrderIsIgnoredBecauseTheGoodsAreGone() {
        fixture.given(PLACED, STOCK_RESERVED, CONFIRMED, SHIPPED)
                .when(new RejectOrderCommand(ID, "deadline"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void commandsForAnUnknownOrderFailAsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new ShipOrderCommand("nope"))
                .expectException(AggregateNotFoundException.class);
    }
}
