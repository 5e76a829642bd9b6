package io.axle.command.order;

import io.axle.api.order.OrderLine;
import io.axle.api.order.OrderNumberSequence;
import io.axle.api.order.OrderNumberTakenEvent;
import io.axle.api.order.OrderPlacedEvent;
import io.axle.api.order.PlaceOrderCommand;
import io.axle.api.order.ShippingAddress;
import io.axle.command.InMemoryPersonalDataKeys;
import io.axle.command.product.ProductCatalogue;
import io.axle.command.product.ProductCatalogueStub;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.Message;
import org.axonframework.modelling.command.Repository;
import org.axonframework.modelling.command.RepositoryProvider;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static io.axle.command.RefusalMatchers.refusal;
import static org.assertj.core.api.Assertions.assertThat;

/** Numbering: each placement of a year takes the next number of that year, and a refused placement takes none. */
class OrderNumberingTest {

    private static final ShippingAddress ADDRESS =
            new ShippingAddress("Garage Dupont", "12 rue de la Gare", "Lyon", "69001", "FR");
    private static final List<OrderLine> LINES = List.of(new OrderLine("BRK-PAD-01", 2, new BigDecimal("10.00")));
    private static final OrderNumberSequence Y2026 = new OrderNumberSequence(2026);

    private FixtureConfiguration<OrderNumbering> fixture;
    private EventStore orderStore;

    /** A store for the orders the sequence creates; it joins the command's unit of work like the real store. */
    static EventStore orderStore() {
        return EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    }

    /** A fixture of the sequence whose orders are stored in {@code orders} (the fixture's own store takes one aggregate). */
    static FixtureConfiguration<OrderNumbering> placingInto(EventStore orders, ProductCatalogue catalogue) {
        return placingInto(orders, catalogue, new InMemoryPersonalDataKeys());
    }

    /** As {@link #placingInto(EventStore, ProductCatalogue)}, with the data subjects' keys {@code keys}. */
    static FixtureConfiguration<OrderNumbering> placingInto(EventStore orders, ProductCatalogue catalogue,
                                                           InMemoryPersonalDataKeys keys) {
        AggregateTestFixture<OrderNumbering> fixture = new AggregateTestFixture<>(OrderNumbering.class);
        fixture.registerInjectableResource(catalogue);
        fixture.registerInjectableResource(keys);
        EventSourcingRepository<Order> repository = EventSourcingRepository.builder(Order.class)
                .eventStore(orders)
                .build();
        fixture.registerRepositoryProvider(new RepositoryProvider() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> Repository<T> repositoryFor(Class<T> aggregateType) {
                return aggregateType == Order.class ? (Repository<T>) repository : null;
            }
        });
        return fixture;
    }

    /** The payloads stored in {@code store} for aggregate {@code id}. */
    static List<Object> events(EventStore store, String id) {
        return store.readEvents(id).asStream().map(Message::getPayload).map(Object.class::cast).toList();
    }

    @BeforeEach
    void setUp() {
        orderStore = orderStore();
        fixture = placingInto(orderStore, new ProductCatalogueStub().with("BRK-PAD-01", "10.00", "EUR"));
    }

    private static PlaceOrderCommand place(int year, String orderId) {
        return new PlaceOrderCommand(year, orderId, "c-1", "EUR", LINES, ADDRESS);
    }

    private static OrderNumberTakenEvent taken(long sequence, String orderId) {
        return new OrderNumberTakenEvent(Y2026.id(), 2026, sequence, Y2026.format(sequence), orderId);
    }

    @Test
    void theFirstOrderOfTheYearTakesNumberOne() {
        fixture.givenNoPriorActivity()
                .when(place(2026, "o-1"))
                .expectEvents(taken(1, "o-1"))
                .expectResultMessagePayload("SO-2026-000001");
        assertThat(events(orderStore, "o-1")).containsExactly(
                new OrderPlacedEvent("o-1", "c-1", "EUR", LINES, ADDRESS, new BigDecimal("20.00"), "SO-2026-000001"));
    }

    @Test
    void eachOrderTakesTheNumberAfterTheLast() {
        fixture.given(taken(1, "o-1"), taken(2, "o-2"))
                .when(place(2026, "o-3"))
                .expectEvents(taken(3, "o-3"))
                .expectResultMessagePayload("SO-2026-000003");
        assertThat(events(orderStore, "o-3")).singleElement()
                .extracting(event -> ((OrderPlacedEvent) event).number()).isEqualTo("SO-2026-000003");
    }

    @Test
    void numbersHaveAtLeastSixDigitsAndGrowPastThem() {
        assertThat(Y2026.format(42)).isEqualTo("SO-2026-000042");
        assertThat(Y2026.format(1_234_567)).isEqualTo("SO-2026-1234567");
    }

    @Test
    void eachYearHasItsOwnSequenceStartingAtOne() {
        OrderNumberSequence y2027 = new OrderNumberSequence(2027);
        fixture.givenNoPriorActivity()
                .when(place(2027, "o-9"))
                .expectEvents(new OrderNumberTakenEvent(y2027.id(), 2027, 1, "SO-2027-000001", "o-9"))
                .expectResultMessagePayload("SO-2027-000001");
    }

    @Test
    void aRefusedOrderTakesNoNumber() {
        fixture.given(taken(1, "o-1"))
                .when(new PlaceOrderCommand(2026, "o-2", "c-1", "EUR", List.of(), ADDRESS))
                .expectException(refusal(422, "lines", "not-empty"))
                .expectNoEvents();
        assertThat(events(orderStore, "o-2")).isEmpty();
    }

    @Test
    void refusesAnOrderOfAnErasedCustomerTakingNoNumber() {
        fixture = placingInto(orderStore, new ProductCatalogueStub().with("BRK-PAD-01", "10.00", "EUR"),
                new InMemoryPersonalDataKeys().erased("c-1"));
        fixture.given(taken(1, "o-1"))
                .when(place(2026, "o-2"))
                .expectException(refusal(409, "customerId", "erased"))
                .expectNoEvents();
        assertThat(events(orderStore, "o-2")).isEmpty();
    }

    @Test
    void refusesAnOrderSentToAnotherYearsSequence() {
        PlaceOrderCommand wrongSequence = new PlaceOrderCommand(new OrderNumberSequence(2025).id(), 2026, "o-1",
                "c-1", "EUR", LINES, ADDRESS, false);
        fixture.givenNoPriorActivity()
                .when(wrongSequence)
                .expectException(refusal(422, "sequenceId", "order-number-sequence-id"))
                .expectNoEvents();
    }

    @Test
    void refusesAYearThatANumberCannotSpell() {
        fixture.givenNoPriorActivity()
                .when(place(10_000, "o-1"))
                .expectException(refusal(422, "year", "range"))
                .expectNoEvents();
    }
}
