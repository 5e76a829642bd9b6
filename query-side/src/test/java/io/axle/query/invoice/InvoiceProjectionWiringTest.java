package io.axle.query.invoice;

import static io.axle.query.invoice.InvoiceEvents.ISSUED_AT;
import static io.axle.query.invoice.InvoiceEvents.REQUESTED_AT;
import static io.axle.query.invoice.InvoiceEvents.issued;
import static io.axle.query.invoice.InvoiceEvents.requested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.axle.api.common.PageResult;
import io.axle.api.invoice.FindInvoiceQuery;
import io.axle.api.invoice.InvoiceStatus;
import io.axle.api.invoice.InvoiceView;
import io.axle.api.invoice.ListInvoicesQuery;
import io.axle.api.invoice.PaymentRecordedEvent;
import io.axle.api.invoice.WatchInvoicesQuery;
import io.axle.query.InMemoryMongo;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The invoice projection as Axon sees it: events delivered as domain event messages (sequence number and timestamp
 * resolved by Axon), queries and subscription queries sent through a real query bus and gateway as the controller
 * sends them.
 */
class InvoiceProjectionWiringTest {

    private InMemoryMongo mongo;
    private AnnotationEventHandlerAdapter eventHandlers;
    private QueryGateway queryGateway;

    @BeforeEach
    void start() {
        mongo = InMemoryMongo.start();
        SimpleQueryUpdateEmitter emitter = SimpleQueryUpdateEmitter.builder().build();
        InvoiceProjection projection = new InvoiceProjection(mongo.template(), emitter);
        eventHandlers = new AnnotationEventHandlerAdapter(projection);
        SimpleQueryBus queryBus = SimpleQueryBus.builder().queryUpdateEmitter(emitter).build();
        new AnnotationQueryHandlerAdapter<>(projection).subscribe(queryBus);
        queryGateway = DefaultQueryGateway.builder().queryBus(queryBus).build();
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void eventsAreAppliedAtTheirSequenceNumberAndTimestamp() throws Exception {
        deliver(0, requested("inv-1", "o-1", "c-1", REQUESTED_AT), REQUESTED_AT);
        deliver(1, issued("inv-1", "o-1", "c-1", "INV-2026-000042"), ISSUED_AT);
        deliver(1, issued("inv-1", "o-1", "c-1", "INV-2026-000099"), ISSUED_AT.plusSeconds(60));

        InvoiceView invoice = queryGateway.query(new FindInvoiceQuery("inv-1"), InvoiceView.class).join();

        assertThat(invoice.number()).isEqualTo("INV-2026-000042");
        assertThat(invoice.updatedAt()).isEqualTo(ISSUED_AT);
    }

    @Test
    @SuppressWarnings("unchecked")
    void listQueriesAreAnsweredWithAPageOfViews() throws Exception {
        deliver(0, requested("inv-1", "o-1", "c-1", REQUESTED_AT), REQUESTED_AT);

        PageResult<InvoiceView> page = queryGateway.query(new ListInvoicesQuery("o-1", null, null, 0, 20),
                ResponseTypes.instanceOf(PageResult.class)).join();

        assertThat(page.content()).extracting(InvoiceView::invoiceId).containsExactly("inv-1");
    }

    @Test
    void aWatchSubscriptionGetsTheNewestInvoicesThenEveryChange() throws Exception {
        deliver(0, requested("inv-1", "o-1", "c-1", REQUESTED_AT), REQUESTED_AT);
        SubscriptionQueryResult<List<InvoiceView>, InvoiceView> subscription = queryGateway.subscriptionQuery(
                new WatchInvoicesQuery(null), ResponseTypes.multipleInstancesOf(InvoiceView.class),
                ResponseTypes.instanceOf(InvoiceView.class));
        List<String> updates = new CopyOnWriteArrayList<>();
        subscription.updates().subscribe(update -> updates.add(update.invoiceId() + ":" + update.status()));
        assertThat(subscription.initialResult().block()).extracting(InvoiceView::invoiceId).containsExactly("inv-1");

        deliver(1, issued("inv-1", "o-1", "c-1", "INV-2026-000042"), ISSUED_AT);
        deliver(2, new PaymentRecordedEvent("inv-1", "p-1", BigDecimal.TEN, BigDecimal.TEN, new BigDecimal("1200.55"),
                InvoiceStatus.PARTIALLY_PAID, "operator", ISSUED_AT), ISSUED_AT);

        await().atMost(Duration.ofSeconds(5))
                .until(() -> updates.equals(List.of("inv-1:ISSUED", "inv-1:PARTIALLY_PAID")));
        subscription.cancel();
    }

    @Test
    void aResetEmptiesTheReadModel() throws Exception {
        deliver(0, requested("inv-1", "o-1", "c-1", REQUESTED_AT), REQUESTED_AT);

        eventHandlers.prepareReset();

        assertThat(queryGateway.query(new FindInvoiceQuery("inv-1"), InvoiceView.class).join()).isNull();
    }

    private void deliver(long sequence, Object event, Instant at) throws Exception {
        eventHandlers.handle(new GenericDomainEventMessage<>("Invoice", "inv-1", sequence, event, Map.of(),
                UUID.randomUUID().toString(), at));
    }
}
