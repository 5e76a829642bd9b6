package io.axle.query.order;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.axle.api.common.PageResult;
import io.axle.api.customer.CustomerErasedEvent;
import io.axle.api.order.ExportOrdersQuery;
import io.axle.api.order.FindOrderByNumberQuery;
import io.axle.api.order.FindOrderQuery;
import io.axle.api.order.ListOrdersQuery;
import io.axle.api.order.OrderCancelledEvent;
import io.axle.api.order.OrderConfirmedEvent;
import io.axle.api.order.OrderDeliveredEvent;
import io.axle.api.order.OrderDetail;
import io.axle.api.order.OrderPlacedEvent;
import io.axle.api.order.OrderRejectedEvent;
import io.axle.api.order.OrderShippedEvent;
import io.axle.api.order.OrderStatus;
import io.axle.api.order.OrderStockReservedEvent;
import io.axle.api.order.OrderSummary;
import io.axle.api.order.StatusChange;
import io.axle.api.order.WatchOrdersQuery;
import io.axle.query.Listing;
import io.axle.query.Pages;
import io.axle.query.ReadModels;
import jakarta.annotation.PostConstruct;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import io.axle.platform.storage.ReadStoreCompaction;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Projects order events into one {@link OrderDocument} per order and answers the order queries from it, by id, by
 * number, or a filtered page.
 *
 * <p>Every write is conditional on the document's stored aggregate sequence number being lower than the event's,
 * so an event applied twice, or an older one arriving late, changes nothing and emits no update. After each change
 * the new state goes to {@link FindOrderQuery} subscribers of that order and to matching {@link WatchOrdersQuery}
 * subscribers.
 */
@Component
@ProcessingGroup("orders")
public class OrderProjection {

