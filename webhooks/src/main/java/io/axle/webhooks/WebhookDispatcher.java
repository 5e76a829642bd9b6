package io.axle.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axle.api.invoice.InvoiceIssuedEvent;
import io.axle.api.invoice.InvoiceStatus;
import io.axle.api.invoice.PaymentRecordedEvent;
import io.axle.api.order.OrderConfirmedEvent;
import io.axle.api.order.OrderPlacedEvent;
import io.axle.api.order.OrderRejectedEvent;
import io.axle.api.order.OrderShippedEvent;
import io.axle.api.run.RunCompletedEvent;
import io.axle.api.webhook.WebhookChangedEvent;
import io.axle.api.webhook.WebhookRegisteredEvent;
import io.axle.api.webhook.WebhookRemovedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.bson.Document;

/**
 * Turns business events into delivery records, one per webhook that asked for the event and may see its customer, in
 * the tracking processor {@value #PROCESSING_GROUP}. It only writes records, so a slow or absent receiver never holds
 * event processing up; {@link WebhookSender} posts them.
 *
 * <p>The delivery id is derived from the event's identifier and the webhook id, and a record is only inserted when
 * missing, so an event processed again (a retry after a crash) adds nothing. During a replay it keeps the webhooks and
 * the facts of orders and invoices up to date but creates no delivery: partners are told once, when it happens.
 */
@ProcessingGroup(WebhookDispatcher.PROCESSING_GROUP)
public class WebhookDispatcher {

    public static final String PROCESSING_GROUP = "webhooks";

    private final WebhookSubscriptions subscriptions;
    private final WebhookFacts facts;
    private final WebhookDeliveries deliveries;
    private final ObjectMapper json;
    private final Clock clock;

    public WebhookDispatcher(WebhookSubscriptions subscriptions, WebhookFacts facts, WebhookDeliveries deliveries,
                             ObjectMapper json, Clock clock) {
        this.subscriptions = subscriptions;
        this.facts = facts;
        this.deliveries = deliveries;
        this.json = json;
        this.clock = clock;
    }

    @EventHandler
    void on(WebhookRegisteredEvent event) {
        subscriptions.registered(event.webhookId(), event.customerId(), event.url(), event.events(),
                event.registeredBy(), event.registeredAt());
    }

    @EventHandler
    void on(WebhookChangedEvent event) {
        subscriptions.changed(event.webhookId(), event.url(), event.events());
    }

    @EventHandler
    void on(WebhookRemovedEvent event) {
        subscriptions.removed(event.webhookId());
    }

    @EventHandler
    void on(OrderPlacedEvent event) {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("customerId", event.customerId());
        order.put("orderNumber", event.number());
        facts.remember(orderKey(event.orderId()), order);
    }

    @EventHandler
    void on(OrderConfirmedEvent event, @MessageIdentifier String eventId, @Timestamp Instant occurredAt,
            ReplayStatus replay) {
        Map<String, Object> data = order(event.orderId());
        data.put("customerId", event.customerId());
        data.put("total", event.total());
        data.put("currency", event.currency());
        dispatch(WebhookEvents.ORDER_CONFIRMED, event.customerId(), data, eventId, occurredAt, replay);
    }

    @EventHandler
    void on(OrderRejectedEvent event, @MessageIdentifier String eventId, @Timestamp Instant occurredAt,
            ReplayStatus replay) {
        Map<String, Object> data = order(event.orderId());
        data.put("reason", event.reason());
        dispatch(WebhookEvents.ORDER_REJECTED, (String) data.get("customerId"), data, eventId, occurredAt, replay);
    }

    @EventHandler
    void on(OrderShippedEvent event, @MessageIdentifier String eventId, @Timestamp Instant occurredAt,
            ReplayStatus replay) {
        Map<String, Object> data = order(event.orderId());
        dispatch(WebhookEvents.ORDER_SHIPPED, (String) data.get("customerId"), data, eventId, occurredAt, replay);
    }

