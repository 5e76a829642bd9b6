package io.axle.command.document.alert;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.axle.api.document.DocumentAlertRaisedEvent;
import io.axle.api.document.DocumentClassifiedEvent;
import io.axle.api.document.DocumentField;
import io.axle.api.document.DocumentFieldsExtractedEvent;
import io.axle.api.document.DocumentProcessedEvent;
import io.axle.api.document.DocumentReprocessRequestedEvent;
import io.axle.api.document.DocumentUploadedEvent;
import io.axle.billing.mail.SmtpDelivery;
import io.axle.command.document.Document;
import io.axle.command.document.alert.DocumentAlertProperties.Rule;
import io.axle.platform.messaging.DeadLetterPolicy;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.deadletter.InMemorySequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Alerts end to end in a real Axon configuration: the Document aggregate, the alert processor and the alert mailer in
 * their tracking processors configured as {@link DocumentAlertConfiguration} does, billing's SMTP delivery and an
 * in-process SMTP server. A processed invoice above the amount raises its alert once, however often it is processed
 * again, and the alert is mailed once; a mail the SMTP server refuses waits as a dead letter and goes when retried,
 * and one that finds no server is retried in place until the server is back.
 */
class DocumentAlertProcessingTest {

    @RegisterExtension
    static final GreenMailExtension SMTP =
            new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());

    private static final String AP = "ap@axle.example";
    private final String documentId = UUID.randomUUID().toString();
    private final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
    private final java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
    /** Billing's SMTP client, counting its attempts. */
    private final JavaMailSenderImpl sender = new JavaMailSenderImpl() {
        @Override
        protected void doSend(MimeMessage[] mimeMessages, Object[] originalMessages) {
            attempts.incrementAndGet();
            super.doSend(mimeMessages, originalMessages);
        }
    };
    private Configuration axon;
    private long sequence;

    private void startAxon(int smtpPort) {
        sender.setHost("127.0.0.1");
        sender.setPort(smtpPort);
        AlertConditions conditions = AlertConditions.builtIn();
        AlertEvaluator evaluator = new AlertEvaluator(new DocumentAlertProperties(List.of(
                new Rule("large-invoice", "invoice", "totalInclTax", null, ">", "10000", "warning",
                        "Invoice above 10000: {totalInclTax} {currency} incl. tax", List.of(AP))), null, null)
                .rules(conditions), conditions);
        Configurer configurer = DefaultConfigurer.defaultConfiguration(false)
                .configureSerializer(c -> JacksonSerializer.defaultSerializer())
                .configureEmbeddedEventStore(c -> storage)
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Document.class));
        configurer.eventProcessing()
                .registerEventHandler(c -> new DocumentAlertProcessor(new AlertedDocuments(c.eventStore()), evaluator,
                        c.commandGateway()))
                .registerEventHandler(c -> new DocumentAlertMailer(new AlertedDocuments(c.eventStore()), evaluator,
                        List.of(), new DocumentAlertMailComposer("Axle <alerts@axle.example>", "https://axle.example",
                        Clock.systemUTC()), new SmtpDelivery(sender)))
                .registerDeadLetterQueue(DocumentAlertMailer.PROCESSING_GROUP,
                        c -> InMemorySequencedDeadLetterQueue.defaultQueue())
                .registerDeadLetterPolicy(DocumentAlertMailer.PROCESSING_GROUP,
                        c -> new DeadLetterPolicy(DocumentAlertMailer.PROCESSING_GROUP));
        DocumentAlertConfiguration.configure(configurer.eventProcessing(), Duration.ofMillis(100),
                Duration.ofMillis(100));
        axon = configurer.start();
        for (String group : List.of(DocumentAlertProcessor.PROCESSING_GROUP, DocumentAlertMailer.PROCESSING_GROUP)) {
            TrackingEventProcessor processor = processor(group);
            await().atMost(Duration.ofSeconds(10)).until(() -> processor.processingStatus().values().stream()
                    .anyMatch(EventTrackerStatus::isCaughtUp));
        }
    }

    @AfterEach
    void stopAxon() {
        if (axon != null) {
            axon.shutdown();
        }
    }

    @Test
    void aProcessedInvoiceAboveTheAmountRaisesItsAlertOnceAndItIsMailedOnce() throws Exception {
        startAxon(SMTP.getSmtp().getPort());

        append(new DocumentUploadedEvent(documentId, "March invoice", "march.pdf", "application/pdf", 1234,
                "a".repeat(64), List.of(), "alice", Instant.parse("2026-03-01T10:00:00Z")));
        processRun(1, "12500.00");

        await().atMost(Duration.ofSeconds(15)).until(() -> alertsRaised().size() == 1);
        assertThat(alertsRaised().get(0).message()).isEqualTo("Invoice above 10000: 12500.00 EUR incl. tax");
        assertThat(SMTP.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("[Axle] warning: Invoice above 10000: 12500.00 EUR incl. tax");
        assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly(AP);
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("alerts@axle.example");
        assertThat(mail.getMessageID()).isEqualTo("<alert.large-invoice." + documentId + "@axle.example>");
        assertThat((String) mail.getContent()).contains("Document: March invoice", "Type:     invoice",
                "totalInclTax: 12500.00  (confidence 0.97, page 1)", "Rule:     large-invoice",
                "currency: EUR  (confidence 0.90, page 1)", "https://axle.example/#/documents/" + documentId)
                .doesNotContain("{");

        append(new DocumentReprocessRequestedEvent(documentId, 2, "bob", Instant.parse("2026-03-02T10:00:00Z")));
        processRun(2, "13000.00");
        awaitHandledByBothProcessors();

        assertThat(alertsRaised()).hasSize(1);
        assertThat(SMTP.waitForIncomingEmail(1_000, 2)).isFalse();
        assertThat(SMTP.getReceivedMessages()).hasSize(1);
    }

    @Test
    void aMailTheSmtpServerRefusesWaitsAsADeadLetterAndGoesOnceWhenRetried() throws Exception {
        try (RefusingSmtpServer refusing = new RefusingSmtpServer()) {
            startAxon(refusing.port());
            SequencedDeadLetterQueue<EventMessage<?>> letters = axon.eventProcessingConfiguration()
                    .deadLetterQueue(DocumentAlertMailer.PROCESSING_GROUP).orElseThrow();

            append(new DocumentUploadedEvent(documentId, "Big invoice", "big.pdf", "application/pdf", 1234,
                    "b".repeat(64), List.of(), "alice", Instant.parse("2026-03-01T10:00:00Z")));
            processRun(1, "25000.00");

            await().atMost(Duration.ofSeconds(15)).until(() -> letters.size() == 1);
            assertThat(refusing.refused()).isEqualTo(1);
            assertThat(alertsRaised()).hasSize(1);
            assertThat(processor(DocumentAlertMailer.PROCESSING_GROUP).isError()).isFalse();
            assertThat(SMTP.getReceivedMessages()).isEmpty();
        }

        sender.setPort(SMTP.getSmtp().getPort());
        boolean retried = axon.eventProcessingConfiguration()
                .sequencedDeadLetterProcessor(DocumentAlertMailer.PROCESSING_GROUP).orElseThrow().processAny();

        assertThat(retried).isTrue();
        assertThat(axon.eventProcessingConfiguration().deadLetterQueue(DocumentAlertMailer.PROCESSING_GROUP)
                .orElseThrow().size()).isZero();
        assertThat(SMTP.waitForIncomingEmail(5_000, 1)).isTrue();
        assertThat(SMTP.getReceivedMessages()).extracting(MimeMessage::getSubject)
                .containsExactly("[Axle] warning: Invoice above 10000: 25000.00 EUR incl. tax");
    }

    @Test
    void whileNoSmtpServerAnswersTheMailIsRetriedInPlaceAndGoesOnceItIsBack() throws Exception {
        startAxon(closedPort());

        append(new DocumentUploadedEvent(documentId, "Big invoice", "big.pdf", "application/pdf", 1234,
                "c".repeat(64), List.of(), "alice", Instant.parse("2026-03-01T10:00:00Z")));
        processRun(1, "25000.00");

        await().atMost(Duration.ofSeconds(15)).until(() -> attempts.get() >= 2);
        assertThat(alertsRaised()).hasSize(1);
        assertThat(axon.eventProcessingConfiguration().deadLetterQueue(DocumentAlertMailer.PROCESSING_GROUP)
                .orElseThrow().size()).isZero();

        sender.setPort(SMTP.getSmtp().getPort());

        assertThat(SMTP.waitForIncomingEmail(30_000, 1)).isTrue();
        awaitHandledByBothProcessors();
        assertThat(SMTP.waitForIncomingEmail(1_000, 2)).isFalse();
        assertThat(SMTP.getReceivedMessages()).hasSize(1);
    }

    /** A run of the pipeline on the document: an invoice of {@code total} EUR incl. tax, processed. */
    private void processRun(int run, String total) {
        append(new DocumentClassifiedEvent(documentId, run, "invoice", 0.9, "RULES"));
        append(new DocumentFieldsExtractedEvent(documentId, run, List.of(
                new DocumentField("totalInclTax", total, 0.97, 1, false, ""),
                new DocumentField("currency", "EUR", 0.9, 1, false, "")), List.of()));
        append(new DocumentProcessedEvent(documentId, run, false, List.of(), Instant.parse("2026-03-01T10:01:00Z")));
    }

    private void append(Object payload) {
        axon.eventStore().publish(new GenericDomainEventMessage<>("Document", documentId, sequence++, payload));
    }

    private List<DocumentAlertRaisedEvent> alertsRaised() {
        List<DocumentAlertRaisedEvent> raised = new ArrayList<>();
        EventStore events = axon.eventStore();
        events.readEvents(documentId).asStream().map(DomainEventMessage::getPayload)
                .filter(DocumentAlertRaisedEvent.class::isInstance).map(DocumentAlertRaisedEvent.class::cast)
                .forEach(raised::add);
        return raised;
    }

    /** Waits until both processors have handled every event stored so far. */
    private void awaitHandledByBothProcessors() {
        long last = storage.createHeadToken().position().orElseThrow();
        for (String group : List.of(DocumentAlertProcessor.PROCESSING_GROUP, DocumentAlertMailer.PROCESSING_GROUP)) {
            TrackingEventProcessor processor = processor(group);
            await().atMost(Duration.ofSeconds(15)).until(() -> processor.processingStatus().values().stream()
                    .allMatch(status -> status.getCurrentPosition().orElse(-1) >= last));
        }
    }

    private TrackingEventProcessor processor(String group) {
        return axon.eventProcessingConfiguration().eventProcessor(group, TrackingEventProcessor.class)
                .orElseThrow(() -> new AssertionError("no tracking processor named " + group));
    }

    /**
     * An SMTP server that greets and then answers every sender with a temporary failure (451), as a server short of
     * resources does: the mail fails although the server is there.
     */
    private static final class RefusingSmtpServer implements AutoCloseable {

        private final ServerSocket socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        private final java.util.concurrent.atomic.AtomicInteger refused =
                new java.util.concurrent.atomic.AtomicInteger();
        private final Thread thread = new Thread(this::serve, "refusing-smtp");

        RefusingSmtpServer() throws java.io.IOException {
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int refused() {
            return refused.get();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (java.net.Socket client = socket.accept();
                     java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                             client.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII));
                     java.io.PrintWriter out = new java.io.PrintWriter(client.getOutputStream(), true)) {
                    out.print("220 refusing.example ESMTP\r\n");
                    out.flush();
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        String command = line.toUpperCase(java.util.Locale.ROOT);
                        if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                            out.print("250 refusing.example\r\n");
                        } else if (command.startsWith("MAIL FROM")) {
                            refused.incrementAndGet();
                            out.print("451 4.3.0 Temporary failure, try again later\r\n");
                        } else if (command.startsWith("QUIT")) {
                            out.print("221 bye\r\n");
                            out.flush();
                            break;
                        } else {
                            out.print("250 ok\r\n");
                        }
                        out.flush();
                    }
                } catch (java.io.IOException closed) {
                    // the test closed the server, or the client went away
                }
            }
        }

        @Override
        public void close() throws java.io.IOException {
            socket.close();
        }
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
