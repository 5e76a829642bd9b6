package io.axle.billing.mail;

import static io.axle.billing.mail.MailFixtures.INVOICE_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.axle.billing.InMemoryDocumentStore;
import io.axle.api.invoice.BillingDocument;
import io.axle.api.invoice.InvoiceIssuedEvent;
import io.axle.api.invoice.PaymentReminderDueEvent;
import io.axle.api.invoice.RecordDocumentEmailedCommand;
import io.axle.api.invoice.RecordPaymentReminderSentCommand;
import io.axle.billing.mail.MailFixtures.RecordingCommandGateway;
import io.axle.platform.messaging.DeadLetterPolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.deadletter.InMemorySequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mailer in a real Axon event processor configured as {@link MailAutoConfiguration} does it: a tracking processor
 * named after its processing group, which retries an event whose PDF is not stored yet (in place, or from the
 * dead-letter queue the platform gives the group) and replays no mail.
 */
class InvoiceMailProcessingTest {

    private final InMemoryDocumentStore store = new InMemoryDocumentStore();
    private final RecordingCommandGateway commands = new RecordingCommandGateway();
    private final ReplayWitness witness = new ReplayWitness();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final byte[] pdf = MailFixtures.pdf("Facture INV-2026-000042");
    private final BillingDocument invoice = MailFixtures.invoice("fr", "compta@dupont.example");

    @TempDir
    Path outbox;

    private Configuration axon;
    private TrackingEventProcessor processor;

    private final InMemoryEventStorageEngine events = new InMemoryEventStorageEngine();

    /** Starts Axon and waits until the mail processor has taken its first token, so that later events are live. */
    private void startAxon() {
        startAxon(false);
    }

    /** As {@link #startAxon()}, with the group's dead-letter queue (in memory here) and policy when asked. */
    private void startAxon(boolean deadLetters) {
        InvoiceMailComposer composer = new InvoiceMailComposer(null, Clock.systemUTC());
        InvoiceMailer mailer = new InvoiceMailer(store, composer, new OutboxDelivery(outbox), commands, meters);
        PaymentReminderMailer reminders = new PaymentReminderMailer(composer, new OutboxDelivery(outbox), commands);
        Configurer configurer = DefaultConfigurer.defaultConfiguration(false)
                .configureSerializer(configuration -> JacksonSerializer.defaultSerializer())
                .configureEmbeddedEventStore(configuration -> events);
        configurer.eventProcessing()
                .registerEventHandler(configuration -> mailer)
                .registerEventHandler(configuration -> reminders)
                .registerEventHandler(configuration -> witness);
        MailAutoConfiguration.processing(Duration.ofMillis(100), Duration.ofMillis(100)).configureModule(configurer);
        if (deadLetters) {
            configurer.eventProcessing()
                    .registerDeadLetterQueue(InvoiceMailer.PROCESSING_GROUP,
                            configuration -> InMemorySequencedDeadLetterQueue.defaultQueue())
                    .registerDeadLetterPolicy(InvoiceMailer.PROCESSING_GROUP,
                            configuration -> new DeadLetterPolicy(InvoiceMailer.PROCESSING_GROUP));
        }
        axon = configurer.start();
        processor = axon.eventProcessingConfiguration()
                .eventProcessor(InvoiceMailer.PROCESSING_GROUP, TrackingEventProcessor.class)
                .orElseThrow(() -> new AssertionError("no tracking processor named invoice-mail"));
        await().atMost(Duration.ofSeconds(10)).until(() -> processor.processingStatus().values().stream()
                .anyMatch(EventTrackerStatus::isCaughtUp));
    }

    @AfterEach
    void stopAxon() {
        if (axon != null) {
            axon.shutdown();
        }
    }

    @Test
    void anEventWhosePdfIsNotStoredYetIsRetriedUntilItIsThenMailedOnce() {
        startAxon();
        axon.eventBus().publish(GenericEventMessage.asEventMessage(MailFixtures.issued(invoice, pdf)));

        await().atMost(Duration.ofSeconds(15)).until(() -> attemptsWithoutPdf() >= 2);
        assertThat(commands.sent()).isEmpty();
        assertThat(outbox.resolve("INV-2026-000042.eml")).doesNotExist();

        store.put(INVOICE_ID, invoice.number(), pdf);

        await().atMost(Duration.ofSeconds(30)).until(() -> !commands.sent().isEmpty());
        assertThat(commands.sent()).containsExactly(new RecordDocumentEmailedCommand(INVOICE_ID, "INV-2026-000042",
                "compta@dupont.example", "outbox", "<INV-2026-000042.axle@axle.example>"));
        assertThat(outbox.resolve("INV-2026-000042.eml")).isRegularFile();
    }

