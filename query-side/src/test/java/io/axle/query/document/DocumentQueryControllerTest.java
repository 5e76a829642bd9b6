package io.axle.query.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.axle.api.common.ListCriteria;
import io.axle.api.common.PageResult;
import io.axle.api.document.DocumentAlert;
import io.axle.api.document.DocumentFailure;
import io.axle.api.document.DocumentField;
import io.axle.api.document.DocumentPageText;
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
import io.axle.platform.web.ProblemAdvice;
import io.axle.query.UpdateStreams;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.common.Registration;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.DefaultSubscriptionQueryResult;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.StringHttpMessageConverter;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The read edge alone: the query each request sends, the JSON shapes, 404 for an unknown document, 400 for malformed
 * filters, and the live stream.
 */
class DocumentQueryControllerTest {

    private static final Instant AT = Instant.parse("2026-03-01T09:00:00Z");

    private final QueryGateway gateway = mock(QueryGateway.class);
    private UpdateStreams streams;
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
        validator.afterPropertiesSet();
        streams = new UpdateStreams(gateway, Duration.ofMillis(100));
        ObjectMapper json = Jackson2ObjectMapperBuilder.json()
                .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
        mvc = MockMvcBuilders.standaloneSetup(new DocumentQueryController(gateway, streams)).setValidator(validator)
                .setControllerAdvice(new ProblemAdvice())
                .setMessageConverters(new StringHttpMessageConverter(StandardCharsets.UTF_8),
                        new MappingJackson2HttpMessageConverter(json))
                .build();
    }

    @AfterEach
    void tearDown() {
        streams.destroy();
    }

    static DocumentView document(String id, String status) {
        return new DocumentView(id, "March", "march.pdf", "application/pdf", 3, "a".repeat(64), status, null, "fr",
                0.97, 2, 2, 1, "invoice", 0.82, "RULES",
                List.of(new DocumentField("totalInclTax", "120.00", 0.4, 2, true, "amount read by OCR")),
                List.of("dueDate"), List.of("totalInclTax below 0.8"),
                status.equals("FAILED") ? new DocumentFailure("text", 2, "damaged", AT) : null,
                List.of(new DocumentAlert("big-invoice", "warning", "above 100", AT)), List.of("x"), "alice", AT,
                List.of());
    }

    @Test
    void aDocumentIsAnsweredInTheContractsShape() throws Exception {
        when(gateway.query(eq(new FindDocumentQuery("d-1")), eq(DocumentView.class)))
                .thenReturn(CompletableFuture.completedFuture(document("d-1", "FAILED")));

        mvc.perform(get("/api/v1/documents/d-1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.documentId").value("d-1"))
                .andExpect(jsonPath("$.status").value("FAILED"))
                .andExpect(jsonPath("$.language").value("fr"))
                .andExpect(jsonPath("$.languageConfidence").value(0.97))
                .andExpect(jsonPath("$.pages").value(2))
                .andExpect(jsonPath("$.pagesRead").value(2))
                .andExpect(jsonPath("$.run").value(1))
                .andExpect(jsonPath("$.type").value("invoice"))
                .andExpect(jsonPath("$.typeConfidence").value(0.82))
                .andExpect(jsonPath("$.typeSource").value("RULES"))
                .andExpect(jsonPath("$.fields[0].name").value("totalInclTax"))
                .andExpect(jsonPath("$.fields[0].needsValidation").value(true))
                .andExpect(jsonPath("$.fields[0].note").value("amount read by OCR"))
                .andExpect(jsonPath("$.missingFields[0]").value("dueDate"))
                .andExpect(jsonPath("$.validationReasons[0]").value("totalInclTax below 0.8"))
                .andExpect(jsonPath("$.failure.step").value("text"))
                .andExpect(jsonPath("$.failure.at").value("2026-03-01T09:00:00Z"))
                .andExpect(jsonPath("$.alerts[0].rule").value("big-invoice"))
                .andExpect(jsonPath("$.history").isArray());
    }

    @Test
    void anUnknownDocumentIs404() throws Exception {
        when(gateway.query(eq(new FindDocumentQuery("nope")), eq(DocumentView.class)))
                .thenReturn(CompletableFuture.completedFuture(null));
        when(gateway.query(eq(new FindDocumentTextQuery("nope")), eq(DocumentText.class)))
                .thenReturn(CompletableFuture.completedFuture(null));

        mvc.perform(get("/api/v1/documents/nope")).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/documents/nope/text")).andExpect(status().isNotFound());
    }

    @Test
    void theTextIsPerPageAndEmptyBeforeTheFirstPageIsRead() throws Exception {
        when(gateway.query(eq(new FindDocumentTextQuery("d-1")), eq(DocumentText.class)))
                .thenReturn(CompletableFuture.completedFuture(new DocumentText("d-1", 2,
                        List.of(new DocumentPageText(1, "Facture", "ocr", 0.9, 90, 0.5)))));
        when(gateway.query(eq(new FindDocumentTextQuery("d-2")), eq(DocumentText.class)))
                .thenReturn(CompletableFuture.completedFuture(null));
        when(gateway.query(eq(new FindDocumentQuery("d-2")), eq(DocumentView.class)))
                .thenReturn(CompletableFuture.completedFuture(document("d-2", "UPLOADED")));

        mvc.perform(get("/api/v1/documents/d-1/text"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.run").value(2))
                .andExpect(jsonPath("$.pages[0].page").value(1))
                .andExpect(jsonPath("$.pages[0].text").value("Facture"))
                .andExpect(jsonPath("$.pages[0].method").value("ocr"))
                .andExpect(jsonPath("$.pages[0].rotation").value(90))
                .andExpect(jsonPath("$.pages[0].deskew").value(0.5));
        mvc.perform(get("/api/v1/documents/d-2/text"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.documentId").value("d-2"))
                .andExpect(jsonPath("$.pages").isEmpty());
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void theListAsksForItsFiltersInTheirStoredSpelling() throws Exception {
        answerPagesWith(new PageResult<>(List.of(), 2, 5, 0));

        mvc.perform(get("/api/v1/documents").param("status", "uploaded").param("tag", " Suppliers ")
                        .param("type", "Invoice").param("q", "march").param("from", "2026-03-01")
                        .param("page", "2").param("size", "5"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.page").value(2));

        verify(gateway).query(eq(new ListDocumentsQuery("UPLOADED", "invoice", "suppliers",
                new ListCriteria("march", AT.minusSeconds(9 * 3600), null, null, false), 2, 5)),
                any(ResponseType.class));
    }

    @Test
    void malformedFiltersAre400NamingThem() throws Exception {
        mvc.perform(get("/api/v1/documents").param("status", "up-loaded"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("status"));
        mvc.perform(get("/api/v1/documents").param("type", "in voice"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("type"));
        mvc.perform(get("/api/v1/documents").param("sort", "size,asc"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("sort"));

        verifyNoInteractions(gateway);
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void theValidationQueueAndTheAlertsArePaged() throws Exception {
        answerPagesWith(new PageResult<>(List.of(document("d-1", "NEEDS_VALIDATION")), 1, 10, 11));

        mvc.perform(get("/api/v1/documents/validation-queue").param("page", "1").param("size", "10"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[0].status").value("NEEDS_VALIDATION"))
                .andExpect(jsonPath("$.totalElements").value(11));
        mvc.perform(get("/api/v1/documents/alerts").param("size", "3"))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/documents/alerts").param("size", "201"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("size"));

        verify(gateway).query(eq(new ValidationQueueQuery(1, 10)), any(ResponseType.class));
        verify(gateway).query(eq(new ListDocumentAlertsQuery(0, 3)), any(ResponseType.class));
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void aSearchAsksForItsWordsTypeAndDates() throws Exception {
        answerPagesWith(new PageResult<>(List.of(new DocumentSearchHit("d-1", "March", "invoice", "READY", AT, 2.5,
                List.of("the <mark>invoice</mark> &lt;b&gt;"))), 0, 20, 1));

        mvc.perform(get("/api/v1/documents/search").param("q", " invoices ").param("type", "invoice")
                        .param("from", "2026-03-01").param("to", "2026-03-31"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[0].score").value(2.5))
                .andExpect(jsonPath("$.content[0].snippets[0]").value("the <mark>invoice</mark> &lt;b&gt;"));

        verify(gateway).query(eq(new SearchDocumentsQuery("invoices", "invoice", AT.minusSeconds(9 * 3600),
                Instant.parse("2026-04-01T00:00:00Z"), 0, 20)), any(ResponseType.class));
    }

    @Test
    void aSearchWithoutWordsOrWithBadDatesIs400NamingTheField() throws Exception {
        mvc.perform(get("/api/v1/documents/search"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("q"));
        mvc.perform(get("/api/v1/documents/search").param("q", "  "))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("q"));
        mvc.perform(get("/api/v1/documents/search").param("q", "invoice").param("from", "March"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("from"));
        mvc.perform(get("/api/v1/documents/search").param("q", "invoice").param("size", "0"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("size"));

        verifyNoInteractions(gateway);
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void theUpdatesStreamEveryChangeOfADocument() throws Exception {
        AtomicBoolean cancelled = new AtomicBoolean();
        Registration registration = () -> {
            cancelled.set(true);
            return true;
        };
        when(gateway.subscriptionQuery(eq(new WatchDocumentsQuery()), any(ResponseType.class),
                any(ResponseType.class))).thenReturn(new DefaultSubscriptionQueryResult(Mono.just(List.of()),
                Flux.just(new DocumentUpdate("d-1", "READING", 1, 3, null),
                        new DocumentUpdate("d-1", "READY", 3, 3, "invoice")), registration));

        MvcResult result = mvc.perform(get("/api/v1/documents/updates")).andExpect(request().asyncStarted())
                .andReturn();

        await().atMost(Duration.ofSeconds(5)).untilTrue(cancelled);
        assertThat(result.getResponse().getContentAsString()).containsSubsequence(
                "event:document\ndata:{\"documentId\":\"d-1\",\"status\":\"READING\",\"pagesRead\":1,\"pages\":3",
                "event:document\ndata:{\"documentId\":\"d-1\",\"status\":\"READY\",\"pagesRead\":3,\"pages\":3,"
                        + "\"type\":\"invoice\"}");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void answerPagesWith(PageResult<?> page) {
        when(gateway.query(any(), any(ResponseType.class)))
                .thenReturn((CompletableFuture) CompletableFuture.completedFuture(page));
    }
}
