package io.axle.billing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.axle.billing.DocumentStore;
import io.axle.billing.InMemoryDocumentStore;
import io.axle.billing.RenderedDocument;
import io.axle.platform.web.ProblemAdvice;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The PDF download's HTTP contract, on a standalone MockMvc over an in-memory store. */
class DocumentPdfControllerTest {

    private static final byte[] PDF = "%PDF-1.7 invoice INV-2026-000042".getBytes();
    private static final String SHA = sha256(PDF);

    private final InMemoryDocumentStore store = new InMemoryDocumentStore();
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.standaloneSetup(new DocumentPdfController(store, null))
                .setControllerAdvice(new ProblemAdvice())
                .build();
    }

    @Test
    void anIssuedInvoiceIsServedInlineAsPdfWithItsHashAsETag() throws Exception {
        store.put("inv-1", "INV-2026-000042", new RenderedDocument(PDF, SHA));

        mvc.perform(get("/api/v1/invoices/inv-1/pdf"))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_PDF))
                .andExpect(content().bytes(PDF))
                .andExpect(header().string("Content-Disposition", "inline; filename=\"INV-2026-000042.pdf\""))
                .andExpect(header().string("ETag", "\"" + SHA + "\""))
                .andExpect(header().longValue("Content-Length", PDF.length));
    }

    @Test
    void aCreditNoteIsServedFromItsOwnPath() throws Exception {
        byte[] creditNote = "%PDF-1.7 credit note".getBytes();
        store.put("inv-1", "INV-2026-000042", new RenderedDocument(PDF, SHA));
        store.put(DocumentStore.creditNoteId("inv-1", "cn-1"), "CN-2026-000007",
                new RenderedDocument(creditNote, sha256(creditNote)));

        mvc.perform(get("/api/v1/invoices/inv-1/credit-notes/cn-1/pdf"))
                .andExpect(status().isOk())
                .andExpect(content().bytes(creditNote))
                .andExpect(header().string("Content-Disposition", "inline; filename=\"CN-2026-000007.pdf\""));
    }

    @Test
    void aCreditNoteIsNotServedUnderAnotherInvoice() throws Exception {
        byte[] creditNote = "%PDF-1.7 credit note".getBytes();
        store.put(DocumentStore.creditNoteId("inv-1", "cn-1"), "CN-2026-000007",
                new RenderedDocument(creditNote, sha256(creditNote)));

        mvc.perform(get("/api/v1/invoices/inv-2/credit-notes/cn-1/pdf"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.rule").value("not-issued"));
    }

    @Test
    void aDocumentNotStoredYetIsANotIssuedProblem() throws Exception {
        mvc.perform(get("/api/v1/invoices/inv-2/pdf"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.rule").value("not-issued"))
                .andExpect(jsonPath("$.id").value("inv-2"))
                .andExpect(jsonPath("$.status").value(404));
        mvc.perform(get("/api/v1/invoices/inv-2/credit-notes/cn-9/pdf"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.rule").value("not-issued"))
                .andExpect(jsonPath("$.id").value(DocumentStore.creditNoteId("inv-2", "cn-9")));
    }

    @Test
    void bytesThatNoLongerMatchTheirHashAreNotServed() throws Exception {
        store.put("inv-1", "INV-2026-000042", new RenderedDocument("%PDF-1.7 altered".getBytes(), SHA));

        mvc.perform(get("/api/v1/invoices/inv-1/pdf"))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.rule").value("integrity"))
                .andExpect(result -> assertThat(result.getResponse().getContentAsString()).doesNotContain("altered"));
    }

    @Test
    void aClientHoldingTheCurrentCopyGetsNotModified() throws Exception {
        store.put("inv-1", "INV-2026-000042", new RenderedDocument(PDF, SHA));

        mvc.perform(get("/api/v1/invoices/inv-1/pdf").header("If-None-Match", "\"" + SHA + "\""))
                .andExpect(status().isNotModified())
                .andExpect(header().string("ETag", "\"" + SHA + "\""))
                .andExpect(content().bytes(new byte[0]));
        mvc.perform(get("/api/v1/invoices/inv-1/pdf").header("If-None-Match", "\"something-else\""))
                .andExpect(status().isOk())
                .andExpect(content().bytes(PDF));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
