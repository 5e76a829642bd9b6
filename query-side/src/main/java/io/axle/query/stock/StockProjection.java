package io.axle.query.stock;

import static org.springframework.data.mongodb.core.query.Criteria.where;

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
import io.axle.query.Listing;
import io.axle.query.Pages;
import io.axle.query.ReadModels;
import jakarta.annotation.PostConstruct;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Projects stock events into one {@link StockLevelDocument} per SKU and answers the stock queries from it.
 *
 * <p>The figures an event carries (on hand, available) are taken as they are; the others follow from them. A change
 * is written only if the stored sequence number is still the one read and lower than the event's, so replays and
 * late duplicates change nothing. After each change the new level goes to matching {@link WatchStockLevelsQuery}
 * subscribers.
 *
 * <p>The product's events add its name, unit price, currency and reorder point, guarded by their own sequence, so a
 * price change reaches the stock list and its subscribers too. A product that was never received has no stock to show:
 * its document waits, out of the list, for the first stock event.
 */
@Component
@ProcessingGroup("stock")
public class StockProjection {

    static final String COLLECTION = "stock_levels";
    /** How many levels, in SKU order, a {@link WatchStockLevelsQuery} answers with before its updates. */
    static final int WATCH_INITIAL_SIZE = 200;

    /** The stock list: searched by SKU and product name; stock levels have no date. */
    static final Listing LISTING = Listing.of("stock", "sku")
            .searching("sku", "name")
            .sortable("sku", "name", "onHand", "reserved", "available")
            .inUsualOrder(Sort.by("sku"));

    private final MongoTemplate mongo;
    private final QueryUpdateEmitter updateEmitter;

    public StockProjection(MongoTemplate mongo, QueryUpdateEmitter updateEmitter) {
        this.mongo = mongo;
        this.updateEmitter = updateEmitter;
    }

    /** Creates the indexes the list's sorts need on a real MongoDB; servers that refuse them only cost speed. */
    @PostConstruct
    void createIndexes() {
        for (String field : List.of("name", "onHand", "reserved", "available")) {
            ReadModels.createIndex(mongo, COLLECTION, new Index().on(field, Sort.Direction.ASC)
                    .on("_id", Sort.Direction.ASC).named(field + "_id"));
        }
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

    @EventHandler
    void on(ProductCreatedEvent event, @SequenceNumber long sequence) {
        applyProduct(event.sku(), sequence, stock -> stock.withProduct(event.name(), event.unitPrice(),
                event.currency(), event.reorderPoint()));
    }

    @EventHandler
    void on(ProductPriceChangedEvent event, @SequenceNumber long sequence) {
        applyProduct(event.sku(), sequence, stock -> stock.withUnitPrice(event.newPrice()));
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), COLLECTION);
    }

    @QueryHandler
    StockLevel handle(FindStockLevelQuery query) {
        StockLevelDocument stock = mongo.findById(query.sku(), StockLevelDocument.class, COLLECTION);
        return stock == null || !stock.stocked() ? null : stock.toView();
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
        return Pages.page(mongo, COLLECTION, StockLevelDocument.class, filter(query), LISTING.order(query.criteria()),
                query.page(), query.size(), StockLevelDocument::toView);
    }

    /** Every stock level the list would page through, in its order, as the cursor reads them. */
    @QueryHandler
    Flux<StockLevel> handle(ExportStockLevelsQuery query) {
        return Pages.stream(mongo, COLLECTION, StockLevelDocument.class, filter(query.list()),
                LISTING.order(query.list().criteria()), query.limit(), StockLevelDocument::toView);
    }

    /** The SKUs with stock to show (a product event alone writes a document with no stock) that the list matches. */
    private static Query filter(ListStockLevelsQuery query) {
        return LISTING.filter(new Query(where("sequence").gte(0)), query.criteria());
    }

    /** The initial answer of the stock watch: the first levels in SKU order, or the one SKU's level if one is given. */
    @QueryHandler
    List<StockLevel> handle(WatchStockLevelsQuery query) {
        if (query.sku() != null) {
            StockLevel level = handle(new FindStockLevelQuery(query.sku()));
            return level == null ? List.of() : List.of(level);
        }
        return page(new ListStockLevelsQuery(0, WATCH_INITIAL_SIZE)).content();
    }

    private void apply(String sku, long sequence, UnaryOperator<StockLevelDocument> change) {
        write(sku, "sequence", sequence, StockLevelDocument::sequence, change, changed -> new Update()
                .set("onHand", changed.onHand())
                .set("reserved", changed.reserved())
                .set("available", changed.available()), first -> first.at(sequence));
    }

    private void applyProduct(String sku, long sequence, UnaryOperator<StockLevelDocument> change) {
        write(sku, "productSequence", sequence, StockLevelDocument::productSequenceOrNone, change, changed ->
                new Update()
                        .set("name", changed.name())
                        .set("unitPrice", changed.unitPrice())
                        .set("currency", changed.currency())
                        .set("reorderPoint", changed.reorderPoint()), first -> first.atProduct(sequence));
    }

    /**
     * Applies a change guarded by one of the document's two sequences. The first event of either stream creates the
     * document; the other stream may create it meanwhile (its events go to another segment), in which case the
     * change is applied to the document it created.
     */
    private void write(String sku, String sequenceField, long sequence, ToLongFunction<StockLevelDocument> sequenceOf,
                       UnaryOperator<StockLevelDocument> change, Function<StockLevelDocument, Update> fields,
                       UnaryOperator<StockLevelDocument> stamped) {
        for (int attempt = 0; attempt < 2; attempt++) {
            ReadModels.Result<StockLevelDocument> result = ReadModels.updateIfNewer(mongo, COLLECTION,
                    StockLevelDocument.class, "sku", sku, sequenceField, sequence, sequenceOf,
                    current -> fields.apply(change.apply(current)));
            if (result.outcome() == ReadModels.Outcome.APPLIED) {
                publish(result.document());
                return;
            }
            if (result.outcome() == ReadModels.Outcome.ALREADY_APPLIED) {
                return;
            }
            StockLevelDocument first = stamped.apply(change.apply(StockLevelDocument.empty(sku)));
            try {
                mongo.insert(first, COLLECTION);
                publish(first);
                return;
            } catch (DuplicateKeyException createdMeanwhile) {
                // by the other stream, or by another instance of this projection: apply to what it wrote
            }
        }
        throw new IllegalStateException("Stock level " + sku + " could neither be created nor updated to "
                + sequenceField + " " + sequence);
    }

    private void publish(StockLevelDocument stock) {
        if (!stock.stocked()) {
            return;
        }
        updateEmitter.emit(WatchStockLevelsQuery.class,
                query -> query.sku() == null || query.sku().equals(stock.sku()), stock.toView());
    }
}
