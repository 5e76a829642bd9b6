package io.axle.command.document.pipeline;

import io.axle.api.document.DocumentPageReadEvent;
import io.axle.api.document.DocumentReprocessRequestedEvent;
import io.axle.api.document.DocumentUploadedEvent;
import io.axle.api.document.RecordDocumentFailureCommand;
import io.axle.api.document.RecordDocumentPageCommand;
import io.axle.api.document.RecordDocumentTextCommand;
import io.axle.command.document.OriginalStore;
import io.axle.documents.text.ExtractionMethod;
import io.axle.documents.text.ExtractionProgress;
import io.axle.documents.text.PageText;
import io.axle.documents.text.TextExtractionException;
import io.axle.documents.text.TextExtractor;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The text step of every run: on an upload (run 1) or a reprocess (run n), streams the original from the
 * {@link OriginalStore} to the {@link TextExtractor} and records each page as the extractor reports it, then the text
 * as a whole. A run cut short (process killed: the event is delivered again, its token not advanced) resumes: the pages
 * it recorded are read from the document's events and neither read nor recorded again. A run that is superseded by a
 * later reprocess, or whose text is already recorded, is passed over.
 *
 * <p>A document that cannot be read (damaged PDF, OCR failure) is recorded FAILED with the extractor's reason, and the
 * failure is thrown on, so that the event waits in the {@value #PROCESSING_GROUP} dead-letter queue rather than being
 * skipped. Side effects cannot be replayed, hence no replay.
 */
@ProcessingGroup(DocumentTextStep.PROCESSING_GROUP)
@DisallowReplay
public class DocumentTextStep {

    /** The tracking processor reading the documents' text. */
    public static final String PROCESSING_GROUP = "document-text";

    private static final Logger log = LoggerFactory.getLogger(DocumentTextStep.class);

    private final DocumentFacts facts;
    private final OriginalStore originals;
    private final TextExtractor extractor;
    private final PipelineCommands commands;

    DocumentTextStep(DocumentFacts facts, OriginalStore originals, TextExtractor extractor,
                     PipelineCommands commands) {
        this.facts = facts;
        this.originals = originals;
        this.extractor = extractor;
        this.commands = commands;
    }

    @EventHandler
    void on(DocumentUploadedEvent event) {
        read(event.documentId(), 1);
    }

    @EventHandler
    void on(DocumentReprocessRequestedEvent event) {
        read(event.documentId(), event.run());
    }

    private void read(String documentId, int run) {
        DocumentRun document = facts.latestRun(documentId).orElse(null);
        if (document == null || !document.readingText(run)) {
            log.debug("Run {} of document {} is superseded or its text is recorded: passed over", run, documentId);
            return;
        }
        Map<Integer, DocumentPageReadEvent> pages = new HashMap<>(document.pages());
        OriginalStore.StoredOriginal original = originals.open(document.sha256()).orElse(null);
        if (original == null) {
            String reason = "The original (SHA-256 " + document.sha256() + ") is not in the originals store; restore"
                    + " it from a backup and reprocess the document, or upload the file again.";
            commands.send(new RecordDocumentFailureCommand(documentId, run, "text", 0, reason));
            throw new IllegalStateException(reason);
        }
        if (!pages.isEmpty()) {
            log.info("Resuming run {} of document {}: {} page(s) already read are skipped", run, documentId,
                    pages.size());
        }
        try (InputStream bytes = original.bytes()) {
            extractor.extract(bytes, Map.copyOf(pages).keySet(), new ExtractionProgress() {
                @Override
                public void pageDone(int page, int of) {
                }

                @Override
                public void pageRead(PageText page, int of) {
                    RecordDocumentPageCommand record = new RecordDocumentPageCommand(documentId, run, page.number(),
                            of, page.text(), page.method().label(), page.confidence(), page.rotation(),
                            page.deskew());
                    commands.send(record);
                    pages.put(page.number(), new DocumentPageReadEvent(documentId, run, page.number(), of,
                            page.text(), page.method().label(), page.confidence(), page.rotation(), page.deskew()));
                }
            });
        } catch (TextExtractionException e) {
            commands.send(new RecordDocumentFailureCommand(documentId, run, "text", e.page(), e.getMessage()));
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("the original of document " + documentId + " could not be read", e);
        }
        int ocrPages = (int) pages.values().stream()
                .filter(page -> ExtractionMethod.OCR.label().equals(page.method())).count();
        long characters = pages.values().stream().mapToLong(page -> page.text().length()).sum();
        double meanConfidence = pages.values().stream().mapToDouble(DocumentPageReadEvent::confidence).average()
                .orElse(0);
        commands.send(new RecordDocumentTextCommand(documentId, run, pages.size(), ocrPages, characters,
                meanConfidence));
    }
}
