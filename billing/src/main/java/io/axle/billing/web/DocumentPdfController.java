package io.axle.billing.web;

import io.axle.billing.DocumentStore;
import io.axle.billing.RenderedDocument;
import io.axle.billing.StoredDocument;
import io.axle.platform.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.beans.factory.ObjectProvider;
import io.axle.api.invoice.FindInvoiceQuery;
import io.axle.api.invoice.InvoiceView;
import io.axle.platform.security.PartnerScope;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves issued PDFs as they were signed. Before a file leaves, its bytes are hashed again and compared with the
 * SHA-256 stored beside them, so a damaged copy is never handed out as the invoice. Readers are those who may read
 * invoices (and orders): ADMIN, OPERATOR, ANALYST and PARTNER.
 */
@RestController
@RequestMapping("/api/v1/invoices")
public class DocumentPdfController {

    static final String READERS = "hasAnyRole('ADMIN','OPERATOR','ANALYST','PARTNER')";
    private static final Logger log = LoggerFactory.getLogger(DocumentPdfController.class);

    private final DocumentStore store;
    private final ObjectProvider<QueryGateway> queries;

    /** {@code queries} tells a partner's invoices from others' (the stored document does not name its customer). */
    public DocumentPdfController(DocumentStore store, ObjectProvider<QueryGateway> queries) {
        this.store = store;
        this.queries = queries;
    }

    @GetMapping("/{invoiceId}/pdf")
    @PreAuthorize(READERS)
    public ResponseEntity<byte[]> invoice(@PathVariable String invoiceId,
                                          @RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch) {
        requireVisible("invoice", invoiceId);
        return serve("invoice", invoiceId, ifNoneMatch);
    }

    @GetMapping("/{invoiceId}/credit-notes/{creditNoteId}/pdf")
    @PreAuthorize(READERS)
    public ResponseEntity<byte[]> creditNote(@PathVariable String invoiceId, @PathVariable String creditNoteId,
                                             @RequestHeader(name = "If-None-Match", required = false)
                                             String ifNoneMatch) {
        requireVisible("credit note", invoiceId);
        return serve("credit note", DocumentStore.creditNoteId(invoiceId, creditNoteId), ifNoneMatch);
    }

    /** A partner sees only its customer's documents; another customer's answer as if they did not exist. */
    private void requireVisible(String kind, String invoiceId) {
        PartnerScope.customer().ifPresent(own -> {
            InvoiceView invoice = queries.getObject().query(new FindInvoiceQuery(invoiceId), InvoiceView.class)
                    .exceptionally(notFound -> null).join();
            if (invoice == null || !own.equals(invoice.customerId())) {
                throw new NotIssuedException(kind, invoiceId);
            }
        });
    }

    private ResponseEntity<byte[]> serve(String kind, String documentId, String ifNoneMatch) {
        StoredDocument stored = store.find(documentId).orElseThrow(() -> new NotIssuedException(kind, documentId));
        String actual = RenderedDocument.sha256(stored.pdf());
        if (!actual.equals(stored.sha256())) {
            log.error("Stored PDF of {} {} ({}) is damaged: its bytes hash to {} but {} was recorded at issue. It is"
                            + " not served. Render it again from its issue event (same bytes with the same certificate)"
                            + " and store it, or restore collection billing_documents from a backup.",
                    kind, documentId, stored.number(), actual, stored.sha256());
            throw new DamagedDocumentException(kind, documentId);
        }
        String etag = "\"" + stored.sha256() + "\"";
        boolean notModified = matches(ifNoneMatch, etag);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(notModified ? HttpStatus.NOT_MODIFIED : HttpStatus.OK)
                .eTag(etag)
                .cacheControl(CacheControl.noCache().cachePrivate())
                .header("Content-Disposition", ContentDisposition.inline()
                        .filename(stored.number() + ".pdf").build().toString());
        return notModified ? response.build()
                : response.contentType(MediaType.APPLICATION_PDF).contentLength(stored.pdf().length).body(stored.pdf());
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    @ExceptionHandler(NotIssuedException.class)
    ResponseEntity<ProblemDetail> notIssued(NotIssuedException e) {
        ProblemDetail problem = Problems.refusal(HttpStatus.NOT_FOUND, null, "not-issued", e.getMessage());
        problem.setProperty("id", e.documentId);
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @ExceptionHandler(DamagedDocumentException.class)
    ResponseEntity<ProblemDetail> damaged(DamagedDocumentException e) {
        ProblemDetail problem = Problems.refusal(HttpStatus.INTERNAL_SERVER_ERROR, null, "integrity", e.getMessage());
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** No PDF is stored under that id: the document is not issued yet, or does not exist. */
    static final class NotIssuedException extends RuntimeException {
        private final String documentId;

        NotIssuedException(String kind, String documentId) {
            super("The " + kind + " " + documentId + " has no issued PDF (yet): it is not issued, still being issued,"
                    + " or does not exist.");
            this.documentId = documentId;
        }
    }

    /** The stored bytes no longer match their recorded SHA-256. */
    static final class DamagedDocumentException extends RuntimeException {
        DamagedDocumentException(String kind, String documentId) {
            super("The stored PDF of " + kind + " " + documentId + " failed its integrity check and is not served;"
                    + " the operators have been told in the log.");
        }
    }
}
