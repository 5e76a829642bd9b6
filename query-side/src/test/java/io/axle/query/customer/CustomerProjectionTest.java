package io.axle.query.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.spy;

import io.axle.api.common.ListCriteria;
import io.axle.api.common.PageResult;
import io.axle.api.customer.CreditReleasedEvent;
import io.axle.api.customer.CreditReservedEvent;
import io.axle.api.customer.CustomerRegisteredEvent;
import io.axle.api.customer.CustomerView;
import io.axle.api.customer.ExportCustomersQuery;
import io.axle.api.customer.FindCustomerQuery;
import io.axle.api.customer.ListCustomersQuery;
import io.axle.query.InMemoryMongo;
import io.axle.api.customer.BillingAddress;
import io.axle.api.customer.CreditLimitChangedEvent;
import io.axle.api.customer.CustomerDetailsChangedEvent;
import io.axle.api.customer.CustomerErasedEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.UpdateDefinition;

class CustomerProjectionTest {

    private static final Instant AT = Instant.parse("2026-03-01T09:00:00Z");
    private static final BillingAddress ADDRESS = new BillingAddress("12 rue des Lilas", "75011", "Paris", null, "FR");

    private InMemoryMongo mongo;
    private CustomerProjection projection;
    private final AtomicInteger compactions = new AtomicInteger();

