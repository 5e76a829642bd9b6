package io.axle.command.product;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.axle.api.product.ChangeProductPriceCommand;
import io.axle.api.product.CreateProductCommand;
import io.axle.api.product.DiscontinueProductCommand;
import io.axle.api.product.ProductCreatedEvent;
import io.axle.api.product.ProductDiscontinuedEvent;
import io.axle.api.product.ProductPriceChangedEvent;
import io.axle.api.product.Products;
import io.axle.command.AggregateStorageConfiguration;
import io.axle.command.RuleViolationException;
import io.axle.command.Rules;
import io.axle.command.bounds.Bounds;
import io.axle.command.invoice.RateCategory;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A product of the catalogue, identified by its SKU (its stream is {@link Products#id}): ACTIVE from its creation,
 * then DISCONTINUED for good. Its price changes while it is active, each change an event, so the price history is the
 * stream itself. Prices are held to {@link Bounds} and stay in the currency the product was created with.
 *
 * <p>Every command may find the stream missing: creating a SKU that exists is refused with 409 ({@code sku},
 * {@code must-be-unique}), changing or discontinuing one that does not with 404 ({@code sku}, {@code must-exist}).
 * Discontinuing twice, or setting the price it already has, changes nothing. Times come from Axon's event clock,
 * which the test fixtures fix.
 */
@Aggregate(snapshotTriggerDefinition = AggregateStorageConfiguration.LONG_LIVED_SNAPSHOTS,
        cache = AggregateStorageConfiguration.AGGREGATE_CACHE)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Product {

    @AggregateIdentifier
    private String productId;
    private String sku;
    private String name;
    private BigDecimal unitPrice;
    private String currency;
    private String vatCategory;
    private boolean discontinued;

    protected Product() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(CreateProductCommand command) {
        if (sku != null) {
            throw RuleViolationException.conflict("sku", "must-be-unique", "product " + sku + " already exists");
        }
        Rules.required(command.sku(), "sku");
        Rules.required(command.name(), "name");
        Rules.amount(command.unitPrice(), "unitPrice");
        Rules.currency(command.currency(), "currency");
        String category = vatCategory(command.vatCategory());
        if (command.reorderPoint() != null) {
            Rules.nonNegative(command.reorderPoint(), "reorderPoint");
            if (!Bounds.isAtMostMaxOnHand(command.reorderPoint())) {
                throw RuleViolationException.unprocessable("reorderPoint", "max-on-hand", "reorderPoint must be at "
                        + "most " + Bounds.MAX_ON_HAND + ", was " + command.reorderPoint());
            }
        }
        apply(new ProductCreatedEvent(command.sku(), command.name().strip(), blankToNull(command.description()),
                command.unitPrice(), command.currency(), category, blankToNull(command.unit()),
                command.reorderPoint(), command.createdBy(), now()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ChangeProductPriceCommand command) {
        requireExisting(command.sku());
        Rules.amount(command.unitPrice(), "unitPrice");
        if (discontinued) {
            throw RuleViolationException.conflict("sku", "product-discontinued",
                    "product " + sku + " is discontinued; its price no longer changes");
        }
        if (command.unitPrice().compareTo(unitPrice) != 0) {
            apply(new ProductPriceChangedEvent(sku, unitPrice, command.unitPrice(), currency, command.changedBy(),
                    now()));
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(DiscontinueProductCommand command) {
        requireExisting(command.sku());
        if (!discontinued) {
            apply(new ProductDiscontinuedEvent(sku, blankToNull(command.reason()), command.discontinuedBy(),
                    now()));
        }
    }

    private void requireExisting(String requested) {
        if (sku == null) {
            throw RuleViolationException.notFound("sku", "must-exist", "product '" + requested + "' does not exist");
        }
    }

    /** The category in its canonical spelling ({@code reduced} becomes {@code REDUCED}); refused when unknown. */
    static String vatCategory(String value) {
        Rules.required(value, "vatCategory");
        String name = value.strip().toUpperCase(Locale.ROOT);
        if (Arrays.stream(RateCategory.values()).noneMatch(category -> category.name().equals(name))) {
            throw RuleViolationException.unprocessable("vatCategory", "vat-category", "'" + value
                    + "' is not a VAT rate category; use one of " + Arrays.toString(RateCategory.values()));
        }
        return name;
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @EventSourcingHandler
    void on(ProductCreatedEvent event) {
        productId = Products.id(event.sku());
        sku = event.sku();
        name = event.name();
        unitPrice = event.unitPrice();
        currency = event.currency();
        vatCategory = event.vatCategory();
    }

    @EventSourcingHandler
    void on(ProductPriceChangedEvent event) {
        unitPrice = event.newPrice();
    }

    @EventSourcingHandler
    void on(ProductDiscontinuedEvent event) {
        discontinued = true;
    }
}
