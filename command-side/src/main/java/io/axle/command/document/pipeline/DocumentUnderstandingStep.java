package io.axle.command.document.pipeline;

import io.axle.api.document.DocumentField;
import io.axle.api.document.DocumentTextExtractedEvent;
import io.axle.api.document.DocumentTypeCorrectedEvent;
import io.axle.api.document.RecordDocumentFailureCommand;
import io.axle.api.document.RecordDocumentUnderstandingCommand;
import io.axle.api.document.RecordRetypedDocumentFieldsCommand;
import io.axle.documents.understanding.DocumentUnderstanding;
import io.axle.documents.understanding.Understanding;
import io.axle.documents.understanding.fields.ExtractedField;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The understanding step: once a run's text is recorded, reads its pages from the document's events and records at
 * once the language, the type (unless an operator gave one: the fields are then read for that type), the fields and
 * whether an operator must validate them. After an operator's type correction, reads the fields again for that type.
 *
 * <p>Replayable: a replay of {@value #PROCESSING_GROUP} from the processors' administration understands every
 * document's latest run again with today's rules and today's learned corrections (the bulk reprocess), except
 * documents whose fields an operator validated. Outside a replay, a run that already ended is passed over, so a
 * redelivered event records nothing twice. A failure is recorded (step understanding) and thrown on, so that the event
 * waits in the dead-letter queue.
 */
@ProcessingGroup(DocumentUnderstandingStep.PROCESSING_GROUP)
public class DocumentUnderstandingStep {

    /** The tracking processor understanding the documents' text. */
    public static final String PROCESSING_GROUP = "document-understanding";

    private static final Logger log = LoggerFactory.getLogger(DocumentUnderstandingStep.class);

    private final DocumentFacts facts;
    private final DocumentUnderstanding understanding;
    private final PipelineCommands commands;

    DocumentUnderstandingStep(DocumentFacts facts, DocumentUnderstanding understanding, PipelineCommands commands) {
        this.facts = facts;
        this.understanding = understanding;
        this.commands = commands;
    }

    @EventHandler
    void on(DocumentTextExtractedEvent event, ReplayStatus replay) {
        String documentId = event.documentId();
        DocumentRun document = facts.latestRun(documentId).orElse(null);
        boolean rerun = replay.isReplay();
        if (document == null || document.run() != event.run() || (!rerun && document.processed())
                || (rerun && document.fieldsValidated())) {
            log.debug("Run {} of document {} is superseded or understood: passed over", event.run(), documentId);
            return;
        }
        try {
            List<String> pages = document.pageTexts();
            Understanding understood = document.correctedType() == null ? understanding.understand(pages)
                    : understanding.understandAs(pages, document.correctedType());
            commands.send(new RecordDocumentUnderstandingCommand(documentId, event.run(),
                    understood.language().language(), understood.language().confidence(), understood.type().type(),
                    understood.type().confidence(), understood.type().source().name(), fields(understood),
                    understood.missingFields(), understood.needsValidation(), reasons(understood), rerun));
        } catch (RuntimeException e) {
            fail(documentId, event.run(), e);
            throw e;
        }
    }

    @EventHandler
    void on(DocumentTypeCorrectedEvent event, ReplayStatus replay) {
        if (replay.isReplay()) {
            return;
        }
        String documentId = event.documentId();
        DocumentRun document = facts.latestRun(documentId).orElse(null);
        if (document == null || !event.type().equals(document.awaitingFieldsFor())) {
            return;
        }
        try {
            Understanding understood = understanding.understandAs(document.pageTexts(), event.type());
            commands.send(new RecordRetypedDocumentFieldsCommand(documentId, document.run(), event.type(),
                    fields(understood), understood.missingFields(), understood.needsValidation(),
                    reasons(understood)));
        } catch (RuntimeException e) {
            fail(documentId, document.run(), e);
            throw e;
        }
    }

    /**
     * A replay is the bulk reprocess: nothing is cleared (the documents keep their history), each document's latest run
     * is understood again as the replay reaches its text. This handler is what lets the processors' administration
     * replay the group.
     */
    @ResetHandler
    void bulkReprocessStarts() {
        log.info("Replay of {}: every document's latest run is understood again with today's rules", PROCESSING_GROUP);
    }

    private void fail(String documentId, int run, RuntimeException e) {
        commands.send(new RecordDocumentFailureCommand(documentId, run, "understanding", 0, "The text could not be "
                + "understood (" + e + "); reprocess the document, and if it fails again report the error."));
    }

    private static List<DocumentField> fields(Understanding understood) {
        return understood.fields().stream().map(field -> new DocumentField(field.name(), field.value(),
                field.confidence(), field.page(), field.needsValidation(), field.note())).toList();
    }

    /** Why an operator must look, each reason naming its field (or {@code type}). */
    private List<String> reasons(Understanding understood) {
        List<String> reasons = new ArrayList<>();
        double typeThreshold = understanding.threshold(DocumentUnderstanding.TYPE_THRESHOLD_NAME);
        if (understood.type().confidence() < typeThreshold) {
            reasons.add(String.format(Locale.ROOT, "type: %s with confidence %.2f, below %.2f",
                    understood.type().type(), understood.type().confidence(), typeThreshold));
        }
        for (ExtractedField field : understood.fields()) {
            if (field.needsValidation()) {
                reasons.add(String.format(Locale.ROOT, "%s: confidence %.2f, below %.2f%s", field.name(),
                        field.confidence(), understanding.threshold(field.name()),
                        field.note().isEmpty() ? "" : " (" + field.note() + ")"));
            }
        }
        understood.missingFields().forEach(name -> reasons.add(name + ": required, not found"));
        return reasons;
    }
}