    @BeforeEach
    void start() {
        mongo = InMemoryMongo.start();
        projection = new CustomerProjection(mongo.template(), compactions::incrementAndGet);
        projection.createIndexes();
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void registeredCustomerHasAllItsCreditAvailable() {
        register("c-1", "Acme", 0);

        assertThat(find("c-1")).isEqualTo(new CustomerView("c-1", "Acme", "buyer@acme.test", "FR", "EUR",
                new BigDecimal("1000.00"), BigDecimal.ZERO, new BigDecimal("1000.00"), null, null, null, null, AT));
    }

    @Test
    void aBusinessShowsItsVatNumberAndInvoiceLanguage() {
        projection.on(new CustomerRegisteredEvent("c-2", "Müller GmbH", "einkauf@mueller.test", "DE", "EUR",
                new BigDecimal("5000.00"), "DE123456789", "de"), 0, AT);

        assertThat(find("c-2")).isEqualTo(new CustomerView("c-2", "Müller GmbH", "einkauf@mueller.test", "DE", "EUR",
                new BigDecimal("5000.00"), BigDecimal.ZERO, new BigDecimal("5000.00"), "DE123456789", "de", null, null,
                AT));
    }

    @Test
    void aCustomerRegisteredBeforeInvoicesHasNoVatNumberNorLanguage() {
        register("c-1", "Acme", 0);

        CustomerView customer = find("c-1");

        assertThat(customer.vatNumber()).isNull();
        assertThat(customer.language()).isNull();
    }

    @Test
    void blankVatNumberAndLanguageAreShownAsNotGiven() {
        projection.on(new CustomerRegisteredEvent("c-3", "Jeanne", "jeanne@example.test", "FR", "EUR",
                new BigDecimal("100.00"), " ", ""), 0, AT);

        assertThat(find("c-3").vatNumber()).isNull();
        assertThat(find("c-3").language()).isNull();
    }

    @Test
    void creditChangesKeepTheVatNumberAndLanguage() {
        projection.on(new CustomerRegisteredEvent("c-2", "Müller GmbH", "einkauf@mueller.test", "DE", "EUR",
                new BigDecimal("5000.00"), "DE123456789", "de"), 0, AT);
        projection.on(new CreditReservedEvent("c-2", "o-1", new BigDecimal("100.00"), "EUR",
                new BigDecimal("4900.00")), 1);
        projection.on(new CreditReleasedEvent("c-2", "o-1", new BigDecimal("100.00"), new BigDecimal("5000.00")), 2);

        CustomerView customer = find("c-2");

        assertThat(customer.vatNumber()).isEqualTo("DE123456789");
        assertThat(customer.language()).isEqualTo("de");
        assertThat(customer.creditReserved()).isEqualByComparingTo("0");
    }

    @Test
    void reservedCreditIsNoLongerAvailable() {
        register("c-1", "Acme", 0);
        projection.on(new CreditReservedEvent("c-1", "o-1", new BigDecimal("250.50"), "EUR",
                new BigDecimal("749.50")), 1);

        CustomerView customer = find("c-1");

        assertThat(customer.creditReserved()).isEqualByComparingTo("250.50");
        assertThat(customer.creditAvailable()).isEqualByComparingTo("749.50");
        assertThat(customer.creditLimit()).isEqualByComparingTo("1000.00");
    }

    @Test
    void releasedCreditIsAvailableAgain() {
        register("c-1", "Acme", 0);
        projection.on(new CreditReservedEvent("c-1", "o-1", new BigDecimal("250.50"), "EUR",
                new BigDecimal("749.50")), 1);
        projection.on(new CreditReservedEvent("c-1", "o-2", new BigDecimal("100.00"), "EUR",
                new BigDecimal("649.50")), 2);
        projection.on(new CreditReleasedEvent("c-1", "o-1", new BigDecimal("250.50"), new BigDecimal("900.00")), 3);

        CustomerView customer = find("c-1");

        assertThat(customer.creditReserved()).isEqualByComparingTo("100.00");
        assertThat(customer.creditAvailable()).isEqualByComparingTo("900.00");
    }

    @Test
    void theSameEventsAppliedTwiceChangeNothing() {
        register("c-1", "Acme", 0);
        projection.on(new CreditReservedEvent("c-1", "o-1", new BigDecimal("250.50"), "EUR",
                new BigDecimal("749.50")), 1);
        CustomerView once = find("c-1");

        register("c-1", "Acme", 0);
        projection.on(new CreditReservedEvent("c-1", "o-1", new BigDecimal("250.50"), "EUR",
                new BigDecimal("749.50")), 1);

        assertThat(find("c-1")).isEqualTo(once);
        assertThat(once.creditReserved()).isEqualByComparingTo("250.50");
    }

    @Test
    void anEventOlderThanTheLastAppliedIsIgnored() {
        register("c-1", "Acme", 0);
        projection.on(new CreditReservedEvent("c-1", "o-1", new BigDecimal("200.00"), "EUR",
                new BigDecimal("800.00")), 1);
        projection.on(new CreditReservedEvent("c-1", "o-2", new BigDecimal("300.00"), "EUR",
                new BigDecimal("500.00")), 2);

        projection.on(new CreditReleasedEvent("c-1", "o-1", new BigDecimal("200.00"), new BigDecimal("1000.00")), 1);

        CustomerView customer = find("c-1");
        assertThat(customer.creditReserved()).isEqualByComparingTo("500.00");
        assertThat(customer.creditAvailable()).isEqualByComparingTo("500.00");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aReservationOvertakenByAnotherInstanceFailsSoThatItIsRetriedNotLost() {
        register("c-1", "Acme", 0);
        MongoTemplate racing = spy(mongo.template());
        doAnswer(write -> {
            // another instance applies event 1 between this one's read (at 0) and its write of event 2
            projection.on(new CreditReservedEvent("c-1", "o-1", new BigDecimal("100.00"), "EUR",
                    new BigDecimal("900.00")), 1);
            return write.callRealMethod();
        }).when(racing).findAndModify(any(Query.class), any(UpdateDefinition.class),
                any(FindAndModifyOptions.class), any(Class.class), anyString());
        CustomerProjection overtaken = new CustomerProjection(racing, compactions::incrementAndGet);
        CreditReservedEvent second = new CreditReservedEvent("c-1", "o-2", new BigDecimal("50.00"), "EUR",
                new BigDecimal("850.00"));

        assertThatThrownBy(() -> overtaken.on(second, 2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("customers")
                .hasMessageContaining("c-1")
                .hasMessageContaining("sequence 2");

        overtaken.on(second, 2);

        CustomerView customer = find("c-1");
        assertThat(customer.creditReserved()).isEqualByComparingTo("150.00");
        assertThat(customer.creditAvailable()).isEqualByComparingTo("850.00");
    }

    @Test
    void creditEventsOfAnUnknownCustomerCreateNothing() {
        projection.on(new CreditReservedEvent("c-x", "o-1", BigDecimal.TEN, "EUR", BigDecimal.ZERO), 1);

        assertThat(find("c-x")).isNull();
    }

    @Test
    void customersArePagedByName() {
        register("c-1", "Zeta", 0);
        register("c-2", "Acme", 0);
        register("c-3", "Midway", 0);

        PageResult<CustomerView> first = projection.page(new ListCustomersQuery(0, 2));
        PageResult<CustomerView> second = projection.page(new ListCustomersQuery(1, 2));

        assertThat(first.content()).extracting(CustomerView::name).containsExactly("Acme", "Midway");
        assertThat(first.totalElements()).isEqualTo(3);
        assertThat(second.content()).extracting(CustomerView::customerId).containsExactly("c-1");
    }

    @Test
    void resetEmptiesTheReadModelForReplay() {
        register("c-1", "Acme", 0);

        projection.reset();

        assertThat(find("c-1")).isNull();
        register("c-1", "Acme", 0);
        assertThat(find("c-1")).isNotNull();
    }

    @Test
    void customersAreSearchedByNameEmailOrVatBoundedByTheirLastEditSortedAndExported() {
        projection.on(new CustomerRegisteredEvent("c-1", "Garage Martin", "compta@martin.test", "FR", "EUR",
                new BigDecimal("800.00"), "FR40123456824", "fr", null, null), 0, AT);
        projection.on(new CustomerRegisteredEvent("c-2", "Atelier Dupré", "achats@dupre.test", "FR", "EUR",
                new BigDecimal("800.00"), null, "fr", null, null), 0, AT.plusSeconds(60));
        projection.on(new CustomerRegisteredEvent("c-3", "Müller GmbH", "einkauf@mueller.test", "DE", "EUR",
                new BigDecimal("800.00"), "DE123456789", "de", null, null), 0, AT.plusSeconds(120));

        assertThat(listed(ListCriteria.searching("garage"))).containsExactly("c-1");
        assertThat(listed(ListCriteria.searching("DUPRE.test"))).containsExactly("c-2");
        assertThat(listed(ListCriteria.searching("de123"))).containsExactly("c-3");
        assertThat(listed(new ListCriteria(null, AT.plusSeconds(60), null, null, false))).containsExactly("c-2", "c-3");
        assertThat(listed(new ListCriteria(null, null, null, "country", true))).containsExactly("c-2", "c-1", "c-3");
        ListCustomersQuery tested = new ListCustomersQuery(null, ListCriteria.searching(".test"), 0, 1);
        assertThat(projection.handle(new ExportCustomersQuery(tested, 10)).map(CustomerView::customerId)
                .collectList().block()).as("every match, by name, not the page of one")
                .containsExactly("c-2", "c-1", "c-3");
        assertThat(projection.handle(new ExportCustomersQuery(new ListCustomersQuery("c-1", ListCriteria.NONE, 0, 1),
                10)).map(CustomerView::customerId).collectList().block()).containsExactly("c-1");
    }

    private List<String> listed(ListCriteria criteria) {
        return projection.page(new ListCustomersQuery(null, criteria, 0, 20)).content().stream()
                .map(CustomerView::customerId).toList();
    }

    @Test
    void aCustomerRegisteredWithPhoneAndBillingAddressShowsThem() {
        projection.on(new CustomerRegisteredEvent("c-4", "Garage Martin", "compta@martin.test", "FR", "EUR",
                new BigDecimal("800.00"), null, "fr", "+33 1 23 45 67 89", ADDRESS), 0, AT);

        CustomerView customer = find("c-4");

        assertThat(customer.phone()).isEqualTo("+33 1 23 45 67 89");
        assertThat(customer.billingAddress()).isEqualTo(ADDRESS);
        assertThat(customer.updatedAt()).isEqualTo(AT);
    }

    @Test
    void anEditReplacesTheRecordAndKeepsTheCredit() {
        register("c-1", "Acme", 0);
        projection.on(new CreditReservedEvent("c-1", "o-1", new BigDecimal("100.00"), "EUR",
                new BigDecimal("900.00")), 1);
        Instant edited = AT.plusSeconds(3600);

        projection.on(new CustomerDetailsChangedEvent("c-1", "Acme SAS", "billing@acme.test", "+33 6 12 34 56 78",
                "BE", ADDRESS, "BE0123456789", "fr", List.of("name", "email", "phone", "country", "billingAddress",
                "vatNumber", "language")), 2, edited);

        CustomerView customer = find("c-1");
        assertThat(customer).isEqualTo(new CustomerView("c-1", "Acme SAS", "billing@acme.test", "BE", "EUR",
                new BigDecimal("1000.00"), new BigDecimal("100.00"), new BigDecimal("900.00"), "BE0123456789", "fr",
                "+33 6 12 34 56 78", ADDRESS, edited));
    }

    @Test
    void anErasedCustomerShowsNoPersonalDataButKeepsItsAccountAndCredit() {
        projection.on(new CustomerRegisteredEvent("c-5", "Jeanne Martin", "jeanne@martin.test", "FR", "EUR",
                new BigDecimal("800.00"), "FR40303265045", "fr", "+33 1 23 45 67 89", ADDRESS), 0, AT);
        projection.on(new CreditReservedEvent("c-5", "o-1", new BigDecimal("100.00"), "EUR",
                new BigDecimal("700.00")), 1);
        Instant erasedAt = AT.plusSeconds(60);

        projection.on(new CustomerErasedEvent("c-5"), 2, erasedAt);
        projection.on(new CustomerErasedEvent("c-5"), 2, erasedAt);

        assertThat(find("c-5")).isEqualTo(new CustomerView("c-5", null, null, "FR", "EUR", new BigDecimal("800.00"),
                new BigDecimal("100.00"), new BigDecimal("700.00"), "FR40303265045", "fr", null, null, erasedAt,
                true));
        assertThat(projection.page(new ListCustomersQuery(0, 10)).content()).extracting(CustomerView::erased)
                .containsExactly(true);
        assertThat(compactions).as("the store is asked to drop the old values from its file").hasPositiveValue();
    }

    @Test
    void aReplayAfterAnErasureRebuildsTheCustomerErased() {
        projection.reset();
        projection.on(new CustomerRegisteredEvent("c-6", null, null, "FR", "EUR", new BigDecimal("800.00"), null,
                null, null, null), 0, AT);
        projection.on(new CustomerErasedEvent("c-6"), 1, AT);

        CustomerView customer = find("c-6");
        assertThat(customer.erased()).isTrue();
        assertThat(customer.name()).isNull();
        assertThat(customer.creditLimit()).isEqualByComparingTo("800.00");
    }

    @Test
    void anEditThatRemovesOptionalDetailsShowsThemAsNotGiven() {
        projection.on(new CustomerRegisteredEvent("c-4", "Garage Martin", "compta@martin.test", "FR", "EUR",
                new BigDecimal("800.00"), "FR40303265045", "fr", "+33 1 23 45 67 89", ADDRESS), 0, AT);

        projection.on(new CustomerDetailsChangedEvent("c-4", "Garage Martin", "compta@martin.test", null, "FR", null,
                null, null, List.of("phone", "billingAddress", "vatNumber", "language")), 1, AT);

        CustomerView customer = find("c-4");
        assertThat(customer.phone()).isNull();
        assertThat(customer.billingAddress()).isNull();
        assertThat(customer.vatNumber()).isNull();
        assertThat(customer.language()).isNull();
    }

    @Test
    void aNewCreditLimitChangesWhatIsAvailableNotWhatIsReserved() {
        register("c-1", "Acme", 0);
        projection.on(new CreditReservedEvent("c-1", "o-1", new BigDecimal("300.00"), "EUR",
                new BigDecimal("700.00")), 1);

        projection.on(new CreditLimitChangedEvent("c-1", new BigDecimal("1000.00"), new BigDecimal("200.00"),
                new BigDecimal("-100.00")), 2, AT);

        CustomerView customer = find("c-1");
        assertThat(customer.creditLimit()).isEqualByComparingTo("200.00");
        assertThat(customer.creditReserved()).isEqualByComparingTo("300.00");
        assertThat(customer.creditAvailable()).isEqualByComparingTo("-100.00");
    }

    @Test
    void anEditOlderThanTheLastAppliedEventIsIgnored() {
        register("c-1", "Acme", 0);
        projection.on(new CustomerDetailsChangedEvent("c-1", "Acme SAS", "buyer@acme.test", null, "FR", null, null,
                null, List.of("name")), 2, AT);

        projection.on(new CustomerDetailsChangedEvent("c-1", "Acme Old", "buyer@acme.test", null, "FR", null, null,
                null, List.of("name")), 1, AT);

        assertThat(find("c-1").name()).isEqualTo("Acme SAS");
    }

    @Test
    @SuppressWarnings("unchecked")
    void axonDeliversEventsAndRoutesQueriesAsTheControllerSendsThem() throws Exception {
        AnnotationEventHandlerAdapter events = new AnnotationEventHandlerAdapter(projection);
        SimpleQueryBus queryBus = SimpleQueryBus.builder().build();
        new AnnotationQueryHandlerAdapter<>(projection).subscribe(queryBus);
        QueryGateway gateway = DefaultQueryGateway.builder().queryBus(queryBus).build();

        events.handle(new GenericDomainEventMessage<>("Customer", "c-1", 0, new CustomerRegisteredEvent("c-1", "Acme",
                "buyer@acme.test", "FR", "EUR", new BigDecimal("1000.00"))));
        events.handle(new GenericDomainEventMessage<>("Customer", "c-1", 1, new CreditReservedEvent("c-1", "o-1",
                new BigDecimal("10.00"), "EUR", new BigDecimal("990.00"))));

        assertThat(gateway.query(new FindCustomerQuery("c-1"), CustomerView.class).join().creditReserved())
                .isEqualByComparingTo("10.00");
        PageResult<CustomerView> page = gateway.query(new ListCustomersQuery(0, 20),
                ResponseTypes.instanceOf(PageResult.class)).join();
        assertThat(page.content()).extracting(CustomerView::customerId).containsExactly("c-1");
    }

    private void register(String customerId, String name, long sequence) {
        projection.on(new CustomerRegisteredEvent(customerId, name, "buyer@acme.test", "FR", "EUR",
                new BigDecimal("1000.00")), sequence, AT);
    }

    private CustomerView find(String customerId) {
        return projection.handle(new FindCustomerQuery(customerId));
    }
}
