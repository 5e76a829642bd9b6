package io.axle.command.invoice;

import io.axle.api.invoice.DocumentKind;
import io.axle.api.invoice.InvoiceIssuedEvent;
import io.axle.api.invoice.InvoiceNumberAllocatedEvent;
import io.axle.api.invoice.InvoiceNumberSequences;
import io.axle.api.invoice.InvoiceRequestedEvent;
import io.axle.api.invoice.Invoices;
import io.axle.api.invoice.RequestInvoiceCommand;
import io.axle.billing.DocumentRenderer;
import io.axle.command.SharedPostgresNodes;
import io.axle.platform.messaging.DeadLetters;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The issuing processor with the platform's dead-letter queue, as the application runs it, on PostgreSQL: an invoice
 * that fails after its number is taken waits in the queue while the next invoice is issued, and the retry issues it
 * with the number it took, so no number is skipped or reused.
 */
class InvoiceIssuingDeadLetterTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final SharedPostgresNodes postgres = new SharedPostgresNodes("axle_invoice_dead_letters");
    private final AtomicBoolean rendererBroken = new AtomicBoolean();
    private final InvoiceIssuerFakes.Store store = new InvoiceIssuerFakes.Store();
    private final AtomicReference<Configuration> axon = new AtomicReference<>();
    private CommandGateway gateway;
    private DeadLetters deadLetters;

    @BeforeEach
    void startNode() {
        InvoiceIssuerFakes.Renderer fake = new InvoiceIssuerFakes.Renderer();
        DocumentRenderer breakable = document -> {
            if (rendererBroken.get()) {
                throw new IllegalStateException("renderer out of order");
            }
            return fake.render(document);
        };
        InvoiceIssuerFixture fixture = new InvoiceIssuerFixture(new InvoiceIssuerFakes.Templates(),
                new InvoiceIssuerFakes.Rates(), breakable, store);
        gateway = postgres.start("node", configurer -> {
            fixture.configure(configurer, 1, 1, null, axon);
            configurer.eventProcessing(processing -> DeadLetters.register(processing, InvoiceIssuer.PROCESSING_GROUP));
            return configurer;
        }).gateway;
        deadLetters = new DeadLetters(() -> axon.get().eventProcessingConfiguration(), axon.get().getComponent(TransactionManager.class));
        InvoiceIssuerFixture.registerCustomer(gateway, "c-1", "FR", null);
    }

    @AfterEach
    void stopNode() {
        postgres.close();
    }

    @Test
    void aFailingInvoiceWaitsAsADeadLetterWhileTheNextIsIssuedAndIsIssuedWithItsOwnNumberOnRetry() {
        rendererBroken.set(true);
        String first = confirmedOrderInvoiced("o-1");
        DeadLetters.Letter letter = awaitLetter();
        rendererBroken.set(false);

        String second = confirmedOrderInvoiced("o-2");
        InvoiceIssuedEvent next = InvoiceIssuerFixture.awaitIssued(axon.get(), second, WAIT);

        assertThat(letter.aggregateIdentifier()).isEqualTo(first);
        assertThat(letter.messageType()).isEqualTo(InvoiceRequestedEvent.class.getSimpleName());
        assertThat(letter.cause().message()).isEqualTo("renderer out of order");
        assertThat(InvoiceIssuerFixture.events(axon.get(), first, InvoiceIssuedEvent.class)).isEmpty();

        DeadLetters.RetryOutcome outcome = deadLetters.retry(InvoiceIssuer.PROCESSING_GROUP, 10);
        InvoiceIssuedEvent issued = InvoiceIssuerFixture.awaitIssued(axon.get(), first, WAIT);

        int year = LocalDate.ofInstant(InvoiceIssuerFixture.events(axon.get(), first, InvoiceRequestedEvent.class)
                .get(0).requestedAt(), ZoneId.of("Europe/Paris")).getYear();
        assertThat(outcome.sequencesProcessed()).isEqualTo(1);
        assertThat(outcome.lettersRemaining()).isZero();
        assertThat(issued.document().number()).isEqualTo(InvoiceNumberSequences.format(year, 1));
        assertThat(next.document().number()).isEqualTo(InvoiceNumberSequences.format(year, 2));
        assertThat(InvoiceIssuerFixture.events(axon.get(), InvoiceNumberSequences.id(DocumentKind.INVOICE, "axle",
                year), InvoiceNumberAllocatedEvent.class)).extracting(InvoiceNumberAllocatedEvent::invoiceId)
                .containsExactly(first, second);
        assertThat(InvoiceIssuerFakes.sha256(store.find(first).orElseThrow().pdf())).isEqualTo(issued.pdfSha256());
    }

    private DeadLetters.Letter awaitLetter() {
        return InvoiceIssuerFixture.await(() -> deadLetters.group(InvoiceIssuer.PROCESSING_GROUP).letters().stream()
                .findFirst(), WAIT, "a dead letter in " + InvoiceIssuer.PROCESSING_GROUP);
    }

    private String confirmedOrderInvoiced(String orderId) {
        InvoiceIssuerFixture.placeOrder(gateway, orderId, "c-1", InvoiceIssuerTest.LINES);
        InvoiceIssuerFixture.confirmOrder(gateway, orderId);
        gateway.sendAndWait(new RequestInvoiceCommand(Invoices.idForOrder(orderId), orderId, "c-1", null, Map.of(),
                null, "olivia"));
        return Invoices.idForOrder(orderId);
    }
}
