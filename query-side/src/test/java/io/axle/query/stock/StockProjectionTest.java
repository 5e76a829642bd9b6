package io.axle.query.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.spy;

import io.axle.api.common.ListCriteria;
import io.axle.api.common.PageResult;
import io.axle.api.product.ProductCreatedEvent;
import io.axle.api.product.ProductPriceChangedEvent;
import io.axle.api.stock.ExportStockLevelsQuery;
import io.axle.api.stock.FindStockLevelQuery;
import io.axle.api.stock.ListStockLevelsQuery;
import io.axle.api.stock.ReservedStockShippedEvent;
import io.axle.api.stock.StockAdjustedEvent;
import io.axle.api.stock.StockCountedEvent;
import io.axle.api.stock.StockLevel;
import io.axle.api.stock.StockReceivedEvent;
import io.axle.api.stock.StockReleasedEvent;
import io.axle.api.stock.StockReservedEvent;
import io.axle.api.stock.WatchStockLevelsQuery;
import io.axle.query.InMemoryMongo;
import io.axle.query.SubscriberProbe;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.UpdateDefinition;

class StockProjectionTest {

    private InMemoryMongo mongo;
    private SimpleQueryUpdateEmitter emitter;
    private StockProjection projection;

    @BeforeEach
    void start() {
        mongo = InMemoryMongo.start();
        emitter = SimpleQueryUpdateEmitter.builder().build();
        projection = new StockProjection(mongo.template(), emitter);
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void levelsAreSearchedBySkuSortedByWhatIsAvailableAndExportedBeyondAPage() {
        projection.on(new StockReceivedEvent("BRK-1", 10, 10), 0);
        projection.on(new StockReceivedEvent("BRK-2", 3, 3), 0);
        projection.on(new StockReceivedEvent("OIL-1", 7, 7), 0);

        assertThat(skus(ListCriteria.searching("brk"))).containsExactly("BRK-1", "BRK-2");
        assertThat(skus(new ListCriteria(null, null, null, "available", false))).containsExactly("BRK-2", "OIL-1",
                "BRK-1");
        assertThat(skus(new ListCriteria(null, null, null, "available", true))).containsExactly("BRK-1", "OIL-1",
                "BRK-2");
        ListStockLevelsQuery brakes = new ListStockLevelsQuery(ListCriteria.searching("brk"), 0, 1);
        assertThat(projection.handle(new ExportStockLevelsQuery(brakes, 10)).map(StockLevel::sku).collectList()
                .block()).containsExactly("BRK-1", "BRK-2");
    }

    private List<String> skus(ListCriteria criteria) {
        return projection.page(new ListStockLevelsQuery(criteria, 0, 20)).content().stream().map(StockLevel::sku)
                .toList();
    }

    @Test
    void receivedGoodsAreOnHandAndAvailable() {
        projection.on(new StockReceivedEvent("SKU-1", 10, 10), 0);
        projection.on(new StockReceivedEvent("SKU-1", 5, 15), 1);

        assertThat(level("SKU-1")).isEqualTo(new StockLevel("SKU-1", 15, 0, 15));
    }

    @Test
    void reservationMovesStockFromAvailableToReserved() {
        projection.on(new StockReceivedEvent("SKU-1", 10, 10), 0);
        projection.on(new StockReservedEvent("SKU-1", "o-1", 3, 7), 1);
        projection.on(new StockReservedEvent("SKU-1", "o-2", 2, 5), 2);

        assertThat(level("SKU-1")).isEqualTo(new StockLevel("SKU-1", 10, 5, 5));
    }

    @Test
    void releaseGivesReservedStockBack() {
        projection.on(new StockReceivedEvent("SKU-1", 10, 10), 0);
        projection.on(new StockReservedEvent("SKU-1", "o-1", 3, 7), 1);
        projection.on(new StockReleasedEvent("SKU-1", "o-1", 3, 10), 2);

        assertThat(level("SKU-1")).isEqualTo(new StockLevel("SKU-1", 10, 0, 10));
    }

    @Test
    void shippingReservedStockLowersOnHandAndReserved() {
        projection.on(new StockReceivedEvent("SKU-1", 10, 10), 0);
        projection.on(new StockReservedEvent("SKU-1", "o-1", 3, 7), 1);
        projection.on(new StockReservedEvent("SKU-1", "o-2", 2, 5), 2);
        projection.on(new ReservedStockShippedEvent("SKU-1", "o-1", 3, 7), 3);

        assertThat(level("SKU-1")).isEqualTo(new StockLevel("SKU-1", 7, 2, 5));
    }

    @Test
    void adjustmentsAndCountsSetOnHandAndKeepReservations() {
        projection.on(new StockReceivedEvent("SKU-1", 10, 10), 0);
        projection.on(new StockReservedEvent("SKU-1", "o-1", 4, 6), 1);
        projection.on(new StockAdjustedEvent("SKU-1", -2, "damaged", 8), 2);

        assertThat(level("SKU-1")).isEqualTo(new StockLevel("SKU-1", 8, 4, 4));

        projection.on(new StockCountedEvent("SKU-1", 9, 1, 9), 3);

        assertThat(level("SKU-1")).isEqualTo(new StockLevel("SKU-1", 9, 4, 5));
    }

    @Test
    void theLargestStockIsShownExactly() {
        projection.on(new StockReceivedEvent("SKU-1", 1_000_000, 1_000_000_000), 0);
        projection.on(new StockReservedEvent("SKU-1", "o-1", 1_000_000, 999_000_000), 1);

        assertThat(level("SKU-1")).isEqualTo(new StockLevel("SKU-1", 1_000_000_000, 1_000_000, 999_000_000));
    }

    @Test
    void aWrappedOnHandFromBeforeTheBoundsFailsInsteadOfShowingAHugeAvailable() {
        projection.on(new StockReceivedEvent("SKU-1", Integer.MAX_VALUE, Integer.MAX_VALUE), 0);
        projection.on(new StockReservedEvent("SKU-1", "o-1", 5, Integer.MAX_VALUE - 5), 1);

        assertThatThrownBy(() -> projection.on(new StockReceivedEvent("SKU-1", 1, Integer.MIN_VALUE), 2))
                .isInstanceOf(ArithmeticException.class);
        assertThat(level("SKU-1")).isEqualTo(new StockLevel("SKU-1", Integer.MAX_VALUE, 5, Integer.MAX_VALUE - 5));
    }

    @Test
    void theSameEventsAppliedTwiceChangeNothing() {
        projection.on(new StockReceivedEvent("SKU-1", 10, 10), 0);
        projection.on(new StockReservedEvent("SKU-1", "o-1", 3, 7), 1);

        projection.on(new StockReceivedEvent("SKU-1", 10, 10), 0);
        projection.on(new StockReservedEvent("SKU-1", "o-1", 3, 7), 1);

        assertThat(level("SKU-1")).isEqualTo(new StockLevel("SKU-1", 10, 3, 7));
    }

    @Test
    void anEventOlderThanTheLastAppliedIsIgnored() {
        projection.on(new StockReceivedEvent("SKU-1", 10, 10), 0);
        projection.on(new StockReservedEvent("SKU-1", "o-1", 3, 7), 1);
        projection.on(new StockReceivedEvent("SKU-1", 5, 15), 2);

        projection.on(new StockReleasedEvent("SKU-1", "o-1", 3, 10), 1);
        projection.on(new StockAdjustedEvent("SKU-1", 90, "late", 100), 2);

        assertThat(level("SKU-1")).isEqualTo(new StockLevel("SKU-1", 15, 3, 12));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aReservationOvertakenByAnotherInstanceFailsSoThatItIsRetriedNotLost() {
        projection.on(new StockReceivedEvent("SKU-1", 10, 10), 0);
        MongoTemplate racing = spy(mongo.template());
        doAnswer(write -> {
            // another instance applies event 1 between this one's read (at 0) and its write of event 2
            projection.on(new StockReservedEvent("SKU-1", "o-1", 3, 7), 1);
            return write.callRealMethod();
        }).when(racing).findAndModify(any(Query.class), any(UpdateDefinition.class),
                any(FindAndModifyOptions.class), any(Class.class), anyString());
        StockProjection overtaken = new StockProjection(racing, emitter);

        assertThatThrownBy(() -> overtaken.on(new StockReservedEvent("SKU-1", "o-2", 2, 5), 2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stock_levels")
                .hasMessageContaining("SKU-1")
                .hasMessageContaining("sequence 2");

        overtaken.on(new StockReservedEvent("SKU-1", "o-2", 2, 5), 2);

        assertThat(level("SKU-1")).isEqualTo(new StockLevel("SKU-1", 10, 5, 5));
    }

    @Test
    void anUnknownSkuHasNoLevel() {
        projection.on(new StockReceivedEvent("SKU-1", 10, 10), 0);

        assertThat(level("SKU-9")).isNull();
    }

    @Test
    void levelsArePagedInSkuOrder() {
        projection.on(new StockReceivedEvent("SKU-C", 1, 1), 0);
        projection.on(new StockReceivedEvent("SKU-A", 2, 2), 0);
        projection.on(new StockReceivedEvent("SKU-B", 3, 3), 0);

        PageResult<StockLevel> first = projection.page(new ListStockLevelsQuery(0, 2));
        PageResult<StockLevel> second = projection.page(new ListStockLevelsQuery(1, 2));

        assertThat(first.content()).extracting(StockLevel::sku).containsExactly("SKU-A", "SKU-B");
        assertThat(first.totalElements()).isEqualTo(3);
        assertThat(second.content()).containsExactly(new StockLevel("SKU-C", 1, 0, 1));
        assertThat(second.page()).isEqualTo(1);
        assertThat(second.size()).isEqualTo(2);
    }

    @Test
    void watchStartsFromTheLevelsInSkuOrderOrFromTheOneSku() {
        projection.on(new StockReceivedEvent("SKU-B", 3, 3), 0);
        projection.on(new StockReceivedEvent("SKU-A", 2, 2), 0);

        assertThat(projection.handle(new WatchStockLevelsQuery(null))).extracting(StockLevel::sku)
                .containsExactly("SKU-A", "SKU-B");
        assertThat(projection.handle(new WatchStockLevelsQuery("SKU-B")))
                .containsExactly(new StockLevel("SKU-B", 3, 0, 3));
        assertThat(projection.handle(new WatchStockLevelsQuery("SKU-X"))).isEmpty();
    }

    @Test
    void everyChangeIsSentToWatchersOfEverySkuOrOfThatSku() {
        SubscriberProbe<StockLevel> everything =
                SubscriberProbe.subscribe(emitter, new WatchStockLevelsQuery(null), StockLevel.class);
        SubscriberProbe<StockLevel> skuTwo =
                SubscriberProbe.subscribe(emitter, new WatchStockLevelsQuery("SKU-2"), StockLevel.class);

        projection.on(new StockReceivedEvent("SKU-1", 10, 10), 0);
        projection.on(new StockReservedEvent("SKU-1", "o-1", 3, 7), 1);
        projection.on(new StockReceivedEvent("SKU-2", 4, 4), 0);

        assertThat(everything.updates()).containsExactly(
                new StockLevel("SKU-1", 10, 0, 10),
                new StockLevel("SKU-1", 10, 3, 7),
                new StockLevel("SKU-2", 4, 0, 4));
        assertThat(skuTwo.updates()).containsExactly(new StockLevel("SKU-2", 4, 0, 4));
    }

    @Test
    void eventsThatChangeNothingSendNothing() {
        projection.on(new StockReceivedEvent("SKU-1", 10, 10), 0);
        projection.on(new StockReservedEvent("SKU-1", "o-1", 3, 7), 1);
        SubscriberProbe<StockLevel> watching =
                SubscriberProbe.subscribe(emitter, new WatchStockLevelsQuery(null), StockLevel.class);

        projection.on(new StockReceivedEvent("SKU-1", 10, 10), 0);
        projection.on(new StockReservedEvent("SKU-1", "o-1", 3, 7), 1);

        assertThat(watching.updates()).isEmpty();
    }

    @Test
    void resetEmptiesTheReadModelForReplay() {
        projection.on(new StockReceivedEvent("SKU-1", 10, 10), 0);

        projection.reset();

        assertThat(level("SKU-1")).isNull();
        projection.on(new StockReceivedEvent("SKU-1", 10, 10), 0);
        assertThat(level("SKU-1")).isEqualTo(new StockLevel("SKU-1", 10, 0, 10));
    }

    @Test
    @SuppressWarnings("unchecked")
    void axonDeliversEventsAndRoutesQueriesAsTheControllerSendsThem() throws Exception {
        AnnotationEventHandlerAdapter events = new AnnotationEventHandlerAdapter(projection);
        SimpleQueryBus queryBus = SimpleQueryBus.builder().build();
        new AnnotationQueryHandlerAdapter<>(projection).subscribe(queryBus);
        QueryGateway gateway = DefaultQueryGateway.builder().queryBus(queryBus).build();

        events.handle(new GenericDomainEventMessage<>("StockItem", "SKU-1", 0, new StockReceivedEvent("SKU-1", 4, 4)));
        events.handle(new GenericDomainEventMessage<>("StockItem", "SKU-1", 0, new StockReceivedEvent("SKU-1", 4, 4)));

        assertThat(gateway.query(new FindStockLevelQuery("SKU-1"), StockLevel.class).join())
                .isEqualTo(new StockLevel("SKU-1", 4, 0, 4));
        PageResult<StockLevel> page = gateway.query(new ListStockLevelsQuery(0, 20),
                ResponseTypes.instanceOf(PageResult.class)).join();
        assertThat(page.content()).containsExactly(new StockLevel("SKU-1", 4, 0, 4));
    }

    @Nested
    class WithTheCatalogue {

        private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

        private ProductCreatedEvent created(Integer reorderPoint) {
            return new ProductCreatedEvent("SKU-1", "Brake pad", null, new BigDecimal("24.90"), "EUR", "STANDARD",
                    null, reorderPoint, "alice", AT);
        }

        private final ProductPriceChangedEvent repriced = new ProductPriceChangedEvent("SKU-1",
                new BigDecimal("24.90"), new BigDecimal("26.50"), "EUR", "bob", AT);

        private StockLevel brakePad(int onHand, int reserved, int available, String price, boolean low) {
            return new StockLevel("SKU-1", onHand, reserved, available, "Brake pad", new BigDecimal(price), "EUR", 5,
                    low);
        }

        @Test
        void aProductNeverReceivedHasNoStockToShow() {
            projection.on(created(5), 0);

            assertThat(level("SKU-1")).isNull();
            assertThat(projection.page(new ListStockLevelsQuery(0, 20)).content()).isEmpty();
            assertThat(projection.handle(new WatchStockLevelsQuery(null))).isEmpty();
        }

        @Test
        void stockShowsItsProductsNamePriceAndReorderPointWhicheverCameFirst() {
            projection.on(created(5), 0);
            projection.on(new StockReceivedEvent("SKU-1", 10, 10), 0);
            projection.on(new StockReceivedEvent("SKU-2", 3, 3), 0);
            projection.on(new ProductCreatedEvent("SKU-2", "Oil", null, BigDecimal.ONE, "EUR", "STANDARD", null,
                    null, "alice", AT), 0);

            assertThat(level("SKU-1")).isEqualTo(brakePad(10, 0, 10, "24.90", false));
            assertThat(level("SKU-2")).isEqualTo(new StockLevel("SKU-2", 3, 0, 3, "Oil", BigDecimal.ONE, "EUR", null,
                    false));
        }

        @Test
        void aPriceChangeReachesTheStockAndItsWatchers() {
            projection.on(new StockReceivedEvent("SKU-1", 10, 10), 0);
            projection.on(created(5), 0);
            SubscriberProbe<StockLevel> watching =
                    SubscriberProbe.subscribe(emitter, new WatchStockLevelsQuery("SKU-1"), StockLevel.class);

            projection.on(repriced, 1);

            assertThat(level("SKU-1")).isEqualTo(brakePad(10, 0, 10, "26.50", false));
            assertThat(watching.updates()).containsExactly(brakePad(10, 0, 10, "26.50", false));
        }

        @Test
        void stockIsLowOnceWhatIsAvailableFallsToTheReorderPoint() {
            projection.on(created(5), 0);
            projection.on(new StockReceivedEvent("SKU-1", 10, 10), 0);
            projection.on(new StockReservedEvent("SKU-1", "o-1", 4, 6), 1);
            assertThat(level("SKU-1").lowStock()).isFalse();

            projection.on(new StockReservedEvent("SKU-1", "o-2", 1, 5), 2);

            assertThat(level("SKU-1")).isEqualTo(brakePad(10, 5, 5, "24.90", true));
        }

        @Test
        void withoutReorderPointStockIsNeverLow() {
            projection.on(created(null), 0);
            projection.on(new StockReceivedEvent("SKU-1", 1, 1), 0);
            projection.on(new StockReservedEvent("SKU-1", "o-1", 1, 0), 1);

            assertThat(level("SKU-1").lowStock()).isFalse();
        }

        @Test
        void productEventsAppliedTwiceOrLateChangeNothingAndSendNothing() {
            projection.on(new StockReceivedEvent("SKU-1", 10, 10), 0);
            projection.on(created(5), 0);
            projection.on(repriced, 1);
            SubscriberProbe<StockLevel> watching =
                    SubscriberProbe.subscribe(emitter, new WatchStockLevelsQuery(null), StockLevel.class);

            projection.on(created(5), 0);
            projection.on(repriced, 1);

            assertThat(level("SKU-1")).isEqualTo(brakePad(10, 0, 10, "26.50", false));
            assertThat(watching.updates()).isEmpty();
        }

        @Test
        void aLevelStoredBeforeTheCatalogueTakesItsProduct() {
            mongo.template().getCollection(StockProjection.COLLECTION).insertOne(new org.bson.Document("_id", "SKU-1")
                    .append("onHand", 10).append("reserved", 0).append("available", 10).append("sequence", 0L));

            projection.on(created(5), 0);

            assertThat(level("SKU-1")).isEqualTo(brakePad(10, 0, 10, "24.90", false));
        }
    }

    private StockLevel level(String sku) {
        return projection.handle(new FindStockLevelQuery(sku));
    }
}
