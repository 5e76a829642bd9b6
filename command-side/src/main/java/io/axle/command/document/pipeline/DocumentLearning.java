package io.axle.command.document.pipeline;

import io.axle.api.document.DocumentTypeCorrectedEvent;
import io.axle.documents.understanding.DocumentUnderstanding;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;

/**
 * Teaches the classifier every type correction: the text the document had when it was corrected (read from its
 * events) is labelled with the operator's type, so the next similar document is classified right without a rule. The
 * learned index is a projection of the corrections: a reset clears it and a replay of {@value #PROCESSING_GROUP}
 * rebuilds it. A document corrected again counts once, with its latest type.
 */
@ProcessingGroup(DocumentLearning.PROCESSING_GROUP)
public class DocumentLearning {

    /** The tracking processor feeding the learned classifier. */
    public static final String PROCESSING_GROUP = "document-learning";

    private final DocumentFacts facts;
    private final DocumentUnderstanding understanding;

    DocumentLearning(DocumentFacts facts, DocumentUnderstanding understanding) {
        this.facts = facts;
        this.understanding = understanding;
    }

    @EventHandler
    void on(DocumentTypeCorrectedEvent event, @SequenceNumber long sequenceNumber) {
        facts.runAsOf(event.documentId(), sequenceNumber)
                .filter(run -> !run.pages().isEmpty())
                .ifPresent(run -> understanding.learn(event.documentId(), run.pageTexts(), event.type()));
    }

    @ResetHandler
    void reset() {
        understanding.forget();
    }
}
