package io.axle.command.document.alert;

import io.axle.api.document.DocumentFieldsValidatedEvent;
import io.axle.api.document.DocumentProcessedEvent;
import io.axle.api.document.RaiseDocumentAlertCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises the alerts of a document when its pipeline run ends ({@link DocumentProcessedEvent}) and when an operator
 * validates its fields ({@link DocumentFieldsValidatedEvent}): it reads the document's type and fields from its event
 * stream as of that event ({@link AlertedDocuments}), evaluates the rules ({@link AlertEvaluator}) and sends a
 * {@link RaiseDocumentAlertCommand} for each rule that matches and was not raised yet. The Document aggregate raises a
 * rule once, so a reprocess, a retry or a second node never raises it again; a replay sends nothing at all.
 *
 * <p>Its tracking processor {@value #PROCESSING_GROUP} propagates failures, so an event whose command fails waits in
 * the group's dead-letter queue and is retried (ADR 0013).
 */
@ProcessingGroup(DocumentAlertProcessor.PROCESSING_GROUP)
@DisallowReplay
public class DocumentAlertProcessor {

    public static final String PROCESSING_GROUP = "document-alerts";

    private static final Logger log = LoggerFactory.getLogger(DocumentAlertProcessor.class);

    private final AlertedDocuments documents;
    private final AlertEvaluator evaluator;
    private final CommandGateway commands;

    public DocumentAlertProcessor(AlertedDocuments documents, AlertEvaluator evaluator, CommandGateway commands) {
        this.documents = documents;
        this.evaluator = evaluator;
        this.commands = commands;
    }

    @EventHandler
    void on(DocumentProcessedEvent event, @SequenceNumber long sequence) {
        raise(event.documentId(), sequence);
    }

    @EventHandler
    void on(DocumentFieldsValidatedEvent event, @SequenceNumber long sequence) {
        raise(event.documentId(), sequence);
    }

    private void raise(String documentId, long sequence) {
        AlertedDocument document = documents.asOf(documentId, sequence).orElse(null);
        if (document == null) {
            log.warn("Document {} has no upload in its stream; no alert rule is evaluated on it", documentId);
            return;
        }
        for (AlertEvaluator.Alert alert : evaluator.evaluate(document.type(), document.fields())) {
            if (!document.alertsRaised().contains(alert.rule())) {
                commands.sendAndWait(new RaiseDocumentAlertCommand(documentId, alert.rule(), alert.severity(),
                        alert.message()));
            }
        }
    }
}
