package io.axle.command.document.alert;

import io.axle.api.document.DocumentAlertRaisedEvent;
import io.axle.api.document.DocumentUploadedEvent;
import io.axle.billing.mail.MailDelivery;
import io.axle.billing.mail.RecipientRejectedException;
import io.axle.command.document.alert.DocumentAlertProperties.Rule;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who the alert mailer mails, and which failures it leaves to the processor's retries: the delivery is a stand-in
 * recording what it is given (the real SMTP delivery is in {@link DocumentAlertProcessingTest}).
 */
class DocumentAlertMailerTest {

    private static final String ID = "d-7";
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final Recording delivery = new Recording();
    private DocumentAlertMailer mailer;

    @BeforeEach
    void setUp() {
        AlertConditions conditions = AlertConditions.builtIn();
        List<String> everyone = List.of("controller@axle.example");
        AlertEvaluator evaluator = new AlertEvaluator(new DocumentAlertProperties(List.of(
                new Rule("contract-received", "contract", null, null, null, null, "info", "Contract received",
                        List.of("legal@axle.example")),
                new Rule("quiet", "letter", null, null, null, null, "info", "Letter", null)), List.of(), null)
                .rules(conditions), conditions);
        mailer = new DocumentAlertMailer(new AlertedDocuments(store), evaluator, everyone,
                new DocumentAlertMailComposer("alerts@axle.example", "http://localhost:8080/", Clock.systemUTC()),
                delivery);
        store.publish(new GenericDomainEventMessage<>("Document", ID, 0, new DocumentUploadedEvent(ID, "Lease",
                "lease.pdf", "application/pdf", 10, "d".repeat(64), List.of(), "alice", AT)));
    }

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    @Test
    void anAlertIsMailedToItsRulesRecipientsWithALinkToTheDocument() throws Exception {
        mailer.on(new DocumentAlertRaisedEvent(ID, "contract-received", "info", "Contract received", AT), 1);

        assertThat(delivery.mails).hasSize(1);
        MimeMessage mail = delivery.mails.get(0);
        assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly("legal@axle.example");
        assertThat(mail.getSubject()).isEqualTo("[Axle] info: Contract received");
        assertThat((String) mail.getContent()).contains("Document: Lease", "Type:     unknown",
                "Open the document: http://localhost:8080/#/documents/d-7");
        assertThat(delivery.names).containsExactly("alert-contract-received-d-7");
    }

    @Test
    void anAlertOfARuleNoLongerConfiguredGoesToThoseToldOfEveryAlert() throws Exception {
        mailer.on(new DocumentAlertRaisedEvent(ID, "removed-rule", "warning", "Something", AT), 1);

        assertThat(delivery.mails.get(0).getRecipients(Message.RecipientType.TO))
                .extracting(a -> ((InternetAddress) a).getAddress()).containsExactly("controller@axle.example");
    }

    @Test
    void aRuleWithoutRecipientsIsNotMailed() {
        mailer.on(new DocumentAlertRaisedEvent(ID, "quiet", "info", "Letter", AT), 1);

        assertThat(delivery.mails).isEmpty();
    }

    @Test
    void aRecipientRefusedForGoodIsLoggedNotRetriedAndAnyOtherFailureIsThrownForTheRetries() {
        delivery.failure = new RecipientRejectedException("550 no such user", null);
        mailer.on(new DocumentAlertRaisedEvent(ID, "contract-received", "info", "Contract received", AT), 1);

        delivery.failure = new IllegalStateException("451 try again later");
        assertThatThrownBy(() -> mailer.on(new DocumentAlertRaisedEvent(ID, "contract-received", "info",
                "Contract received", AT), 1)).hasMessageContaining("451");
    }

    /** Records the mails it is given, or fails with {@link #failure}. */
    private static final class Recording implements MailDelivery {

        final List<MimeMessage> mails = new ArrayList<>();
        final List<String> names = new ArrayList<>();
        RuntimeException failure;

        @Override
        public String channel() {
            return "recording";
        }

        @Override
        public void deliver(MimeMessage message, String number) {
            if (failure != null) {
                throw failure;
            }
            mails.add(message);
            names.add(number);
        }
    }
}