    static final String COLLECTION = "orders";
    /** How many of the newest orders a {@link WatchOrdersQuery} answers with before its updates. */
    static final int WATCH_INITIAL_SIZE = 20;

    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("placedAt"), Sort.Order.desc("orderId"));

    /** The order list: searched by number, order id and customer id, dated when placed. */
    static final Listing LISTING = Listing.of(COLLECTION, "orderId")
            .searching("number", "orderId", "customerId")
            .dated("placedAt")
            .sortable("placedAt", "updatedAt", "number", "status", "customerId")
            .inUsualOrder(NEWEST_FIRST);

    private final MongoTemplate mongo;
    private final QueryUpdateEmitter updateEmitter;
    private final ReadStoreCompaction compaction;

    @Autowired
    public OrderProjection(MongoTemplate mongo, QueryUpdateEmitter updateEmitter,
                           ObjectProvider<ReadStoreCompaction> compaction) {
        this(mongo, updateEmitter, compaction.getIfAvailable(() -> () -> { }));
    }

    /** Writing to {@code mongo}, asking {@code compaction} to rewrite the store's file after an erasure. */
    public OrderProjection(MongoTemplate mongo, QueryUpdateEmitter updateEmitter, ReadStoreCompaction compaction) {
        this.mongo = mongo;
        this.updateEmitter = updateEmitter;
        this.compaction = compaction;
    }

    /** Creates the indexes the list needs on a real MongoDB; servers that refuse them only cost speed. */
    @PostConstruct
    void createIndexes() {
        ReadModels.createIndex(mongo, COLLECTION, new Index().on("status", Sort.Direction.ASC)
                .on("placedAt", Sort.Direction.DESC).named("status_placedAt"));
        ReadModels.createIndex(mongo, COLLECTION, new Index().on("customerId", Sort.Direction.ASC)
                .on("placedAt", Sort.Direction.DESC).named("customerId_placedAt"));
        ReadModels.createIndex(mongo, COLLECTION, new Index().on("placedAt", Sort.Direction.DESC).named("placedAt"));
        ReadModels.createIndex(mongo, COLLECTION, new Index().on("number", Sort.Direction.ASC).named("number"));
        ReadModels.createIndex(mongo, COLLECTION, new Index().on("updatedAt", Sort.Direction.DESC)
                .on("_id", Sort.Direction.DESC).named("updatedAt_id"));
        ReadModels.createIndex(mongo, COLLECTION, new Index().on("status", Sort.Direction.ASC)
                .on("_id", Sort.Direction.ASC).named("status_id"));
        ReadModels.createIndex(mongo, COLLECTION, new Index().on("customerId", Sort.Direction.ASC)
                .on("_id", Sort.Direction.ASC).named("customerId_id"));
    }

    @EventHandler
    void on(OrderPlacedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Update update = new Update()
                .set("number", event.number())
                .set("customerId", event.customerId())
                .set("status", OrderStatus.PLACED)
                .set("reason", null)
                .set("lines", event.lines())
                .set("total", event.total())
                .set("currency", event.currency())
                .set("shippingAddress", event.shippingAddress())
                .set("history", List.of(new StatusChange(OrderStatus.PLACED, at)))
                .set("placedAt", at)
                .set("updatedAt", at)
                .set("sequence", sequence);
        OrderDocument placed;
        try {
            placed = mongo.findAndModify(notYetApplied(event.orderId(), sequence), update,
                    FindAndModifyOptions.options().upsert(true).returnNew(true), OrderDocument.class, COLLECTION);
        } catch (DuplicateKeyException alreadyApplied) {
            return;
        }
        publish(placed);
    }

    @EventHandler
    void on(OrderStockReservedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        changeStatus(event.orderId(), OrderStatus.STOCK_RESERVED, null, sequence, at);
    }

    @EventHandler
    void on(OrderConfirmedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        changeStatus(event.orderId(), OrderStatus.CONFIRMED, null, sequence, at);
    }

    @EventHandler
    void on(OrderShippedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        changeStatus(event.orderId(), OrderStatus.SHIPPED, null, sequence, at);
    }

    @EventHandler
    void on(OrderDeliveredEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        changeStatus(event.orderId(), OrderStatus.DELIVERED, null, sequence, at);
    }

    @EventHandler
    void on(OrderRejectedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        changeStatus(event.orderId(), OrderStatus.REJECTED, event.reason(), sequence, at);
    }

    @EventHandler
    void on(OrderCancelledEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        changeStatus(event.orderId(), OrderStatus.CANCELLED, event.reason(), sequence, at);
    }

    /**
     * The customer's personal data was erased: the shipping addresses of their orders go, marked erased. Not
     * conditional on a sequence (the event is the customer's, not the order's): applying it twice changes nothing.
     * An order placed but not yet projected reads its address as null from its event already.
     */
    @EventHandler
    void on(CustomerErasedEvent event) {
        mongo.updateMulti(query(where("customerId").is(event.customerId())),
                new Update().set("shippingAddress", null).set("shippingAddressErased", true), COLLECTION);
        compaction.request();
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), COLLECTION);
    }

    @QueryHandler
    OrderDetail handle(FindOrderQuery query) {
        OrderDocument order = mongo.findById(query.orderId(), OrderDocument.class, COLLECTION);
        return order == null ? null : order.toDetail();
    }

    @QueryHandler
    OrderDetail handle(FindOrderByNumberQuery query) {
        if (query.number() == null || query.number().isBlank()) {
            return null;
        }
        OrderDocument order = mongo.findOne(query(where("number").is(query.number().strip().toUpperCase(Locale.ROOT))),
                OrderDocument.class, COLLECTION);
        return order == null ? null : order.toDetail();
    }

    /**
     * Declared with the raw {@link PageResult} because Axon 4 matches {@code ResponseTypes.instanceOf(PageResult.class)}
     * only against a non-parameterized return type (AxonFramework issue #1537); the content is {@link OrderSummary}.
     */
    @QueryHandler
    @SuppressWarnings("rawtypes")
    PageResult handle(ListOrdersQuery query) {
        return page(query);
    }

    PageResult<OrderSummary> page(ListOrdersQuery query) {
        return Pages.page(mongo, COLLECTION, OrderDocument.class, filter(query), LISTING.order(query.criteria()),
                query.page(), query.size(), OrderDocument::toSummary);
    }

    /** Every order summary the list would page through, in its order, as the cursor reads them. */
    @QueryHandler
    Flux<OrderSummary> handle(ExportOrdersQuery query) {
        return Pages.stream(mongo, COLLECTION, OrderDocument.class, filter(query.list()),
                LISTING.order(query.list().criteria()), query.limit(), OrderDocument::toSummary);
    }

    private static Query filter(ListOrdersQuery query) {
        Query filter = new Query();
        if (query.status() != null) {
            filter.addCriteria(where("status").is(query.status()));
        }
        if (query.customerId() != null) {
            filter.addCriteria(where("customerId").is(query.customerId()));
        }
        return LISTING.filter(filter, query.criteria());
    }

    /** The initial answer of the order watch: the newest orders (of the customer, if one is given), newest first. */
    @QueryHandler
    List<OrderSummary> handle(WatchOrdersQuery query) {
        return page(new ListOrdersQuery(null, query.customerId(), 0, WATCH_INITIAL_SIZE)).content();
    }

    private void changeStatus(String orderId, OrderStatus status, String reason, long sequence, Instant at) {
        Update update = new Update()
                .set("status", status)
                .set("updatedAt", at)
                .set("sequence", sequence)
                .push("history", new StatusChange(status, at));
        if (reason != null) {
            update.set("reason", reason);
        }
        OrderDocument changed = mongo.findAndModify(notYetApplied(orderId, sequence), update,
                FindAndModifyOptions.options().returnNew(true), OrderDocument.class, COLLECTION);
        if (changed != null) {
            publish(changed);
        }
    }

    private static Query notYetApplied(String orderId, long sequence) {
        return query(where("orderId").is(orderId).and("sequence").lt(sequence));
    }

    private void publish(OrderDocument order) {
        updateEmitter.emit(FindOrderQuery.class, query -> order.orderId().equals(query.orderId()), order.toDetail());
        updateEmitter.emit(WatchOrdersQuery.class,
                query -> query.customerId() == null || query.customerId().equals(order.customerId()),
                order.toSummary());
    }
}
