package io.axle.query.stock;

import io.axle.api.common.PageResult;
import io.axle.api.stock.FindStockLevelQuery;
import io.axle.api.stock.ListStockLevelsQuery;
import io.axle.api.stock.ReservedStockShippedEvent;
import io.axle.api.stock.StockAdjustedEvent;
import io.axle.api.stock.StockCountedEvent;
import io.axle.api.stock.StockLevel;
import io.axle.api.stock.StockReceivedEvent;
import io.axle.api.stock.StockReleasedEvent;
import io.axle.api.stock.StockReservedEvent;
import io.axle.query.Pages;
import io.axle.query.ReadModels;
import java.util.function.UnaryOperator;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Projects stock events into one {@link StockLevelDocument} per SKU and answers the stock queries from it.
 *
 * <p>The figures an event carries (on hand, available) are taken as they are; the others follow from them. A change
 * is written only if the stored sequence number is still the one read and lower than the event's, so replays and
 * late duplicates change nothing.
 */
@Component
@ProcessingGroup("stock")
public class StockProjection {

    static final String COLLECTION = "stock_levels";

    private final MongoTemplate mongo;

    public StockProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(StockReceivedEvent event, @SequenceNumber long sequence) {
        apply(event.sku(), sequence, stock -> stock.withOnHand(event.onHand()));
    }

    @EventHandler
    void on(StockAdjustedEvent event, @SequenceNumber long sequence) {
        apply(event.sku(), sequence, stock -> stock.withOnHand(event.onHand()));
    }

    @EventHandler
    void on(StockCountedEvent event, @SequenceNumber long sequence) {
        apply(event.sku(), sequence, stock -> stock.withOnHand(event.onHand()));
    }

    @EventHandler
    void on(StockReservedEvent event, @SequenceNumber long sequence) {
        apply(event.sku(), sequence, stock -> stock.withReservation(event.quantity(), event.available()));
    }

    @EventHandler
    void on(StockReleasedEvent event, @SequenceNumber long sequence) {
        apply(event.sku(), sequence, stock -> stock.withReservation(-event.quantity(), event.available()));
    }

    @EventHandler
    void on(ReservedStockShippedEvent event, @SequenceNumber long sequence) {
        apply(event.sku(), sequence, stock -> stock.withShipped(event.quantity(), event.onHand()));
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), COLLECTION);
    }

    @QueryHandler
    StockLevel handle(FindStockLevelQuery query) {
        StockLevelDocument stock = mongo.findById(query.sku(), StockLevelDocument.class, COLLECTION);
        return stock == null ? null : stock.toView();
    }

    /**
     * Declared with the raw {@link PageResult} because Axon 4 matches {@code ResponseTypes.instanceOf(PageResult.class)}
     * only against a non-parameterized return type (AxonFramework issue #1537); the content is {@link StockLevel}.
     */
    @QueryHandler
    @SuppressWarnings("rawtypes")
    PageResult handle(ListStockLevelsQuery query) {
        return page(query);
    }

    PageResult<StockLevel> page(ListStockLevelsQuery query) {
        return Pages.page(mongo, COLLECTION, StockLevelDocument.class, new Query(), Sort.by("sku"), query.page(),
                query.size(), StockLevelDocument::toView);
    }

    private void apply(String sku, long sequence, UnaryOperator<StockLevelDocument> change) {
        boolean stored = ReadModels.updateIfNewer(mongo, COLLECTION, StockLevelDocument.class, "sku", sku, sequence,
                StockLevelDocument::sequence, current -> {
                    StockLevelDocument next = change.apply(current);
                    return new Update()
                            .set("onHand", next.onHand())
                            .set("reserved", next.reserved())
                            .set("available", next.available());
                });
        if (!stored) {
            try {
                mongo.insert(change.apply(StockLevelDocument.empty(sku)).at(sequence), COLLECTION);
            } catch (DuplicateKeyException appliedMeanwhile) {
                // another instance of this projection wrote it first
            }
        }
    }
}
