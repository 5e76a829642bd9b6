package io.axle.command.document;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.axle.api.document.DocumentContent;
import io.axle.api.document.DocumentContentRegisteredEvent;
import io.axle.api.document.DocumentDuplicateDetectedEvent;
import io.axle.api.document.DocumentUploadResult;
import io.axle.api.document.DocumentUploadedEvent;
import io.axle.api.document.UploadDocumentCommand;
import io.axle.command.RuleViolationException;
import io.axle.command.Rules;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The register of one set of bytes ({@link DocumentContent#id()}, keyed by SHA-256): every upload goes through it.
 * The first upload of the bytes creates its {@link Document} in the same unit of work and records who holds them;
 * every later one is answered with that document, flagged a duplicate and recorded, and makes no second document.
 * Two uploads of the same new bytes deciding at once, on one node or several, collide on the event store's
 * (aggregate id, sequence number) key, and the loser, sent again, finds the first one's document.
 *
 * <p>Refuses (422) what the web edge should never send: a malformed hash, an empty original, a type outside
 * {@link #MEDIA_TYPES}, a missing document id. Sending the command that created the document again answers it, not
 * as a duplicate, and records nothing.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class DocumentContentRegister {

    /** The types a document may have, as recognised from its bytes. */
    static final Set<String> MEDIA_TYPES = Set.of("application/pdf", "image/jpeg", "image/png", "image/tiff");
    /** Longest title. */
    static final int MAX_TITLE = 200;
    /** Most tags a document carries, and longest tag. */
    static final int MAX_TAGS = 20;
    static final int MAX_TAG_LENGTH = 50;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    @AggregateIdentifier
    private String contentId;
    private String documentId;

    protected DocumentContentRegister() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    DocumentUploadResult handle(UploadDocumentCommand command) throws Exception {
        Rules.required(command.documentId(), "documentId");
        if (command.sha256() == null || !SHA256.matcher(command.sha256()).matches()) {
            throw RuleViolationException.unprocessable("sha256", "sha256",
                    "sha256 must be 64 lower-case hexadecimal digits");
        }
        if (command.size() <= 0) {
            throw RuleViolationException.unprocessable("file", "not-empty", "an empty file is not a document");
        }
        if (!MEDIA_TYPES.contains(command.mediaType())) {
            throw RuleViolationException.unprocessable("file", "media-type", "a document is a PDF, JPEG, PNG or"
                    + " TIFF file; " + command.mediaType() + " is not accepted");
        }
        if (command.title() != null && command.title().strip().length() > MAX_TITLE) {
            throw RuleViolationException.unprocessable("title", "max-length",
                    "a title has at most " + MAX_TITLE + " characters");
        }
        List<String> tags = tags(command.tags());
        if (documentId != null) {
            if (!documentId.equals(command.documentId())) {
                apply(new DocumentDuplicateDetectedEvent(command.sha256(), documentId, fileName(command.fileName()),
                        command.uploadedBy(), now()));
            }
            return new DocumentUploadResult(documentId, !documentId.equals(command.documentId()));
        }
        String fileName = fileName(command.fileName());
        String title = command.title() == null || command.title().isBlank() ? fileName : command.title().strip();
        DocumentUploadedEvent uploaded = new DocumentUploadedEvent(command.documentId(), title, fileName,
                command.mediaType(), command.size(), command.sha256(), tags, command.uploadedBy(), now());
        AggregateLifecycle.createNew(Document.class, () -> new Document(uploaded));
        apply(new DocumentContentRegisteredEvent(command.sha256(), command.documentId()));
        return new DocumentUploadResult(command.documentId(), false);
    }

    /** Tags trimmed, in lower case, blanks dropped, each once, in the order given. */
    static List<String> tags(List<String> given) {
        List<String> tags = new ArrayList<>();
        for (String tag : given == null ? List.<String>of() : given) {
            String normal = tag == null ? "" : tag.strip().toLowerCase(Locale.ROOT);
            if (normal.length() > MAX_TAG_LENGTH) {
                throw RuleViolationException.unprocessable("tags", "max-length",
                        "a tag has at most " + MAX_TAG_LENGTH + " characters");
            }
            if (!normal.isEmpty() && !tags.contains(normal)) {
                tags.add(normal);
            }
        }
        if (tags.size() > MAX_TAGS) {
            throw RuleViolationException.unprocessable("tags", "max-size",
                    "a document carries at most " + MAX_TAGS + " tags");
        }
        return List.copyOf(tags);
    }

    private static String fileName(String given) {
        return given == null || given.isBlank() ? "document" : given.strip();
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    @EventSourcingHandler
    void on(DocumentContentRegisteredEvent event) {
        contentId = new DocumentContent(event.sha256()).id();
        documentId = event.documentId();
    }
}
