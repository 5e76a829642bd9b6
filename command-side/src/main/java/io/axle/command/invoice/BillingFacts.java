package io.axle.command.invoice;

import io.axle.api.customer.CustomerDetailsChangedEvent;
import io.axle.api.customer.CustomerRegisteredEvent;
import io.axle.api.invoice.CreditNoteIssuedEvent;
import io.axle.api.invoice.DocumentKind;
import io.axle.api.invoice.InvoiceIssuedEvent;
import io.axle.api.invoice.InvoiceNumberAllocatedEvent;
import io.axle.api.invoice.InvoiceNumberSequences;
import io.axle.api.invoice.InvoiceRequestRejectedEvent;
import io.axle.api.invoice.InvoiceRequestedEvent;
import io.axle.api.order.OrderCancelledEvent;
import io.axle.api.order.OrderConfirmedEvent;
import io.axle.api.order.OrderDeliveredEvent;
import io.axle.api.order.OrderPlacedEvent;
import io.axle.api.order.OrderRejectedEvent;
import io.axle.api.order.OrderShippedEvent;
import io.axle.api.order.OrderStatus;
import io.axle.api.order.OrderStockReservedEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the facts invoicing depends on straight from the event streams of the order, the customer, the invoice and the
 * number sequences, not from the read models: what it reads is current the moment a command was stored, on any node
 * and with any event store (JPA or Axon Server). Streams are read from their first event, never from a snapshot, since
 * a snapshot holds what the aggregate needs, not what the invoice shows; only the events of interest are deserialized.
 */
@Component
public class BillingFacts {

    private static final Map<Class<?>, OrderStatus> ORDER_STATUS_CHANGES = Map.of(
            OrderStockReservedEvent.class, OrderStatus.STOCK_RESERVED,
            OrderConfirmedEvent.class, OrderStatus.CONFIRMED,
            OrderShippedEvent.class, OrderStatus.SHIPPED,
            OrderDeliveredEvent.class, OrderStatus.DELIVERED,
            OrderRejectedEvent.class, OrderStatus.REJECTED,
            OrderCancelledEvent.class, OrderStatus.CANCELLED);

    private final EventStore eventStore;

    public BillingFacts(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** The order {@code orderId}, or empty when no order of that id was placed. */
    public Optional<OrderFacts> order(String orderId) {
        OrderFacts order = null;
        DomainEventStream events = events(orderId);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            Class<?> type = event.getPayloadType();
            if (type == OrderPlacedEvent.class) {
                OrderPlacedEvent placed = (OrderPlacedEvent) event.getPayload();
                order = new OrderFacts(placed.orderId(), placed.number(), placed.customerId(), placed.currency(), placed.lines(),
                        placed.shippingAddress(), OrderStatus.PLACED);
            } else if (order != null && ORDER_STATUS_CHANGES.containsKey(type)) {
                order = order.withStatus(ORDER_STATUS_CHANGES.get(type));
            }
        }
        return Optional.ofNullable(order);
    }

    /**
     * The customer {@code customerId} as registered and last edited, or empty when no customer of that id was
     * registered.
     */
    public Optional<CustomerFacts> customer(String customerId) {
        CustomerFacts customer = null;
        DomainEventStream events = events(customerId);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (event.getPayloadType() == CustomerRegisteredEvent.class) {
                CustomerRegisteredEvent registered = (CustomerRegisteredEvent) event.getPayload();
                customer = new CustomerFacts(registered.customerId(), registered.name(), registered.email(),
                        registered.country(), registered.vatNumber(), registered.language(),
                        registered.billingAddress());
            } else if (customer != null && event.getPayloadType() == CustomerDetailsChangedEvent.class) {
                CustomerDetailsChangedEvent changed = (CustomerDetailsChangedEvent) event.getPayload();
                customer = new CustomerFacts(customerId, changed.name(), changed.email(), changed.country(),
                        changed.vatNumber(), changed.language(), changed.billingAddress());
            }
        }
        return Optional.ofNullable(customer);
    }

    /**
     * The invoice {@code invoiceId}, or empty when it was never requested. A request rejected and then made again is
     * pending again, as of the last request.
     */
    public Optional<InvoiceFacts> invoice(String invoiceId) {
        InvoiceRequestedEvent request = null;
        boolean rejected = false;
        InvoiceIssuedEvent issued = null;
        Set<String> creditNotes = new HashSet<>();
        DomainEventStream events = events(invoiceId);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            Class<?> type = event.getPayloadType();
            if (type == InvoiceRequestedEvent.class) {
                request = (InvoiceRequestedEvent) event.getPayload();
                rejected = false;
            } else if (type == InvoiceRequestRejectedEvent.class) {
                rejected = true;
            } else if (type == InvoiceIssuedEvent.class) {
                issued = (InvoiceIssuedEvent) event.getPayload();
            } else if (type == CreditNoteIssuedEvent.class) {
                creditNotes.add(((CreditNoteIssuedEvent) event.getPayload()).creditNoteId());
            }
        }
        if (request == null) {
            return Optional.empty();
        }
        return Optional.of(new InvoiceFacts(invoiceId, request.orderId(), request.requestedAt(), rejected,
                issued == null ? null : issued.document(), issued == null ? null : issued.pdfSha256(), creditNotes));
    }

    /**
     * The number document {@code documentId} took in {@code company}'s {@code kind} sequence of {@code year}, or
     * empty when it took none. Reads the whole sequence, so it is for the rare decisions that must know it (never
     * rejecting a request that already holds a number), not for every invoice.
     */
    public Optional<String> numberTakenBy(DocumentKind kind, String company, int year, String documentId) {
        DomainEventStream events = events(InvoiceNumberSequences.id(kind, company, year));
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (event.getPayloadType() == InvoiceNumberAllocatedEvent.class) {
                InvoiceNumberAllocatedEvent allocated = (InvoiceNumberAllocatedEvent) event.getPayload();
                if (documentId.equals(allocated.invoiceId())) {
                    return Optional.of(allocated.number());
                }
            }
        }
        return Optional.empty();
    }

    private DomainEventStream events(String aggregateId) {
        return eventStore.readEvents(aggregateId, 0);
    }
}
