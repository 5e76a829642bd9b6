package io.axle.command.document.pipeline;

import io.axle.api.document.DocumentPageReadEvent;
import io.axle.api.document.DocumentTextExtractedEvent;
import io.axle.api.document.DocumentTypeCorrectedEvent;
import io.axle.api.document.DocumentUploadedEvent;
import io.axle.api.document.RecordDocumentUnderstandingCommand;
import io.axle.documents.understanding.DocumentUnderstanding;
import io.axle.documents.understanding.classification.DocumentClassifier;
import io.axle.documents.understanding.classification.LearnedClassifier;
import io.axle.documents.understanding.classification.RuleClassifier;
import io.axle.documents.understanding.classification.TypeRules;
import io.axle.documents.understanding.fields.ConfidenceThresholds;
import io.axle.documents.understanding.language.LanguageIdentifier;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

/**
 * Learning from corrections, through the learning projection and the understanding step together: a garage's work
 * sheet is read as an invoice by the rules, until operators have corrected a few like it; a reset forgets.
 */
class DocumentLearningTest {

    private final List<Object> sent = new ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private EventStore eventStore;
    private LearnedClassifier learned;
    private DocumentLearning learning;
    private DocumentUnderstandingStep understandingStep;

    @BeforeEach
    void setUp() {
        eventStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        learned = new LearnedClassifier(new ByteBuffersDirectory(), DocumentClassifier.DEFAULT_K);
        DocumentUnderstanding understanding = new DocumentUnderstanding(new LanguageIdentifier(),
                new DocumentClassifier(new RuleClassifier(TypeRules.defaults()), learned),
                ConfidenceThresholds.defaults());
        CommandGateway gateway = mock(CommandGateway.class);
        doAnswer(call -> {
            sent.add(((CommandMessage<?>) call.getArgument(0)).getPayload());
            return null;
        }).when(gateway).sendAndWait(any());
        DocumentFacts facts = new DocumentFacts(eventStore);
        learning = new DocumentLearning(facts, understanding);
        understandingStep = new DocumentUnderstandingStep(facts, understanding,
                new PipelineCommands(gateway, Runnable::run));
    }

    @AfterEach
    void tearDown() throws Exception {
        learned.close();
    }

    private static String workSheet(int n, String plate, String work, String amount) {
        return """
                Garage des Alpes — Fiche atelier n° %d
                Véhicule %s, Peugeot 308, entrée le 0%d/03/2026
                Travaux effectués : %s
                Technicien : Karim, poste 2, contrôle qualité par le chef d'atelier
                Temps passé : 2 h 30, restitution du véhicule au client après essai routier
                Total TTC : %s €
                Facture établie à la restitution du véhicule.
                """.formatted(n, plate, n % 9 + 1, work, amount);
    }

    private long append(String documentId, Object event) {
        long sequence = sequences.merge(documentId, 1L, Long::sum) - 1;
        eventStore.publish(new GenericDomainEventMessage<>("Document", documentId, sequence, event));
        return sequence;
    }

    /** A document read and understood as the rules say; answers its text-extracted event. */
    private DocumentTextExtractedEvent read(String documentId, String text) {
        append(documentId, new DocumentUploadedEvent(documentId, documentId, documentId + ".pdf", "application/pdf",
                100, "sha-" + documentId, List.of(), "alice", Instant.now()));
        append(documentId, new DocumentPageReadEvent(documentId, 1, 1, 1, text, "text-layer", 1.0, 0, 0));
        DocumentTextExtractedEvent extracted = new DocumentTextExtractedEvent(documentId, 1, 1, 0, text.length(),
                1.0, Instant.now());
        append(documentId, extracted);
        return extracted;
    }

    private String understoodType(String documentId, String text) {
        understandingStep.on(read(documentId, text), ReplayStatus.REGULAR);
        RecordDocumentUnderstandingCommand command = (RecordDocumentUnderstandingCommand) sent.get(sent.size() - 1);
        assertThat(command.documentId()).isEqualTo(documentId);
        return command.type();
    }

    private void correct(String documentId, String type) {
        DocumentTypeCorrectedEvent corrected = new DocumentTypeCorrectedEvent(documentId, type, "invoice", "bob",
                Instant.now());
        learning.on(corrected, append(documentId, corrected));
    }

    @Test
    void wrongFirstThenRightAfterAFewCorrectionsOfSimilarDocumentsAndForgottenOnReset() {
        assertThat(understoodType("s-1", workSheet(301, "AB-123-CD", "remplacement des plaquettes avant",
                "312,40"))).isEqualTo("invoice");
        correct("s-1", "repair-order");
        understoodType("s-2", workSheet(302, "EF-456-GH", "changement courroie de distribution", "689,00"));
        correct("s-2", "repair-order");
        understoodType("s-3", workSheet(303, "JK-789-LM", "remplacement embrayage", "1 120,00"));
        correct("s-3", "repair-order");

        String next = workSheet(304, "NP-321-QR", "géométrie et pneus avant", "402,10");
        assertThat(understoodType("s-4", next)).isEqualTo("repair-order");
        assertThat(((RecordDocumentUnderstandingCommand) sent.get(sent.size() - 1)).typeSource())
                .isEqualTo("LEARNED");

        learning.reset();
        assertThat(understoodType("s-5", next)).isEqualTo("invoice");
    }

    @Test
    void aDocumentCorrectedTwiceCountsOnceWithItsLatestType() {
        read("s-1", workSheet(301, "AB-123-CD", "vidange", "99,00"));
        correct("s-1", "receipt");
        correct("s-1", "repair-order");
        correct("s-1", "repair-order");

        assertThat(learned.examples()).isEqualTo(1);
    }
}
