package io.axle.command.product;

import io.axle.api.product.ChangeProductPriceCommand;
import io.axle.api.product.CreateProductCommand;
import io.axle.api.product.DiscontinueProductCommand;
import io.axle.api.product.ProductCreatedEvent;
import io.axle.api.product.ProductDiscontinuedEvent;
import io.axle.api.product.ProductPriceChangedEvent;
import io.axle.command.bounds.Bounds;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Instant;

import static io.axle.command.RefusalMatchers.refusal;

class ProductTest {

    private static final String SKU = "BRK-001";
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final ProductCreatedEvent CREATED = new ProductCreatedEvent(SKU, "Brake pad", "Front, ceramic",
            new BigDecimal("24.90"), "EUR", "STANDARD", "piece", 10, "alice", NOW);

    private AggregateTestFixture<Product> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Product.class);
    }

    /** The fixture's fixed time, which the aggregate stamps its events with. */
    private Instant now() {
        return fixture.currentTime();
    }

    private static CreateProductCommand create(BigDecimal price, String currency, String vatCategory,
                                               Integer reorderPoint) {
        return new CreateProductCommand(SKU, "Brake pad", "Front, ceramic", price, currency, vatCategory, "piece",
                reorderPoint, "alice");
    }

    @Nested
    class Creating {

        @Test
        void createsAnActiveProductAtItsPrice() {
            fixture.givenNoPriorActivity()
                    .when(create(new BigDecimal("24.90"), "EUR", "STANDARD", 10))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ProductCreatedEvent(SKU, "Brake pad", "Front, ceramic", new BigDecimal("24.90"),
                            "EUR", "STANDARD", "piece", 10, "alice", now()));
        }

        @Test
        void keepsTheVatCategoryInItsCanonicalSpellingAndLeavesOptionalDetailsOut() {
            fixture.givenNoPriorActivity()
                    .when(new CreateProductCommand(SKU, " Book ", " ", new BigDecimal("12"), "EUR", " reduced ",
                            null, null, "bob"))
                    .expectEvents(new ProductCreatedEvent(SKU, "Book", null, new BigDecimal("12"), "EUR", "REDUCED",
                            null, null, "bob", now()));
        }

        @Test
        void refusesASkuThatExists() {
            fixture.given(CREATED)
                    .when(create(new BigDecimal("30"), "EUR", "STANDARD", null))
                    .expectException(refusal(409, "sku", "must-be-unique"))
                    .expectNoEvents();
        }

        @Test
        void refusesABlankName() {
            fixture.givenNoPriorActivity()
                    .when(new CreateProductCommand(SKU, " ", null, BigDecimal.ONE, "EUR", "STANDARD", null, null, "a"))
                    .expectException(refusal(422, "name", "required"))
                    .expectNoEvents();
        }

        @Test
        void refusesANegativePrice() {
            fixture.givenNoPriorActivity()
                    .when(create(new BigDecimal("-1"), "EUR", "STANDARD", null))
                    .expectException(refusal(422, "unitPrice", "non-negative"))
                    .expectNoEvents();
        }

        @Test
        void refusesAPriceBeyondTheAmountBounds() {
            fixture.givenNoPriorActivity()
                    .when(create(new BigDecimal("1.00001"), "EUR", "STANDARD", null))
                    .expectException(refusal(422, "unitPrice", "amount-digits"))
                    .expectNoEvents();
        }

        @Test
        void refusesAnUnknownCurrency() {
            fixture.givenNoPriorActivity()
                    .when(create(BigDecimal.ONE, "XYZ", "STANDARD", null))
                    .expectException(refusal(422, "currency", "iso-4217"))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @ValueSource(strings = {"LUXURY", "standard-ish"})
        void refusesAnUnknownVatCategory(String category) {
            fixture.givenNoPriorActivity()
                    .when(create(BigDecimal.ONE, "EUR", category, null))
                    .expectException(refusal(422, "vatCategory", "vat-category"))
                    .expectNoEvents();
        }

        @Test
        void refusesAMissingVatCategory() {
            fixture.givenNoPriorActivity()
                    .when(create(BigDecimal.ONE, "EUR", null, null))
                    .expectException(refusal(422, "vatCategory", "required"))
                    .expectNoEvents();
        }

        @Test
        void refusesANegativeReorderPoint() {
            fixture.givenNoPriorActivity()
                    .when(create(BigDecimal.ONE, "EUR", "STANDARD", -1))
                    .expectException(refusal(422, "reorderPoint", "non-negative"))
                    .expectNoEvents();
        }

        @Test
        void refusesAReorderPointBeyondTheStockBound() {
            fixture.givenNoPriorActivity()
                    .when(create(BigDecimal.ONE, "EUR", "STANDARD", Bounds.MAX_ON_HAND + 1))
                    .expectException(refusal(422, "reorderPoint", "max-on-hand"))
                    .expectNoEvents();
        }
    }

    @Nested
    class ChangingThePrice {

        @Test
        void recordsTheOldAndNewPriceWhoAndWhen() {
            fixture.given(CREATED)
                    .when(new ChangeProductPriceCommand(SKU, new BigDecimal("26.50"), "bob"))
                    .expectEvents(new ProductPriceChangedEvent(SKU, new BigDecimal("24.90"), new BigDecimal("26.50"),
                            "EUR", "bob", now()));
        }

        @Test
        void theNextChangeStartsFromTheLastPrice() {
            fixture.given(CREATED, new ProductPriceChangedEvent(SKU, new BigDecimal("24.90"),
                            new BigDecimal("26.50"), "EUR", "bob", NOW))
                    .when(new ChangeProductPriceCommand(SKU, new BigDecimal("20"), "carol"))
                    .expectEvents(new ProductPriceChangedEvent(SKU, new BigDecimal("26.50"), new BigDecimal("20"),
                            "EUR", "carol", now()));
        }

        @Test
        void theSamePriceChangesNothing() {
            fixture.given(CREATED)
                    .when(new ChangeProductPriceCommand(SKU, new BigDecimal("24.9000"), "bob"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesAnUnknownProduct() {
            fixture.givenNoPriorActivity()
                    .when(new ChangeProductPriceCommand(SKU, BigDecimal.TEN, "bob"))
                    .expectException(refusal(404, "sku", "must-exist"))
                    .expectNoEvents();
        }

        @Test
        void refusesAPriceBeyondTheAmountBounds() {
            fixture.given(CREATED)
                    .when(new ChangeProductPriceCommand(SKU, new BigDecimal("1000000000000"), "bob"))
                    .expectException(refusal(422, "unitPrice", "amount-digits"))
                    .expectNoEvents();
        }

        @Test
        void refusesADiscontinuedProduct() {
            fixture.given(CREATED, new ProductDiscontinuedEvent(SKU, null, "bob", NOW))
                    .when(new ChangeProductPriceCommand(SKU, BigDecimal.TEN, "bob"))
                    .expectException(refusal(409, "sku", "product-discontinued"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Discontinuing {

        @Test
        void discontinuesAnActiveProduct() {
            fixture.given(CREATED)
                    .when(new DiscontinueProductCommand(SKU, " replaced by BRK-002 ", "bob"))
                    .expectEvents(new ProductDiscontinuedEvent(SKU, "replaced by BRK-002", "bob", now()));
        }

        @Test
        void discontinuingTwiceChangesNothing() {
            fixture.given(CREATED, new ProductDiscontinuedEvent(SKU, null, "bob", NOW))
                    .when(new DiscontinueProductCommand(SKU, null, "bob"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesAnUnknownProduct() {
            fixture.givenNoPriorActivity()
                    .when(new DiscontinueProductCommand(SKU, null, "bob"))
                    .expectException(refusal(404, "sku", "must-exist"))
                    .expectNoEvents();
        }
    }
}
