package io.axle.query.product;

import io.axle.api.product.FindProductQuery;
import io.axle.api.product.ListProductsQuery;
import io.axle.api.product.PriceChange;
import io.axle.api.product.ProductCreatedEvent;
import io.axle.api.product.ProductDiscontinuedEvent;
import io.axle.api.product.ProductPriceChangedEvent;
import io.axle.api.product.ProductStatus;
import io.axle.api.product.ProductView;
import io.axle.query.InMemoryMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Query;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The second version of the catalogue read model: beside what the first keeps, the price before the last change and
 * when it changed, in its own collection; on a real MongoDB wire server, its handlers called directly.
 */
class ProductProjectionV2Test {

    private static final Instant CREATED_AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant FIRST_CHANGE_AT = Instant.parse("2026-03-05T08:30:00Z");
    private static final Instant SECOND_CHANGE_AT = Instant.parse("2026-04-02T14:00:00Z");
    private static final ProductCreatedEvent CREATED = new ProductCreatedEvent("BRK-001", "Brake pad",
            "Front, ceramic", new BigDecimal("24.90"), "EUR", "STANDARD", "piece", 10, "alice", CREATED_AT);
    private static final ProductPriceChangedEvent FIRST_CHANGE = new ProductPriceChangedEvent("BRK-001",
            new BigDecimal("24.90"), new BigDecimal("26.50"), "EUR", "bob", FIRST_CHANGE_AT);
    private static final ProductPriceChangedEvent SECOND_CHANGE = new ProductPriceChangedEvent("BRK-001",
            new BigDecimal("26.50"), new BigDecimal("25.00"), "EUR", "carol", SECOND_CHANGE_AT);
    private static final ProductDiscontinuedEvent DISCONTINUED =
            new ProductDiscontinuedEvent("BRK-001", "replaced", "bob", SECOND_CHANGE_AT.plusSeconds(60));

    private static final PriceChange FIRST_PRICE = new PriceChange(new BigDecimal("24.90"), CREATED_AT, "alice");
    private static final PriceChange SECOND_PRICE = new PriceChange(new BigDecimal("26.50"), FIRST_CHANGE_AT, "bob");
    private static final PriceChange THIRD_PRICE = new PriceChange(new BigDecimal("25.00"), SECOND_CHANGE_AT, "carol");

    private InMemoryMongo mongo;
    private ProductProjectionV2 projection;
    private ProductQueries queries;

    @BeforeEach
    void start() {
        mongo = InMemoryMongo.start();
        projection = new ProductProjectionV2(mongo.template());
        projection.createIndexes();
        queries = new ProductQueries(mongo.template(), () -> ProductProjectionV2.COLLECTION);
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    private ProductView find() {
        return queries.handle(new FindProductQuery("BRK-001"));
    }

    private static ProductView view(BigDecimal price, ProductStatus status, BigDecimal previous, Instant changedAt,
                                    PriceChange... history) {
        return new ProductView("BRK-001", "Brake pad", "Front, ceramic", price, "EUR", "STANDARD", "piece", 10,
                status, List.of(history), previous, changedAt);
    }

    @Test
    void aProductWhosePriceNeverChangedHasNoPreviousPrice() {
        projection.on(CREATED, 0);

        assertThat(find()).isEqualTo(view(new BigDecimal("24.90"), ProductStatus.ACTIVE, null, null, FIRST_PRICE));
    }

    @Test
    void aPriceChangeKeepsThePriceItReplacedAndWhenItTookEffect() {
        projection.on(CREATED, 0);
        projection.on(FIRST_CHANGE, 1);

        assertThat(find()).isEqualTo(view(new BigDecimal("26.50"), ProductStatus.ACTIVE, new BigDecimal("24.90"),
                FIRST_CHANGE_AT, FIRST_PRICE, SECOND_PRICE));
    }

    @Test
    void theLastOfSeveralChangesFromHistoryIsTheOneShown() {
        projection.on(CREATED, 0);
        projection.on(FIRST_CHANGE, 1);
        projection.on(SECOND_CHANGE, 2);
        projection.on(DISCONTINUED, 3);

        assertThat(find()).isEqualTo(view(new BigDecimal("25.00"), ProductStatus.DISCONTINUED,
                new BigDecimal("26.50"), SECOND_CHANGE_AT, FIRST_PRICE, SECOND_PRICE, THIRD_PRICE));
    }

    @Test
    void theSameEventsAppliedTwiceOrLateChangeNothing() {
        projection.on(CREATED, 0);
        projection.on(FIRST_CHANGE, 1);
        projection.on(SECOND_CHANGE, 2);
        projection.on(CREATED, 0);
        projection.on(FIRST_CHANGE, 1);
        projection.on(SECOND_CHANGE, 2);

        assertThat(find()).isEqualTo(view(new BigDecimal("25.00"), ProductStatus.ACTIVE, new BigDecimal("26.50"),
                SECOND_CHANGE_AT, FIRST_PRICE, SECOND_PRICE, THIRD_PRICE));
    }

    @Test
    void itWritesOnlyItsOwnCollectionAndTheFirstVersionKeepsItsShape() {
        ProductProjection first = new ProductProjection(mongo.template());
        first.on(CREATED, 0);
        first.on(FIRST_CHANGE, 1);
        projection.on(CREATED, 0);
        projection.on(FIRST_CHANGE, 1);

        ProductView old = new ProductQueries(mongo.template(), () -> ProductProjection.COLLECTION)
                .handle(new FindProductQuery("BRK-001"));
        assertThat(old).isEqualTo(view(new BigDecimal("26.50"), ProductStatus.ACTIVE, null, null, FIRST_PRICE,
                SECOND_PRICE));
        assertThat(queries.page(new ListProductsQuery((String) null, null, 0, 20)).content())
                .containsExactly(find());

        projection.reset();

        assertThat(find()).isNull();
        assertThat(mongo.template().count(new Query(),
                ProductProjection.COLLECTION)).isEqualTo(1);
    }
}
