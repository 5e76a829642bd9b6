package io.axle.query.customer;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.axle.api.common.PageResult;
import io.axle.api.customer.CreditReleasedEvent;
import io.axle.api.customer.CreditReservedEvent;
import io.axle.api.customer.CustomerRegisteredEvent;
import io.axle.api.customer.CustomerView;
import io.axle.api.customer.FindCustomerQuery;
import io.axle.api.customer.ListCustomersQuery;
import io.axle.query.PageParams;
import jakarta.annotation.PostConstruct;
import java.math.BigDecimal;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Projects customer events into one {@link CustomerDocument} per customer and answers the customer queries.
 *
 * <p>The credit available is taken from the events; the credit reserved follows the reserved and released amounts.
 * A change is written only if the stored sequence number is still the one read and lower than the event's.
 */
@Component
@ProcessingGroup("customers")
public class CustomerProjection {

    static final String COLLECTION = "customers";

    private static final Logger log = LoggerFactory.getLogger(CustomerProjection.class);
    private static final Sort BY_NAME = Sort.by("name", "customerId");

    private final MongoTemplate mongo;

    public CustomerProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Creates the index the list needs on a real MongoDB; servers that refuse it only cost speed. */
    @PostConstruct
    void createIndexes() {
        Index byName = new Index().on("name", Sort.Direction.ASC).named("name");
        try {
            mongo.indexOps(COLLECTION).createIndex(byName);
        } catch (RuntimeException e) {
            log.warn("Could not create index {} on {}: {}", byName.getIndexKeys(), COLLECTION, e.getMessage());
        }
    }

    @EventHandler
    void on(CustomerRegisteredEvent event, @SequenceNumber long sequence) {
        CustomerDocument customer = new CustomerDocument(event.customerId(), event.name(), event.email(),
                event.country(), event.currency(), event.creditLimit(), BigDecimal.ZERO, event.creditLimit(),
                sequence);
        try {
            mongo.insert(customer, COLLECTION);
        } catch (DuplicateKeyException alreadyApplied) {
            // registration is the first event of a customer: a document already there has seen it
        }
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
        long total = mongo.count(new Query(), CustomerDocument.class, COLLECTION);
        int size = PageParams.clampSize(query.size());
        Query page = new Query().with(BY_NAME).skip(PageParams.skip(query.page(), size)).limit(size);
        List<CustomerView> content = mongo.find(page, CustomerDocument.class, COLLECTION).stream()
                .map(CustomerDocument::toView)
                .toList();
        return new PageResult<>(content, Math.max(query.page(), 0), size, total);
    }

    private void apply(String customerId, long sequence, BigDecimal reservedChange, BigDecimal available) {
        CustomerDocument current = mongo.findById(customerId, CustomerDocument.class, COLLECTION);
        if (current == null || sequence <= current.sequence()) {
            return;
        }
        CustomerDocument next = current.withReservation(reservedChange, available);
        Update update = new Update()
                .set("creditReserved", next.creditReserved())
                .set("creditAvailable", next.creditAvailable())
                .set("sequence", sequence);
        mongo.updateFirst(query(where("customerId").is(customerId).and("sequence").is(current.sequence())), update,
                CustomerDocument.class, COLLECTION);
    }
}
