package io.axle.command.document;

import io.axle.api.document.DocumentContentRegisteredEvent;
import io.axle.api.document.DocumentDuplicateDetectedEvent;
import io.axle.api.document.DocumentUploadResult;
import io.axle.api.document.DocumentUploadedEvent;
import io.axle.api.document.UploadDocumentCommand;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.Message;
import org.axonframework.modelling.command.Repository;
import org.axonframework.modelling.command.RepositoryProvider;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.axle.command.RefusalMatchers.refusal;
import static org.assertj.core.api.Assertions.assertThat;

/** The register of one set of bytes: the first upload makes the document, every later one answers it. */
class DocumentContentRegisterTest {

    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final DocumentContentRegisteredEvent REGISTERED = new DocumentContentRegisteredEvent(SHA, "d-1");

    private AggregateTestFixture<DocumentContentRegister> fixture;
    private EventStore documents;

    @BeforeEach
    void setUp() {
        documents = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        fixture = new AggregateTestFixture<>(DocumentContentRegister.class);
        EventSourcingRepository<Document> repository = EventSourcingRepository.builder(Document.class)
                .eventStore(documents)
                .build();
        fixture.registerRepositoryProvider(new RepositoryProvider() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> Repository<T> repositoryFor(Class<T> aggregateType) {
                return aggregateType == Document.class ? (Repository<T>) repository : null;
            }
        });
    }

    private static UploadDocumentCommand upload(String documentId, String mediaType, long size) {
        return new UploadDocumentCommand(documentId, SHA, " Invoice March ", " march.pdf ", mediaType, size,
                List.of(" Suppliers ", "2026", "suppliers", " "), "alice");
    }

    private List<Object> documentEvents(String id) {
        return documents.readEvents(id).asStream().map(Message::getPayload).map(Object.class::cast).toList();
    }

    @Nested
    class FirstUpload {

        @Test
        void createsTheDocumentWithNormalisedTitleFileNameAndTags() {
            fixture.givenNoPriorActivity()
                    .when(upload("d-1", "application/pdf", 1234))
                    .expectEvents(REGISTERED)
                    .expectResultMessagePayload(new DocumentUploadResult("d-1", false));
            assertThat(documentEvents("d-1")).containsExactly(new DocumentUploadedEvent("d-1", "Invoice March",
                    "march.pdf", "application/pdf", 1234, SHA, List.of("suppliers", "2026"), "alice",
                    fixture.currentTime()));
        }

        @Test
        void aDocumentWithoutTitleIsTitledByItsFileNameAndOneWithoutNameIsCalledDocument() {
            fixture.givenNoPriorActivity()
                    .when(new UploadDocumentCommand("d-2", SHA, " ", null, "image/png", 10, null, "bob"))
                    .expectEvents(new DocumentContentRegisteredEvent(SHA, "d-2"));
            assertThat(documentEvents("d-2")).containsExactly(new DocumentUploadedEvent("d-2", "document",
                    "document", "image/png", 10, SHA, List.of(), "bob", fixture.currentTime()));
        }

        @ParameterizedTest
        @ValueSource(strings = {"application/pdf", "image/jpeg", "image/png", "image/tiff"})
        void acceptsEachDocumentType(String mediaType) {
            fixture.givenNoPriorActivity()
                    .when(upload("d-1", mediaType, 1))
                    .expectEvents(REGISTERED);
        }
    }

    @Nested
    class SameBytesAgain {

        @Test
        void answersTheExistingDocumentAsADuplicateAndRecordsTheUpload() {
            fixture.given(REGISTERED)
                    .when(new UploadDocumentCommand("d-9", SHA, "Copy", "copy.pdf", "application/pdf", 1234,
                            List.of(), "bob"))
                    .expectEvents(new DocumentDuplicateDetectedEvent(SHA, "d-1", "copy.pdf", "bob",
                            fixture.currentTime()))
                    .expectResultMessagePayload(new DocumentUploadResult("d-1", true));
            assertThat(documentEvents("d-9")).isEmpty();
        }

        @Test
        void theCommandThatCreatedTheDocumentSentAgainAnswersItAndChangesNothing() {
            fixture.given(REGISTERED)
                    .when(upload("d-1", "application/pdf", 1234))
                    .expectNoEvents()
                    .expectResultMessagePayload(new DocumentUploadResult("d-1", false));
        }
    }

    @Nested
    class Refusals {

        @Test
        void refusesAnEmptyFile() {
            fixture.givenNoPriorActivity()
                    .when(upload("d-1", "application/pdf", 0))
                    .expectException(refusal(422, "file", "not-empty"))
                    .expectNoEvents();
            assertThat(documentEvents("d-1")).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"text/plain", "application/zip", "image/gif"})
        void refusesAnotherType(String mediaType) {
            fixture.givenNoPriorActivity()
                    .when(upload("d-1", mediaType, 10))
                    .expectException(refusal(422, "file", "media-type"))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @ValueSource(strings = {"abc", "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08"})
        void refusesAMalformedHash(String sha256) {
            fixture.givenNoPriorActivity()
                    .when(new UploadDocumentCommand("d-1", sha256, null, "a.pdf", "application/pdf", 1, null, "a"))
                    .expectException(refusal(422, "sha256", "sha256"))
                    .expectNoEvents();
        }

        @Test
        void refusesAMissingDocumentId() {
            fixture.givenNoPriorActivity()
                    .when(upload(" ", "application/pdf", 1))
                    .expectException(refusal(422, "documentId", "required"))
                    .expectNoEvents();
        }

        @Test
        void refusesATitleOver200Characters() {
            fixture.givenNoPriorActivity()
                    .when(new UploadDocumentCommand("d-1", SHA, "t".repeat(DocumentContentRegister.MAX_TITLE + 1),
                            "a.pdf", "application/pdf", 1, null, "a"))
                    .expectException(refusal(422, "title", "max-length"))
                    .expectNoEvents();
        }

        @Test
        void refusesATooLongTag() {
            fixture.givenNoPriorActivity()
                    .when(new UploadDocumentCommand("d-1", SHA, null, "a.pdf", "application/pdf", 1,
                            List.of("x".repeat(DocumentContentRegister.MAX_TAG_LENGTH + 1)), "a"))
                    .expectException(refusal(422, "tags", "max-length"))
                    .expectNoEvents();
        }

        @Test
        void refusesTooManyTags() {
            List<String> tags = new ArrayList<>();
            for (int i = 0; i <= DocumentContentRegister.MAX_TAGS; i++) {
                tags.add("t" + i);
            }
            fixture.givenNoPriorActivity()
                    .when(new UploadDocumentCommand("d-1", SHA, null, "a.pdf", "application/pdf", 1, tags, "a"))
                    .expectException(refusal(422, "tags", "max-size"))
                    .expectNoEvents();
        }

        @Test
        void aRefusedDuplicateRecordsNothing() {
            fixture.given(REGISTERED)
                    .when(upload("d-2", "text/plain", 10))
                    .expectException(refusal(422, "file", "media-type"))
                    .expectNoEvents();
        }
    }

    @Test
    void repeatedTagsCountOnce() {
        assertThat(DocumentContentRegister.tags(Collections.nCopies(100, "Same"))).containsExactly("same");
    }
}
