package io.axle.query.customer;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.axle.api.common.PageResult;
import io.axle.api.customer.CreditLimitChangedEvent;
import io.axle.api.customer.CreditReleasedEvent;
import io.axle.api.customer.CreditReservedEvent;
import io.axle.api.customer.CustomerDetailsChangedEvent;
import io.axle.api.customer.CustomerErasedEvent;
import io.axle.api.customer.CustomerRegisteredEvent;
import io.axle.api.customer.CustomerView;
import io.axle.api.customer.ExportCustomersQuery;
import io.axle.api.customer.FindCustomerQuery;
import io.axle.api.customer.ListCustomersQuery;
import io.axle.query.Listing;
import io.axle.query.Pages;
import io.axle.query.ReadModels;
import jakarta.annotation.PostConstruct;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
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
 * Projects customer events into one {@link CustomerDocument} per customer and answers the customer queries.
 *
 * <p>The credit available is taken from the events; the credit reserved follows the reserved and released amounts.
 * The VAT number, invoice language, phone and billing address are shown as registered or last edited (null when not
 * given, as in events older than them); a new credit limit changes what is available, not what is reserved.
 * An erasure empties the personal fields (name, e-mail, phone, billing address) and marks the customer erased; a
 * replay after it reads those fields as null from the events already. A change is written only if the stored sequence
 * number is still the one read and lower than the event's.
 */
@Component
@ProcessingGroup("customers")
public class CustomerProjection {

    static final String COLLECTION = "customers";

    private static final Sort BY_NAME = Sort.by("name", "customerId");

    /** The customer list: searched by name, e-mail and VAT number, dated by the last registration or edit. */
    static final Listing LISTING = Listing.of(COLLECTION, "customerId")
            .searching("name", "email", "vatNumber")
            .dated("updatedAt")
            .sortable("name", "email", "country", "updatedAt")
            .inUsualOrder(BY_NAME);

    private final MongoTemplate mongo;
    private final ReadStoreCompaction compaction;

    @Autowired
    public CustomerProjection(MongoTemplate mongo, ObjectProvider<ReadStoreCompaction> compaction) {
        this(mongo, compaction.getIfAvailable(() -> () -> { }));
    }

    /** Writing to {@code mongo}, asking {@code compaction} to rewrite the store's file after an erasure. */
    public CustomerProjection(MongoTemplate mongo, ReadStoreCompaction compaction) {
        this.mongo = mongo;
        this.compaction = compaction;
    }

    /** Creates the index the list needs on a real MongoDB; servers that refuse it only cost speed. */
    @PostConstruct
    void createIndexes() {
        ReadModels.createIndex(mongo, COLLECTION, new Index().on("name", Sort.Direction.ASC).named("name"));
        for (String field : List.of("email", "country", "updatedAt")) {
            ReadModels.createIndex(mongo, COLLECTION, new Index().on(field, Sort.Direction.ASC)
                    .on("_id", Sort.Direction.ASC).named(field + "_id"));
        }
    }

    @EventHandler
    void on(CustomerRegisteredEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        CustomerDocument customer = new CustomerDocument(event.customerId(), event.name(), event.email(),
                event.country(), event.currency(), event.creditLimit(), BigDecimal.ZERO, event.creditLimit(),
                blankToNull(event.vatNumber()), blankToNull(event.language()), blankToNull(event.phone()),
                event.billingAddress(), at, sequence, false);
        try {
            mongo.insert(customer, COLLECTION);
        } catch (DuplicateKeyException alreadyApplied) {
            // registration is the first event of a customer: a document already there has seen it
        }
    }

    @EventHandler
    void on(CustomerDetailsChangedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.customerId(), sequence, current -> new Update()
                .set("name", event.name())
                .set("email", event.email())
                .set("phone", blankToNull(event.phone()))
                .set("country", event.country())
                .set("billingAddress", event.billingAddress())
                .set("vatNumber", blankToNull(event.vatNumber()))
                .set("language", blankToNull(event.language()))
                .set("updatedAt", at));
    }

    /**
     * Removes the customer's personal data from the read model and marks it erased. The old values also leave the
     * store's files: the document is rewritten, and the embedded store compacts what it no longer uses.
     */
    @EventHandler
    void on(CustomerErasedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.customerId(), sequence, current -> new Update()
                .set("name", null)
                .set("email", null)
                .set("phone", null)
                .set("billingAddress", null)
                .set("erased", true)
                .set("updatedAt", at));
        compaction.request();
    }

    @EventHandler
    void on(CreditLimitChangedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.customerId(), sequence, current -> new Update()
                .set("creditLimit", event.creditLimit())
                .set("creditAvailable", event.availableCredit())
                .set("updatedAt", at));
    }

    @EventHandler
    void on(CreditReservedEvent event, @SequenceNumber long sequence) {
        apply(event.customerId(), sequence, event.amount(), event.availableCredit());
    }

    @EventHandler
    void on(CreditReleasedEvent event, @SequenceNumber long sequence) {
        apply(event.customerId(), sequence, event.amount().negate(), event.availableCredit());
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), COLLECTION);
    }

    @QueryHandler
    CustomerView handle(FindCustomerQuery query) {
        CustomerDocument customer = mongo.findById(query.customerId(), CustomerDocument.class, COLLECTION);
        return customer == null ? null : customer.toView();
    }

    /**
     * Declared with the raw {@link PageResult} because Axon 4 matches {@code ResponseTypes.instanceOf(PageResult.class)}
     * only against a non-parameterized return type (AxonFramework issue #1537); the content is {@link CustomerView}.
     */
    @QueryHandler
    @SuppressWarnings("rawtypes")
    PageResult handle(ListCustomersQuery query) {
        return page(query);
    }

    PageResult<CustomerView> page(ListCustomersQuery query) {
        return Pages.page(mongo, COLLECTION, CustomerDocument.class, filter(query), LISTING.order(query.criteria()),
                query.page(), query.size(), CustomerDocument::toView);
    }

    /** Every customer the list would page through, in its order, as the cursor reads them. */
    @QueryHandler
    Flux<CustomerView> handle(ExportCustomersQuery query) {
        return Pages.stream(mongo, COLLECTION, CustomerDocument.class, filter(query.list()),
                LISTING.order(query.list().criteria()), query.limit(), CustomerDocument::toView);
    }

    private static Query filter(ListCustomersQuery query) {
        Query filter = new Query();
        if (query.customerId() != null) {
            filter.addCriteria(where("customerId").is(query.customerId()));
        }
        return LISTING.filter(filter, query.criteria());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Writes {@code change} to the customer's document unless an event as new or newer was applied. */
    private void update(String customerId, long sequence, Function<CustomerDocument, Update> change) {
        ReadModels.updateIfNewer(mongo, COLLECTION, CustomerDocument.class, "customerId", customerId, sequence,
                CustomerDocument::sequence, change);
    }

    private void apply(String customerId, long sequence, BigDecimal reservedChange, BigDecimal available) {
        update(customerId, sequence, current -> {
            CustomerDocument next = current.withReservation(reservedChange, available);
            return new Update()
                    .set("creditReserved", next.creditReserved())
                    .set("creditAvailable", next.creditAvailable());
        });
    }
}
