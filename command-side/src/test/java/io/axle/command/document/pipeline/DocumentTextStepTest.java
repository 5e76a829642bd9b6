package io.axle.command.document.pipeline;

import io.axle.api.document.DocumentPageReadEvent;
import io.axle.api.document.DocumentProcessingFailedEvent;
import io.axle.api.document.DocumentReprocessRequestedEvent;
import io.axle.api.document.DocumentUploadedEvent;
import io.axle.api.document.RecordDocumentFailureCommand;
import io.axle.api.document.RecordDocumentPageCommand;
import io.axle.api.document.RecordDocumentTextCommand;
import io.axle.command.document.OriginalStore;
import io.axle.documents.text.OcrSettings;
import io.axle.documents.text.TextExtractionException;
import io.axle.documents.text.TextExtractor;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

/** The text step on a real extractor and event store: every page once, resumed runs, passed-over runs, failures. */
class DocumentTextStepTest {

    private static final String ID = "d-1";
    private static TextExtractor extractor;

    private final Map<String, byte[]> stored = new HashMap<>();
    private final List<Object> sent = new ArrayList<>();
    private EventStore eventStore;
    private DocumentTextStep step;
    private long sequence;

    @BeforeAll
    static void startEngines() {
        extractor = new TextExtractor(OcrSettings.defaults().withEngines(1));
    }

    @AfterAll
    static void stopEngines() {
        extractor.close();
    }

    @BeforeEach
    void setUp() {
        eventStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        CommandGateway gateway = mock(CommandGateway.class);
        doAnswer(call -> {
            sent.add(((CommandMessage<?>) call.getArgument(0)).getPayload());
            return null;
        }).when(gateway).sendAndWait(any());
        step = new DocumentTextStep(new DocumentFacts(eventStore), new MapStore(), extractor,
                new PipelineCommands(gateway, Runnable::run));
    }

    private DocumentUploadedEvent upload(byte[] original) {
        String sha = Integer.toHexString(java.util.Arrays.hashCode(original));
        stored.put(sha, original);
        DocumentUploadedEvent uploaded = new DocumentUploadedEvent(ID, "t", "t.pdf", "application/pdf",
                original.length, sha, List.of(), "alice", Instant.now());
        given(uploaded);
        return uploaded;
    }

    private void given(Object event) {
        eventStore.publish(new GenericDomainEventMessage<>("Document", ID, sequence++, event));
    }

    private static byte[] textPdf(int pages) throws IOException {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int n = 1; n <= pages; n++) {
                PDPage page = new PDPage();
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    content.newLineAtOffset(72, 700);
                    content.showText("Invoice page " + n + " of the generated document for the pipeline");
                    content.endText();
                }
            }
            document.save(out);
            return out.toByteArray();
        }
    }

    private static DocumentPageReadEvent pageEvent(int run, int page, int pages) {
        return new DocumentPageReadEvent(ID, run, page, pages, "Invoice page " + page
                + " of the generated document for the pipeline", "text-layer", 1.0, 0, 0.0);
    }

    private List<Integer> pagesSent() {
        return sent.stream().filter(RecordDocumentPageCommand.class::isInstance)
                .map(c -> ((RecordDocumentPageCommand) c).page()).toList();
    }

    @Test
    void recordsEveryPageInOrderThenTheText() throws IOException {
        DocumentUploadedEvent uploaded = upload(textPdf(3));

        step.on(uploaded);

        assertThat(pagesSent()).containsExactly(1, 2, 3);
        RecordDocumentPageCommand first = (RecordDocumentPageCommand) sent.get(0);
        assertThat(first.run()).isEqualTo(1);
        assertThat(first.pages()).isEqualTo(3);
        assertThat(first.method()).isEqualTo("text-layer");
        assertThat(first.text()).isEqualTo("Invoice page 1 of the generated document for the pipeline");
        assertThat(sent.get(3)).isInstanceOfSatisfying(RecordDocumentTextCommand.class, text -> {
            assertThat(text.pages()).isEqualTo(3);
            assertThat(text.ocrPages()).isZero();
            assertThat(text.characters()).isEqualTo(3 * first.text().length());
        });
    }

    @Test
    void aResumedRunReadsOnlyThePagesNotRecordedYet() throws IOException {
        DocumentUploadedEvent uploaded = upload(textPdf(3));
        given(pageEvent(1, 1, 3));
        given(pageEvent(1, 2, 3));

        step.on(uploaded);

        assertThat(pagesSent()).containsExactly(3);
        assertThat(sent.get(1)).isInstanceOfSatisfying(RecordDocumentTextCommand.class,
                text -> assertThat(text.pages()).isEqualTo(3));
    }

    @Test
    void aSupersededRunIsPassedOver() throws IOException {
        DocumentUploadedEvent uploaded = upload(textPdf(1));
        given(new DocumentProcessingFailedEvent(ID, 1, "text", 0, "boom", Instant.now()));
        given(new DocumentReprocessRequestedEvent(ID, 2, "bob", Instant.now()));

        step.on(uploaded);

        assertThat(sent).isEmpty();
    }

    @Test
    void aReprocessReadsItsRunAfresh() throws IOException {
        upload(textPdf(2));
        given(pageEvent(1, 1, 2));
        given(pageEvent(1, 2, 2));
        DocumentReprocessRequestedEvent reprocess = new DocumentReprocessRequestedEvent(ID, 2, "bob", Instant.now());
        given(reprocess);

        step.on(reprocess);

        assertThat(pagesSent()).containsExactly(1, 2);
        assertThat(((RecordDocumentPageCommand) sent.get(0)).run()).isEqualTo(2);
    }

    @Test
    void aDamagedPdfIsRecordedFailedWithTheReasonAndThrownOnForTheDeadLetterQueue() {
        DocumentUploadedEvent uploaded = upload("%PDF-1.7\n garbage that is no PDF at all \u0000\u0001"
                .getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> step.on(uploaded)).isInstanceOf(TextExtractionException.class);

        assertThat(sent).singleElement().isInstanceOfSatisfying(RecordDocumentFailureCommand.class, failure -> {
            assertThat(failure.step()).isEqualTo("text");
            assertThat(failure.run()).isEqualTo(1);
            assertThat(failure.reason()).contains("upload an undamaged copy");
        });
    }

    /** Originals kept in a map, by hash. */
    private final class MapStore implements OriginalStore {

        @Override
        public boolean contains(String sha256) {
            return stored.containsKey(sha256);
        }

        @Override
        public String store(String sha256, String mediaType, InputStream bytes) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void discard(String sha256, String copyId) {
        }

        @Override
        public Optional<StoredOriginal> open(String sha256) {
            return Optional.ofNullable(stored.get(sha256)).map(bytes -> new StoredOriginal(bytes.length,
                    "application/pdf", new ByteArrayInputStream(bytes)));
        }
    }
}
