package io.axle.query.document;

import io.axle.api.common.ListCriteria;
import io.axle.api.common.PageResult;
import io.axle.api.document.DocumentAlertView;
import io.axle.api.document.DocumentSearchHit;
import io.axle.api.document.DocumentText;
import io.axle.api.document.DocumentUpdate;
import io.axle.api.document.DocumentView;
import io.axle.api.document.FindDocumentQuery;
import io.axle.api.document.FindDocumentTextQuery;
import io.axle.api.document.ListDocumentAlertsQuery;
import io.axle.api.document.ListDocumentsQuery;
import io.axle.api.document.SearchDocumentsQuery;
import io.axle.api.document.ValidationQueueQuery;
import io.axle.api.document.WatchDocumentsQuery;
import io.axle.platform.web.NotFoundException;
import io.axle.query.ListParams;
import io.axle.query.PageParams;
import io.axle.query.Pages;
import io.axle.query.UpdateStreams;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Locale;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The document read API: one document with its findings and history, its text per page, a page of documents
 * (filtered by status, type and tag, searched by title and file name), the validation queue, the alerts, full-text
 * search, and the documents' live updates as server-sent events. Operators, administrators and analysts read
 * documents.
 */
@RestController
@RequestMapping("/api/v1/documents")
public class DocumentQueryController {

    static final String READERS = "hasAnyRole('ADMIN','OPERATOR','ANALYST')";
    static final String EVENT = "document";
    private static final String TYPE = "[A-Za-z0-9_-]{1,40}";
    private static final String TYPE_MESSAGE = "must be a document type such as invoice";

    private final QueryGateway queryGateway;
    private final UpdateStreams updateStreams;

    public DocumentQueryController(QueryGateway queryGateway, UpdateStreams updateStreams) {
        this.queryGateway = queryGateway;
        this.updateStreams = updateStreams;
    }

    @GetMapping("/{id}")
    @PreAuthorize(READERS)
    public DocumentView find(@PathVariable String id) {
        DocumentView document = queryGateway.query(new FindDocumentQuery(id), DocumentView.class).join();
        if (document == null) {
            throw new NotFoundException("document", id);
        }
        return document;
    }

    /** The document's text page by page; no page yet while the first run has not read one. */
    @GetMapping("/{id}/text")
    @PreAuthorize(READERS)
    public DocumentText text(@PathVariable String id) {
        DocumentText text = queryGateway.query(new FindDocumentTextQuery(id), DocumentText.class).join();
        if (text != null) {
            return text;
        }
        DocumentView document = find(id);
        return new DocumentText(id, document.run(), List.of());
    }

    /**
     * Documents newest first, or as {@code sort} asks; {@code status}, {@code type} and {@code tag} (either case)
     * narrow the list when given, {@code q} searches titles and file names, {@code from}/{@code to} bound the upload.
     */
    @GetMapping
    @PreAuthorize(READERS)
    public PageResult<DocumentView> list(@Valid PageParams paging, @Valid ListParams list,
            @RequestParam(required = false) @Pattern(regexp = "[A-Za-z_]{1,30}",
                    message = "must be a document status such as UPLOADED") String status,
            @RequestParam(required = false) @Pattern(regexp = TYPE, message = TYPE_MESSAGE) String type,
            @RequestParam(required = false) @Size(max = 50) String tag) {
        ListCriteria criteria = DocumentProjection.LISTING.criteria(list);
        return Pages.queryPage(queryGateway, new ListDocumentsQuery(
                status == null || status.isBlank() ? null : status.toUpperCase(Locale.ROOT),
                type == null || type.isBlank() ? null : type.toLowerCase(Locale.ROOT),
                tag == null || tag.isBlank() ? null : tag.strip().toLowerCase(Locale.ROOT),
                criteria, paging.pageOrDefault(), paging.sizeOrDefault()));
    }

    /** Documents waiting for an operator (NEEDS_VALIDATION), oldest upload first. */
    @GetMapping("/validation-queue")
    @PreAuthorize(READERS)
    public PageResult<DocumentView> validationQueue(@Valid PageParams paging) {
        return Pages.queryPage(queryGateway, new ValidationQueueQuery(paging.pageOrDefault(),
                paging.sizeOrDefault()));
    }

    /** Alerts raised on documents, newest first. */
    @GetMapping("/alerts")
    @PreAuthorize(READERS)
    public PageResult<DocumentAlertView> alerts(@Valid PageParams paging) {
        return Pages.queryPage(queryGateway, new ListDocumentAlertsQuery(paging.pageOrDefault(),
                paging.sizeOrDefault()));
    }

    /**
     * Documents whose text, title or tags match {@code q}, best first, with highlighted snippets; {@code type} and
     * the upload dates {@code from} (inclusive) and {@code to} (exclusive; a date counts whole) narrow them.
     */
    @GetMapping("/search")
    @PreAuthorize(READERS)
    public PageResult<DocumentSearchHit> search(@Valid PageParams paging,
            @RequestParam(required = false) @NotBlank(message = "is required: the words to search for")
            @Size(max = 200) String q,
            @RequestParam(required = false) @Pattern(regexp = TYPE, message = TYPE_MESSAGE) String type,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        ListCriteria range = DocumentProjection.LISTING.criteria(new ListParams(null, from, to, null));
        return Pages.queryPage(queryGateway, new SearchDocumentsQuery(q.strip(),
                type == null || type.isBlank() ? null : type.toLowerCase(Locale.ROOT), range.from(), range.to(),
                paging.pageOrDefault(), paging.sizeOrDefault()));
    }

    /** Every change of a document as event {@code document}: {@code {documentId, status, pagesRead, pages, type}}. */
    @GetMapping(path = "/updates", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize(READERS)
    public SseEmitter updates() {
        return updateStreams.stream(EVENT, new WatchDocumentsQuery(),
                ResponseTypes.multipleInstancesOf(DocumentUpdate.class), ResponseTypes.instanceOf(DocumentUpdate.class),
                UpdateStreams::oldestFirst);
    }
}