    @EventHandler
    void on(InvoiceIssuedEvent event, @MessageIdentifier String eventId, @Timestamp Instant occurredAt,
            ReplayStatus replay) {
        Map<String, Object> invoice = new LinkedHashMap<>();
        invoice.put("invoiceNumber", event.document().number());
        invoice.put("customerId", event.customerId());
        invoice.put("currency", event.document().currency());
        facts.remember(invoiceKey(event.invoiceId()), invoice);

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("invoiceId", event.invoiceId());
        data.put("invoiceNumber", event.document().number());
        data.put("orderId", event.orderId());
        data.put("orderNumber", event.document().orderNumber());
        data.put("customerId", event.customerId());
        data.put("totalInclTax", event.document().totalInclTax());
        data.put("currency", event.document().currency());
        data.put("dueDate", event.document().dueDate() == null ? null : event.document().dueDate().toString());
        dispatch(WebhookEvents.INVOICE_ISSUED, event.customerId(), data, eventId, occurredAt, replay);
    }

    /** Only the payment that settles the invoice is {@code invoice.paid}; part payments are not announced. */
    @EventHandler
    void on(PaymentRecordedEvent event, @MessageIdentifier String eventId, @Timestamp Instant occurredAt,
            ReplayStatus replay) {
        if (event.status() != InvoiceStatus.PAID) {
            return;
        }
        Document invoice = facts.of(invoiceKey(event.invoiceId()));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("invoiceId", event.invoiceId());
        data.put("invoiceNumber", invoice.getString("invoiceNumber"));
        data.put("customerId", invoice.getString("customerId"));
        data.put("paymentId", event.paymentId());
        data.put("amount", event.amount());
        data.put("paidTotal", event.paidTotal());
        data.put("currency", invoice.getString("currency"));
        dispatch(WebhookEvents.INVOICE_PAID, invoice.getString("customerId"), data, eventId, occurredAt, replay);
    }

    /** A run belongs to no customer: only webhooks registered for every customer are told. */
    @EventHandler
    void on(RunCompletedEvent event, @MessageIdentifier String eventId, @Timestamp Instant occurredAt,
            ReplayStatus replay) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("runId", event.runId());
        data.put("finishedAt", event.finishedAt() == null ? null : event.finishedAt().toString());
        data.put("reason", event.reason());
        dispatch(WebhookEvents.RUN_COMPLETED, null, data, eventId, occurredAt, replay);
    }

    private void dispatch(String event, String customerId, Map<String, Object> data, String eventId,
                          Instant occurredAt, ReplayStatus replay) {
        if (replay.isReplay()) {
            return;
        }
        for (WebhookSubscriptions.Webhook webhook : subscriptions.wanting(event, customerId)) {
            String deliveryId = deliveryId(eventId, webhook.webhookId());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("deliveryId", deliveryId);
            body.put("event", event);
            body.put("occurredAt", occurredAt.toString());
            body.put("data", data);
            deliveries.insertIfMissing(deliveryId, webhook.webhookId(), event, occurredAt, write(body),
                    clock.instant());
        }
    }

    /** The same for the same event and webhook, wherever and however often it is computed. */
    static String deliveryId(String eventId, String webhookId) {
        return UUID.nameUUIDFromBytes((eventId + "/" + webhookId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private Map<String, Object> order(String orderId) {
        Document order = facts.of(orderKey(orderId));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orderId", orderId);
        data.put("orderNumber", order.getString("orderNumber"));
        data.put("customerId", order.getString("customerId"));
        return data;
    }

    private String write(Map<String, Object> body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A webhook body could not be written", e);
        }
    }

    private static String orderKey(String orderId) {
        return "order:" + orderId;
    }

    private static String invoiceKey(String invoiceId) {
        return "invoice:" + invoiceId;
    }
}
