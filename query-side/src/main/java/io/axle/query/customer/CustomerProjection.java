package io.axle.query.customer;

import io.axle.api.common.PageResult;
import io.axle.api.customer.CreditLimitChangedEvent;
import io.axle.api.customer.CreditReleasedEvent;
import io.axle.api.customer.CreditReservedEvent;
import io.axle.api.customer.CustomerDetailsChangedEvent;
import io.axle.api.customer.CustomerRegisteredEvent;
import io.axle.api.customer.CustomerView;
import io.axle.api.customer.FindCustomerQuery;
import io.axle.api.customer.ListCustomersQuery;
import io.axle.query.Pages;
import io.axle.query.ReadModels;
import jakarta.annotation.PostConstruct;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.function.Function;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
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
 * The VAT number, invoice language, phone and billing address are shown as registered or last edited (null when not
 * given, as in events older than them); a new credit limit changes what is available, not what is reserved.
 * A change is written only if the stored sequence number is still the one read and lower than the event's.
 */
@Component
@ProcessingGroup("customers")
public class CustomerProjection {

    static final String COLLECTION = "customers";

    private static final Sort BY_NAME = Sort.by("name", "customerId");

    private final MongoTemplate mongo;

    public CustomerProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Creates the index the list needs on a real MongoDB; servers that refuse it only cost speed. */
    @PostConstruct
    void createIndexes() {
        ReadModels.createIndex(mongo, COLLECTION, new Index().on("name", Sort.Direction.ASC).named("name"));
    }

    @EventHandler
    void on(CustomerRegisteredEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        CustomerDocument customer = new CustomerDocument(event.customerId(), event.name(), event.email(),
                event.country(), event.currency(), event.creditLimit(), BigDecimal.ZERO, event.creditLimit(),
                blankToNull(event.vatNumber()), blankToNull(event.language()), blankToNull(event.phone()),
                event.billingAddress(), at, sequence);
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
        return Pages.page(mongo, COLLECTION, CustomerDocument.class, new Query(), BY_NAME, query.page(), query.size(),
                CustomerDocument::toView);
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
