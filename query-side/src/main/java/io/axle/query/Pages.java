package io.axle.query;

import io.axle.api.common.PageResult;
import java.util.List;
import java.util.function.Function;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Flux;

/**
 * The one way the query side reads and asks for a page: {@link #page} answers a list query from a collection, and
 * {@link #queryPage} sends one through the query gateway as the list endpoints do; {@link #stream} answers an export.
 */
public final class Pages {

    private Pages() {
    }

    /**
     * The page {@code page} of at most {@code size} documents of {@code collection} that match {@code filter}, in
     * {@code order}, each turned into its view. The size is clamped with {@link PageParams#clampSize} and a negative
     * page counts as the first; the total counts every match. {@code filter} is used up: sort, skip and limit are set
     * on it.
     */
    public static <D, V> PageResult<V> page(MongoTemplate mongo, String collection, Class<D> type, Query filter,
            Sort order, int page, int size, Function<? super D, ? extends V> toView) {
        long total = mongo.count(filter, type, collection);
        int clamped = PageParams.clampSize(size);
        filter.with(order).skip(PageParams.skip(page, clamped)).limit(clamped);
        List<V> content = mongo.find(filter, type, collection).stream()
                .<V>map(toView)
                .toList();
        return new PageResult<>(content, Math.max(page, 0), clamped, total);
    }

    /**
     * Every document of {@code collection} that matches {@code filter}, at most {@code limit}, in {@code order}, each
     * turned into its view as the database cursor reads it: nothing is read before a subscriber asks, and cancelling
     * closes the cursor. {@code filter} is used up: sort and limit are set on it.
     */
    public static <D, V> Flux<V> stream(MongoTemplate mongo, String collection, Class<D> type, Query filter,
            Sort order, int limit, Function<? super D, ? extends V> toView) {
        Query bounded = filter.with(order).limit(Math.max(limit, 0));
        return Flux.fromStream(() -> mongo.stream(bounded, type, collection).<V>map(toView));
    }

    /**
     * Sends a list query and waits for its page. The handlers answer with the raw {@link PageResult} (Axon 4 matches
     * {@code ResponseTypes.instanceOf(PageResult.class)} only against a non-parameterized return type, AxonFramework
     * issue #1537), so the content type is the caller's to know.
     */
    @SuppressWarnings("unchecked")
    public static <T> PageResult<T> queryPage(QueryGateway queryGateway, Object query) {
        return (PageResult<T>) queryGateway.query(query, ResponseTypes.instanceOf(PageResult.class)).join();
    }

    /** The page {@code paging} asks for, of a list with no match. */
    public static <T> PageResult<T> empty(PageParams paging) {
        return new PageResult<>(List.of(), paging.pageOrDefault(), paging.sizeOrDefault(), 0);
    }
}
