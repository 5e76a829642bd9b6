package io.axle.command.document;

import io.axle.api.document.CorrectDocumentTypeCommand;
import io.axle.api.document.DocumentUploadResult;
import io.axle.api.document.DocumentUploadedEvent;
import io.axle.api.document.FieldValue;
import io.axle.api.document.ReprocessDocumentCommand;
import io.axle.api.document.ValidateDocumentFieldsCommand;
import io.axle.platform.web.Problems;
import io.axle.platform.web.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;

/**
 * Uploads documents, serves their originals, and takes operators' say on the pipeline: reprocess, type correction,
 * field validation (each 202; the pipeline's processors do the work after). An upload answers 202 with the document,
 * new or (same bytes again) the existing one flagged {@code duplicate}. The original is served byte for byte with the
 * type recognised at upload, found through the document's own first event, so it is there as soon as the upload is
 * answered.
 */
@RestController
@RequestMapping("/api/v1/documents")
class DocumentCommandController {

    static final String UPLOADERS = "hasAnyRole('ADMIN','OPERATOR')";
    static final String READERS = "hasAnyRole('ADMIN','OPERATOR','ANALYST')";

    private final DocumentUploads uploads;
    private final OriginalStore originals;
    private final EventStore eventStore;
    private final CommandGateway commandGateway;
    private final DocumentTypes types;

    DocumentCommandController(DocumentUploads uploads, OriginalStore originals, EventStore eventStore,
                              CommandGateway commandGateway, DocumentTypes types) {
        this.uploads = uploads;
        this.originals = originals;
        this.eventStore = eventStore;
        this.commandGateway = commandGateway;
        this.types = types;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize(UPLOADERS)
    public ResponseEntity<DocumentUploadResult> upload(
            @RequestPart(name = "file", required = false) MultipartFile file,
            @RequestParam(name = "title", required = false) @Size(max = DocumentContentRegister.MAX_TITLE)
            String title,
            @RequestParam(name = "tags", required = false) @Size(max = DocumentContentRegister.MAX_TAGS)
            List<String> tags,
            Principal principal) throws IOException {
        DocumentUploadResult result = uploads.upload(file, title, tags, nameOf(principal));
        return ResponseEntity.accepted().location(URI.create("/api/v1/documents/" + result.documentId()))
                .body(result);
    }

    @GetMapping("/{id}/original")
    @PreAuthorize(READERS)
    public ResponseEntity<InputStreamResource> original(@PathVariable String id) {
        DocumentUploadedEvent uploaded = uploadOf(id);
        OriginalStore.StoredOriginal original = originals.open(uploaded.sha256())
                .orElseThrow(() -> new NotFoundException("original", id));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(uploaded.mediaType()))
                .contentLength(original.length())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename(uploaded.fileName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-SHA256", uploaded.sha256())
                .body(new InputStreamResource(original.bytes()));
    }

    /**
     * Runs the document's pipeline again with today's rules (a new run); 409 while a run is under way. A failed run's
     * dead letter does not hold the new run back: each run is its own sequence in the pipeline's processors.
     */
    @PostMapping("/{id}/reprocess")
    @PreAuthorize(UPLOADERS)
    public ResponseEntity<Void> reprocess(@PathVariable String id, Principal principal) {
        uploadOf(id);
        commandGateway.sendAndWait(new ReprocessDocumentCommand(id, nameOf(principal)));
        return accepted(id);
    }

    /** An operator's type for the document, one of the configured types; its fields are then read again. */
    @PostMapping("/{id}/classification")
    @PreAuthorize(UPLOADERS)
    public ResponseEntity<Void> correctType(@PathVariable String id, @RequestBody TypeCorrection request,
                                            Principal principal) {
        uploadOf(id);
        String type = request == null || request.type() == null ? null : request.type().strip();
        if (!types.contains(type)) {
            throw new ErrorResponseException(HttpStatus.UNPROCESSABLE_ENTITY, Problems.refusal(
                    HttpStatus.UNPROCESSABLE_ENTITY, "type", "known-type", "'" + type + "' is not a document type;"
                            + " the types are " + String.join(", ", types.all())), null);
        }
        commandGateway.sendAndWait(new CorrectDocumentTypeCommand(id, type, nameOf(principal)));
        return accepted(id);
    }

    /**
     * An operator's validation of the fields: {@code fields} set (normalised and checked), {@code remove} dropped,
     * every other field confirmed as it is ({@code confirm} may name them; it changes nothing).
     */
    @PostMapping("/{id}/fields")
    @PreAuthorize(UPLOADERS)
    public ResponseEntity<Void> validateFields(@PathVariable String id, @Valid @RequestBody FieldsValidation request,
                                               Principal principal) {
        uploadOf(id);
        List<FieldValue> fields = request == null || request.fields() == null ? List.of() : request.fields();
        List<String> remove = request == null || request.remove() == null ? List.of() : request.remove();
        commandGateway.sendAndWait(new ValidateDocumentFieldsCommand(id, fields, remove, nameOf(principal)));
        return accepted(id);
    }

    /** A type correction's body. */
    record TypeCorrection(String type) {
    }

    /** A field validation's body. */
    record FieldsValidation(@Size(max = 100) List<FieldValue> fields, @Size(max = 100) List<String> confirm,
                            @Size(max = 100) List<String> remove) {
    }

    private static ResponseEntity<Void> accepted(String id) {
        return ResponseEntity.accepted().location(URI.create("/api/v1/documents/" + id)).build();
    }

    private static String nameOf(Principal principal) {
        return principal == null ? "anonymous" : principal.getName();
    }

    /** The event that created document {@code id}; 404 when {@code id} is no document. */
    private DocumentUploadedEvent uploadOf(String id) {
        DomainEventStream events = eventStore.readEvents(id);
        if (events.hasNext() && events.next().getPayload() instanceof DocumentUploadedEvent uploaded) {
            return uploaded;
        }
        throw new NotFoundException("document", id);
    }
}