    @Test
    void withADeadLetterQueueAMailThatFailsWaitsThereAndIsMailedOnceWhenRetried() {
        startAxon(true);
        SequencedDeadLetterQueue<EventMessage<?>> queue = axon.eventProcessingConfiguration()
                .deadLetterQueue(InvoiceMailer.PROCESSING_GROUP).orElseThrow();
        axon.eventBus().publish(GenericEventMessage.asEventMessage(MailFixtures.issued(invoice, pdf)));

        await().atMost(Duration.ofSeconds(15)).until(() -> queue.size() == 1);
        assertThat(attemptsWithoutPdf()).as("dead-lettered, not retried in place").isEqualTo(1);
        assertThat(processor.isError()).isFalse();
        assertThat(commands.sent()).isEmpty();

        store.put(INVOICE_ID, invoice.number(), pdf);
        boolean processed = axon.eventProcessingConfiguration()
                .sequencedDeadLetterProcessor(InvoiceMailer.PROCESSING_GROUP).orElseThrow().processAny();

        assertThat(processed).isTrue();
        assertThat(queue.size()).isZero();
        assertThat(commands.sent()).containsExactly(new RecordDocumentEmailedCommand(INVOICE_ID, "INV-2026-000042",
                "compta@dupont.example", "outbox", "<INV-2026-000042.axle@axle.example>"));
        assertThat(outbox.resolve("INV-2026-000042.eml")).isRegularFile();
    }

    @Test
    void aReplayOfTheProcessorSendsNoMail() {
        startAxon();
        store.put(INVOICE_ID, invoice.number(), pdf);

        publishThenReplay(MailFixtures.issued(invoice, pdf));

        assertThat(commands.sent()).hasSize(1);
    }

    @Test
    void aReplayOfTheProcessorSendsNoPaymentReminder() throws Exception {
        startAxon();
        Path sent = outbox.resolve("INV-2026-000042-reminder-1.eml");

        FileTime written = publishThenReplay(reminderDue(), () -> Files.getLastModifiedTime(sent));

        assertThat(commands.sent()).containsExactly(new RecordPaymentReminderSentCommand(INVOICE_ID, 1,
                "compta@dupont.example", "outbox", "<reminder-1.INV-2026-000042.axle@axle.example>"));
        assertThat(Files.getLastModifiedTime(sent)).isEqualTo(written);
    }

    private void publishThenReplay(Object event) {
        publishThenReplay(event, () -> null);
    }

    /** Publishes {@code event}, waits for its mail, notes {@code beforeReplay}, then replays the whole processor. */
    private <T> T publishThenReplay(Object event, Callable<T> beforeReplay) {
        axon.eventBus().publish(GenericEventMessage.asEventMessage(event));
        await().atMost(Duration.ofSeconds(10)).until(() -> commands.sent().size() == 1);
        T noted;
        try {
            noted = beforeReplay.call();
        } catch (Exception e) {
            throw new AssertionError(e);
        }

        processor.shutDown();
        processor.resetTokens();
        processor.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> witness.seen.contains(ReplayStatus.REPLAY));
        await().atMost(Duration.ofSeconds(10)).until(() -> !processor.isReplaying());
        assertThat(witness.seen).containsExactly(ReplayStatus.REGULAR, ReplayStatus.REPLAY);
        return noted;
    }

    private PaymentReminderDueEvent reminderDue() {
        return new PaymentReminderDueEvent(INVOICE_ID, 1, new BigDecimal("100.00"), invoice,
                Instant.parse("2026-04-02T00:00:00Z"));
    }

    /** Axon treats the history a new processor catches up with as a replay: deploying the mailer mails no old invoice. */
    @Test
    void invoicesIssuedBeforeTheMailerFirstRanAreNotMailed() {
        store.put(INVOICE_ID, invoice.number(), pdf);
        events.appendEvents(GenericEventMessage.asEventMessage(MailFixtures.issued(invoice, pdf)));

        startAxon();

        await().atMost(Duration.ofSeconds(10)).until(() -> witness.seen.contains(ReplayStatus.REPLAY));
        assertThat(commands.sent()).isEmpty();
        assertThat(outbox.resolve("INV-2026-000042.eml")).doesNotExist();
    }

    private double attemptsWithoutPdf() {
        return meters.get(InvoiceMailer.FAILED).tag("reason", "pdf-missing").counter().count();
    }

    /** Another handler of the same group that allows replays, so that the processor can be reset at all. */
    @ProcessingGroup(InvoiceMailer.PROCESSING_GROUP)
    static final class ReplayWitness {

        final List<ReplayStatus> seen = new CopyOnWriteArrayList<>();

        @EventHandler
        void on(InvoiceIssuedEvent event, ReplayStatus status) {
            seen.add(status);
        }

        @EventHandler
        void on(PaymentReminderDueEvent event, ReplayStatus status) {
            seen.add(status);
        }
    }
}
