package io.axle.command.invoice;

import io.axle.api.customer.RegisterCustomerCommand;
import io.axle.api.invoice.CreditNoteIssuedEvent;
import io.axle.api.invoice.InvoiceIssuedEvent;
import io.axle.api.invoice.InvoiceRequestRejectedEvent;
import io.axle.api.order.ConfirmOrderCommand;
import io.axle.api.order.MarkOrderStockReservedCommand;
import io.axle.api.order.OrderLine;
import io.axle.api.order.PlaceOrderCommand;
import io.axle.command.HotAggregateCommands;
import io.axle.command.product.CatalogueProducts;
import io.axle.command.product.EventStoreProductCatalogue;
import io.axle.command.product.Product;
import io.axle.command.product.ProductCatalogue;
import io.axle.command.InMemoryPersonalDataKeys;
import io.axle.platform.privacy.PersonalDataKeys;
import io.axle.billing.BillingProperties;
import io.axle.billing.DocumentRenderer;
import io.axle.billing.DocumentStore;
import io.axle.billing.ExchangeRates;
import io.axle.billing.InvoiceTemplates;
import io.axle.billing.rates.ExchangeRatesProperties;
import io.axle.billing.rates.ReferenceExchangeRates;
import io.axle.billing.rates.ReferenceRateTable;
import io.axle.command.customer.Customer;
import io.axle.command.order.Order;
import io.axle.command.order.OrderNumbering;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * An Axon node issuing invoices as the command side does: the Customer, Order, OrderNumbering, Invoice and InvoiceNumbering aggregates,
 * and the {@link InvoiceIssuer} in its {@value InvoiceIssuer#PROCESSING_GROUP} tracking processor configured by
 * {@link InvoiceIssuingConfiguration}, with the billing parts a test chooses. Also the steps that bring an order to
 * the point where it can be invoiced, and a way to read what was issued.
 */
final class InvoiceIssuerFixture {

    static final Duration QUICK = Duration.ofMillis(200);

    final BillingProperties billing = new BillingProperties();
    private final InvoiceTemplates templates;
    private final ExchangeRates rates;
    private final DocumentRenderer renderer;
    final DocumentStore store;

    InvoiceIssuerFixture(InvoiceTemplates templates, ExchangeRates rates, DocumentRenderer renderer,
                         DocumentStore store) {
        this.templates = templates;
        this.rates = rates;
        this.renderer = renderer;
        this.store = store;
    }

    /** The exchange rates bundled with the billing library. */
    static ExchangeRates bundledRates() {
        String location = ExchangeRatesProperties.BUNDLED.substring("classpath:".length());
        try (InputStream in = ReferenceRateTable.class.getClassLoader().getResourceAsStream(location);
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return new ReferenceExchangeRates(ReferenceRateTable.read(reader, location), "ECB");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Configures a node with {@code threads} issuing threads over {@code segments}; {@code tokenStore} null keeps Axon's
     * default, in memory, for a node on its own. The node's configuration is handed to {@code axon} once built.
     */
    Configurer configure(Configurer configurer, int threads, int segments,
                         Function<Configuration, TokenStore> tokenStore, AtomicReference<Configuration> axon) {
        configurer.registerComponent(PaymentReminders.class, configuration -> PaymentReminders.weekly());
        configurer.configureAggregate(Customer.class)
                .configureAggregate(Order.class)
                .configureAggregate(OrderNumbering.class)
                .configureAggregate(Invoice.class)
                .configureAggregate(InvoiceNumbering.class)
                .configureAggregate(Product.class)
                .registerComponent(ProductCatalogue.class, c -> new EventStoreProductCatalogue(c.eventStore()))
                .registerComponent(PersonalDataKeys.class, c -> new InMemoryPersonalDataKeys())
                .eventProcessing(processing -> {
                    processing.registerEventHandler(c -> new InvoiceIssuer(new BillingFacts(c.eventStore()),
                            c.getComponent(ProductCatalogue.class), c.commandGateway(), billing, templates, rates, renderer,
                            store,
                            new InvoiceCalculator(VatRates.bundled()), InvoiceIssuingProperties.defaults()));
                    InvoiceIssuingConfiguration.configure(processing, threads, segments, QUICK, QUICK);
                    if (tokenStore != null) {
                        processing.registerTokenStore(InvoiceIssuer.PROCESSING_GROUP, tokenStore);
                    }
                });
        configurer.onInitialize(axon::set);
        return configurer;
    }

    /** Attempts per placement, as many as the order endpoint makes. */
    private static final int PLACEMENT_ATTEMPTS = 50;

    static void registerCustomer(CommandGateway gateway, String customerId, String country, String vatNumber) {
        gateway.sendAndWait(new RegisterCustomerCommand(customerId, "Garage Dupont", "compta@dupont.example", country,
                "EUR", new BigDecimal("1000000"), vatNumber, null));
    }

    /**
     * Places the order as an operator would, its SKUs added to the catalogue first (at the line's price) if new; a
     * placement that lost the race for its number is sent again, as the order endpoint does.
     */
    static void placeOrder(CommandGateway gateway, String orderId, String customerId, List<OrderLine> lines) {
        for (OrderLine line : lines) {
            CatalogueProducts.ensure(gateway, line.sku(), line.unitPrice(), "EUR");
        }
        HotAggregateCommands.send(gateway, new PlaceOrderCommand(2026, orderId, customerId, "EUR", lines,
                InvoiceIssuerTest.LYON, true), PLACEMENT_ATTEMPTS);
        gateway.sendAndWait(new MarkOrderStockReservedCommand(orderId));
    }

    static void confirmOrder(CommandGateway gateway, String orderId) {
        gateway.sendAndWait(new ConfirmOrderCommand(orderId));
    }

    /** The invoice's issued event once there is one, waiting up to {@code timeout}. */
    static InvoiceIssuedEvent awaitIssued(Configuration axon, String invoiceId, Duration timeout) {
        return await(() -> last(axon, invoiceId, InvoiceIssuedEvent.class), timeout, "invoice " + invoiceId
                + " issued");
    }

    static CreditNoteIssuedEvent awaitCreditNote(Configuration axon, String invoiceId, Duration timeout) {
        return await(() -> last(axon, invoiceId, CreditNoteIssuedEvent.class), timeout, "credit note of "
                + invoiceId + " issued");
    }

    static InvoiceRequestRejectedEvent awaitRejected(Configuration axon, String invoiceId, Duration timeout) {
        return await(() -> last(axon, invoiceId, InvoiceRequestRejectedEvent.class), timeout, "invoice "
                + invoiceId + " rejected");
    }

    /** The payloads of {@code type} in aggregate {@code id}'s stream, in order. */
    static <T> List<T> events(Configuration axon, String id, Class<T> type) {
        List<T> found = new ArrayList<>();
        DomainEventStream stream = axon.eventStore().readEvents(id, 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (type.isInstance(event.getPayload())) {
                found.add(type.cast(event.getPayload()));
            }
        }
        return found;
    }

    private static <T> Optional<T> last(Configuration axon, String id, Class<T> type) {
        List<T> found = events(axon, id, type);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
    }

    static <T> T await(java.util.function.Supplier<Optional<T>> probe, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            sleep();
        }
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) {
        await(() -> condition.getAsBoolean() ? Optional.of(true) : Optional.empty(), timeout, what);
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
