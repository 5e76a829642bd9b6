package io.axle.query.product;

import io.axle.api.common.ListCriteria;
import io.axle.api.common.PageResult;
import io.axle.api.product.ExportProductsQuery;
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

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The first version of the catalogue read model on a real MongoDB wire server, its handlers called directly. */
class ProductProjectionTest {

    private static final Instant CREATED_AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant CHANGED_AT = Instant.parse("2026-03-05T08:30:00Z");
    private static final ProductCreatedEvent CREATED = created("BRK-001", "Brake pad");
    private static final ProductPriceChangedEvent PRICE_CHANGED = new ProductPriceChangedEvent("BRK-001",
            new BigDecimal("24.90"), new BigDecimal("26.50"), "EUR", "bob", CHANGED_AT);
    private static final ProductDiscontinuedEvent DISCONTINUED =
            new ProductDiscontinuedEvent("BRK-001", "replaced", "bob", CHANGED_AT.plusSeconds(60));

    private InMemoryMongo mongo;
    private ProductProjection projection;
    private ProductQueries queries;

    @BeforeEach
    void start() {
        mongo = InMemoryMongo.start();
        projection = new ProductProjection(mongo.template());
        projection.createIndexes();
        queries = new ProductQueries(mongo.template(), () -> ProductProjection.COLLECTION);
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    private static ProductCreatedEvent created(String sku, String name) {
        return new ProductCreatedEvent(sku, name, "Front, ceramic", new BigDecimal("24.90"), "EUR", "STANDARD",
                "piece", 10, "alice", CREATED_AT);
    }

    private ProductView find(String sku) {
        return queries.handle(new FindProductQuery(sku));
    }

    private static ProductView view(BigDecimal price, ProductStatus status, PriceChange... history) {
        return new ProductView("BRK-001", "Brake pad", "Front, ceramic", price, "EUR", "STANDARD", "piece", 10,
                status, List.of(history), null, null);
    }

    private static final PriceChange FIRST_PRICE = new PriceChange(new BigDecimal("24.90"), CREATED_AT, "alice");
    private static final PriceChange SECOND_PRICE = new PriceChange(new BigDecimal("26.50"), CHANGED_AT, "bob");

    @Test
    void aNewProductIsActiveWithItsFirstPriceAsHistory() {
        projection.on(CREATED, 0);

        assertThat(find("BRK-001")).isEqualTo(view(new BigDecimal("24.90"), ProductStatus.ACTIVE, FIRST_PRICE));
    }

    @Test
    void aPriceChangeSetsThePriceAndAddsToTheHistory() {
        projection.on(CREATED, 0);
        projection.on(PRICE_CHANGED, 1);

        assertThat(find("BRK-001"))
                .isEqualTo(view(new BigDecimal("26.50"), ProductStatus.ACTIVE, FIRST_PRICE, SECOND_PRICE));
    }

    @Test
    void aDiscontinuedProductKeepsItsPriceAndHistory() {
        projection.on(CREATED, 0);
        projection.on(PRICE_CHANGED, 1);
        projection.on(DISCONTINUED, 2);

        assertThat(find("BRK-001"))
                .isEqualTo(view(new BigDecimal("26.50"), ProductStatus.DISCONTINUED, FIRST_PRICE, SECOND_PRICE));
    }

    @Test
    void theSameEventsAppliedTwiceChangeNothing() {
        projection.on(CREATED, 0);
        projection.on(PRICE_CHANGED, 1);
        projection.on(CREATED, 0);
        projection.on(PRICE_CHANGED, 1);

        assertThat(find("BRK-001"))
                .isEqualTo(view(new BigDecimal("26.50"), ProductStatus.ACTIVE, FIRST_PRICE, SECOND_PRICE));
    }

    @Test
    void anEventOlderThanTheLastAppliedIsIgnored() {
        projection.on(CREATED, 0);
        projection.on(PRICE_CHANGED, 1);
        projection.on(DISCONTINUED, 2);
        projection.on(PRICE_CHANGED, 1);

        assertThat(find("BRK-001"))
                .isEqualTo(view(new BigDecimal("26.50"), ProductStatus.DISCONTINUED, FIRST_PRICE, SECOND_PRICE));
    }

    @Test
    void aChangeOfAProductNeverCreatedFailsSoThatItIsNotSkipped() {
        assertThatThrownBy(() -> projection.on(PRICE_CHANGED, 1)).isInstanceOf(IllegalStateException.class);
        assertThat(find("BRK-001")).isNull();
    }

    @Test
    void anUnknownSkuHasNoProduct() {
        assertThat(find("NOPE")).isNull();
    }

    @Test
    void searchMatchesPartOfTheSkuOrNameIgnoringCaseInSkuOrder() {
        projection.on(created("OIL-5W30", "Engine oil 5W-30"), 0);
        projection.on(created("BRK-002", "Brake disc"), 0);
        projection.on(CREATED, 0);
        projection.on(created("WIP-01", "Wiper blade"), 0);

        assertThat(skus(list("brak", null))).containsExactly("BRK-001", "BRK-002");
        assertThat(skus(list("oil-", null))).containsExactly("OIL-5W30");
        assertThat(skus(list(null, null))).containsExactly("BRK-001", "BRK-002", "OIL-5W30", "WIP-01");
        assertThat(list("brak", null).totalElements()).isEqualTo(2);
    }

    @Test
    void searchTakesTheTextLiterallyNotAsAPattern() {
        projection.on(CREATED, 0);
        projection.on(created("A.B", "Dotted"), 0);

        assertThat(skus(list(".", null))).containsExactly("A.B");
        assertThat(skus(list("BRK.*", null))).isEmpty();
    }

    @Test
    void theStatusNarrowsTheList() {
        projection.on(CREATED, 0);
        projection.on(DISCONTINUED, 1);
        projection.on(created("BRK-002", "Brake disc"), 0);

        assertThat(skus(list(null, ProductStatus.ACTIVE))).containsExactly("BRK-002");
        assertThat(skus(list("brake", ProductStatus.DISCONTINUED))).containsExactly("BRK-001");
    }

    @Test
    void theListIsPaged() {
        projection.on(CREATED, 0);
        projection.on(created("BRK-002", "Brake disc"), 0);
        projection.on(created("BRK-003", "Brake fluid"), 0);

        PageResult<ProductView> second = queries.page(new ListProductsQuery((String) null, null, 1, 2));

        assertThat(skus(second)).containsExactly("BRK-003");
        assertThat(second.totalElements()).isEqualTo(3);
    }

    @Test
    void productsAreSortedBothWaysAndExportedBeyondAPage() {
        projection.on(created("BRK-002", "Brake disc"), 0);
        projection.on(CREATED, 0);
        projection.on(created("BRK-003", "Alternator"), 0);

        assertThat(skus(queries.page(new ListProductsQuery(null, new ListCriteria(null, null, null, "name", false),
                0, 20)))).containsExactly("BRK-003", "BRK-002", "BRK-001");
        assertThat(skus(queries.page(new ListProductsQuery(null, new ListCriteria(null, null, null, "name", true),
                0, 20)))).containsExactly("BRK-001", "BRK-002", "BRK-003");
        ListProductsQuery brakes = new ListProductsQuery(null, ListCriteria.searching("brake"), 0, 1);
        assertThat(queries.handle(new ExportProductsQuery(brakes, 10)).map(ProductView::sku).collectList().block())
                .containsExactly("BRK-001", "BRK-002");
    }

    @Test
    void aResetEmptiesTheCatalogue() {
        projection.on(CREATED, 0);

        projection.reset();

        assertThat(find("BRK-001")).isNull();
    }

    private PageResult<ProductView> list(String text, ProductStatus status) {
        return queries.page(new ListProductsQuery(text, status, 0, 20));
    }

    private static List<String> skus(PageResult<ProductView> page) {
        return page.content().stream().map(ProductView::sku).toList();
    }
}
