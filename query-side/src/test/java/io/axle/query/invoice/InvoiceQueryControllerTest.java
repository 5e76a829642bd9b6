package io.axle.query.invoice;

import static io.axle.query.invoice.InvoiceEvents.REQUESTED_AT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.axle.api.common.PageResult;
import io.axle.api.invoice.FindInvoiceQuery;
import io.axle.api.invoice.InvoiceStatus;
import io.axle.api.invoice.InvoiceTotals;
import io.axle.api.invoice.InvoiceTotalsQuery;
import io.axle.api.invoice.InvoiceView;
import io.axle.api.invoice.OutstandingTotal;
import io.axle.api.invoice.ListInvoicesQuery;
import io.axle.api.invoice.WatchInvoicesQuery;
import io.axle.platform.web.ProblemAdvice;
import io.axle.query.InMemoryMongo;
import io.axle.query.UpdateStreams;
import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.common.Registration;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.DefaultSubscriptionQueryResult;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.MediaType;
import org.springframework.http.converter.StringHttpMessageConverter;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import io.axle.query.CsvExports;

/** The invoice read API's HTTP contract, on a standalone MockMvc with the query gateway mocked. */
class InvoiceQueryControllerTest {

    /** 2026-04-10 in UTC, still 2026-04-09 in New York. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-04-10T02:00:00Z"), ZoneId.of("America/New_York"));

    private final QueryGateway queryGateway = mock(QueryGateway.class);
    private UpdateStreams streams;
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        streams = new UpdateStreams(queryGateway, Duration.ofMillis(100));
        // dates as ISO text, as the application's Jackson configuration writes them
        ObjectMapper json = Jackson2ObjectMapperBuilder.json()
                .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
        mvc = MockMvcBuilders.standaloneSetup(new InvoiceQueryController(queryGateway, streams,
                new CsvExports(queryGateway, CsvExports.DEFAULT_MAX_ROWS), CLOCK))
                .setControllerAdvice(new ProblemAdvice())
                .setMessageConverters(new StringHttpMessageConverter(StandardCharsets.UTF_8),
                        new MappingJackson2HttpMessageConverter(json))
                .build();
    }

    @AfterEach
    void tearDown() {
        streams.destroy();
    }

    @Test
    void anInvoiceHasTheFieldsTheIssueAsksFor() throws Exception {
        InvoiceView issued = issuedView();
        when(queryGateway.query(eq(new FindInvoiceQuery("inv-1")), eq(InvoiceView.class)))
                .thenReturn(CompletableFuture.completedFuture(issued));

        mvc.perform(get("/api/v1/invoices/inv-1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.invoiceId").value("inv-1"))
                .andExpect(jsonPath("$.number").value("INV-2026-000042"))
                .andExpect(jsonPath("$.orderId").value("o-1"))
                .andExpect(jsonPath("$.customerId").value("c-1"))
                .andExpect(jsonPath("$.customerName").value("Atelier Martin"))
                .andExpect(jsonPath("$.status").value("ISSUED"))
                .andExpect(jsonPath("$.currency").value("USD"))
                .andExpect(jsonPath("$.exchangeRate").value(0.92))
                .andExpect(jsonPath("$.issuedAt").value("2026-03-02T09:00:05Z"))
                .andExpect(jsonPath("$.dueDate").value("2026-04-01"))
                .andExpect(jsonPath("$.lines[0].position").value(1))
                .andExpect(jsonPath("$.lines[0].sku").value("SKU-1"))
                .andExpect(jsonPath("$.lines[1].vatRate").value(5.5))
                .andExpect(jsonPath("$.totalExclTax").value(1010.00))
                .andExpect(jsonPath("$.totalTax").value(200.55))
                .andExpect(jsonPath("$.totalInclTax").value(1210.55))
                .andExpect(jsonPath("$.taxes[0].rate").value(20))
                .andExpect(jsonPath("$.taxes[0].base").value(1000.00))
                .andExpect(jsonPath("$.taxes[0].amount").value(200.00))
                .andExpect(jsonPath("$.taxes[1].rate").value(5.5))
                .andExpect(jsonPath("$.pdfSha256").value(InvoiceEvents.SHA))
                .andExpect(jsonPath("$.balance").value(1210.55));
    }

    @Test
    void anUnknownInvoiceIsNotFound() throws Exception {
        when(queryGateway.query(eq(new FindInvoiceQuery("inv-x")), eq(InvoiceView.class)))
                .thenReturn(CompletableFuture.completedFuture(null));

        mvc.perform(get("/api/v1/invoices/inv-x"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.resource").value("invoice"))
                .andExpect(jsonPath("$.id").value("inv-x"));
    }

    @Test
    void listAsksForTheFirstPageOfTwentyByDefault() throws Exception {
        ArgumentCaptor<ListInvoicesQuery> asked = answerListWith(new PageResult<>(List.of(issuedView()), 0, 20, 1));

        mvc.perform(get("/api/v1/invoices"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[0].invoiceId").value("inv-1"))
                .andExpect(jsonPath("$.content[0].totalInclTax").value(1210.55))
                .andExpect(jsonPath("$.totalElements").value(1))
                .andExpect(jsonPath("$.size").value(20));

        assertThat(asked.getValue()).isEqualTo(new ListInvoicesQuery(null, null, null, 0, 20));
    }

    @Test
    void listPassesFiltersAndPaging() throws Exception {
        ArgumentCaptor<ListInvoicesQuery> asked = answerListWith(new PageResult<>(List.of(), 3, 100, 0));

        mvc.perform(get("/api/v1/invoices?orderId=o-7&customerId=c-7&status=PARTIALLY_PAID&page=3&size=100"))
                .andExpect(status().isOk());

        assertThat(asked.getValue())
                .isEqualTo(new ListInvoicesQuery("o-7", "c-7", InvoiceStatus.PARTIALLY_PAID, 3, 100));
    }

    @Test
    void emptyFiltersMatchEverything() throws Exception {
        ArgumentCaptor<ListInvoicesQuery> asked = answerListWith(new PageResult<>(List.of(), 0, 20, 0));

        mvc.perform(get("/api/v1/invoices?orderId=&customerId=&status="))
                .andExpect(status().isOk());

        assertThat(asked.getValue()).isEqualTo(new ListInvoicesQuery(null, null, null, 0, 20));
    }

    @Test
    void overdueAsksForTheInvoicesOverdueTodayInUtc() throws Exception {
        ArgumentCaptor<ListInvoicesQuery> asked = answerListWith(new PageResult<>(List.of(), 0, 20, 0));

        mvc.perform(get("/api/v1/invoices?overdue=true&customerId=c-7")).andExpect(status().isOk());

        assertThat(asked.getValue()).isEqualTo(new ListInvoicesQuery(null, "c-7", null,
                LocalDate.parse("2026-04-10"), 0, 20));
    }

    @Test
    void overdueFalseFiltersNothing() throws Exception {
        ArgumentCaptor<ListInvoicesQuery> asked = answerListWith(new PageResult<>(List.of(), 0, 20, 0));

        mvc.perform(get("/api/v1/invoices?overdue=false")).andExpect(status().isOk());

        assertThat(asked.getValue()).isEqualTo(new ListInvoicesQuery(null, null, null, 0, 20));
    }

    @Test
    void overdueIsTrueOrFalse() throws Exception {
        mvc.perform(get("/api/v1/invoices?overdue=soon"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("overdue"));
        verifyNoInteractions(queryGateway);
    }

    @Test
    void totalsAskWithTheListsFilters() throws Exception {
        InvoiceTotals owed = new InvoiceTotals(List.of(new OutstandingTotal("EUR", new BigDecimal("120.50"), 2),
                new OutstandingTotal("USD", new BigDecimal("10.00"), 1)));
        when(queryGateway.query(new InvoiceTotalsQuery("o-7", "c-7", InvoiceStatus.OVERDUE,
                LocalDate.parse("2026-04-10")), InvoiceTotals.class)).thenReturn(CompletableFuture.completedFuture(owed));

        mvc.perform(get("/api/v1/invoices/totals?orderId=o-7&customerId=c-7&status=OVERDUE&overdue=true"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totals.length()").value(2))
                .andExpect(jsonPath("$.totals[0].currency").value("EUR"))
                .andExpect(jsonPath("$.totals[0].outstanding").value(120.50))
                .andExpect(jsonPath("$.totals[0].count").value(2))
                .andExpect(jsonPath("$.totals[1].currency").value("USD"));
    }

    @Test
    void anUnknownStatusIsABadRequestNamingStatusAndTheStatusesThereAre() throws Exception {
        mvc.perform(get("/api/v1/invoices?status=LOST"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("status"))
                .andExpect(jsonPath("$.rule").value("one-of"))
                .andExpect(jsonPath("$.detail").value(containsString(
                        "REQUESTED, REJECTED, ISSUED, PARTIALLY_PAID, PAID, OVERDUE, CREDITED")))
                .andExpect(jsonPath("$.detail").value(containsString("'LOST'")))
                .andExpect(jsonPath("$.allowed.length()").value(InvoiceStatus.values().length))
                .andExpect(jsonPath("$.allowed[0]").value("REQUESTED"));
        verifyNoInteractions(queryGateway);
    }

    @Test
    void aPageLargerThanAHundredIsABadRequestNamingSize() throws Exception {
        mvc.perform(get("/api/v1/invoices?size=101"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("size"))
                .andExpect(jsonPath("$.rule").value("max"));
        verifyNoInteractions(queryGateway);
    }

    @Test
    void aNegativePageIsABadRequestNamingPage() throws Exception {
        mvc.perform(get("/api/v1/invoices?page=-1"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("page"));
        verifyNoInteractions(queryGateway);
    }

    @Test
    void theWatchSendsTheNewestInvoicesOldestFirstThenEveryChange() throws Exception {
        AtomicBoolean cancelled = new AtomicBoolean();
        answerSubscriptionWith(new WatchInvoicesQuery(null),
                Mono.just(List.of(requestedView("inv-2"), requestedView("inv-1"))),
                Flux.just(issuedView()), cancelled);

        MvcResult result = mvc.perform(get("/api/v1/invoices/updates")).andExpect(request().asyncStarted())
                .andReturn();

        await().atMost(Duration.ofSeconds(5)).untilTrue(cancelled);
        assertThat(result.getResponse().getContentAsString()).containsSubsequence(
                "event:invoice\ndata:{\"invoiceId\":\"inv-1\"", "\"status\":\"REQUESTED\"",
                "event:invoice\ndata:{\"invoiceId\":\"inv-2\"", "\"status\":\"REQUESTED\"",
                "event:invoice\ndata:{\"invoiceId\":\"inv-1\"", "\"status\":\"ISSUED\"",
                "\"issuedAt\":\"2026-03-02T09:00:05Z\"");
    }

    @Test
    void theWatchOfOneInvoiceAsksForThatInvoice() throws Exception {
        AtomicBoolean cancelled = new AtomicBoolean();
        answerSubscriptionWith(new WatchInvoicesQuery("inv-1"), Mono.just(List.of(requestedView("inv-1"))),
                Flux.just(issuedView()), cancelled);

        MvcResult result = mvc.perform(get("/api/v1/invoices/updates?invoiceId=inv-1"))
                .andExpect(request().asyncStarted()).andReturn();

        await().atMost(Duration.ofSeconds(5)).untilTrue(cancelled);
        assertThat(result.getResponse().getContentAsString()).containsSubsequence("\"status\":\"REQUESTED\"",
                "\"status\":\"ISSUED\"");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private ArgumentCaptor<ListInvoicesQuery> answerListWith(PageResult<InvoiceView> page) {
        ArgumentCaptor<ListInvoicesQuery> asked = ArgumentCaptor.forClass(ListInvoicesQuery.class);
        when(queryGateway.query(asked.capture(), any(ResponseType.class)))
                .thenReturn((CompletableFuture) CompletableFuture.completedFuture(page));
        return asked;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void answerSubscriptionWith(Object query, Mono<?> initial, Flux<?> updates, AtomicBoolean cancelled) {
        Registration registration = () -> {
            cancelled.set(true);
            return true;
        };
        when(queryGateway.subscriptionQuery(eq(query), any(ResponseType.class), any(ResponseType.class)))
                .thenReturn(new DefaultSubscriptionQueryResult(initial, updates, registration));
    }

    /** The view the projection makes of the issued example invoice, so that the JSON is the real one. */
    static InvoiceView issuedView() {
        try (InMemoryMongo mongo = InMemoryMongo.start()) {
            InvoiceProjection projection = new InvoiceProjection(mongo.template(),
                    SimpleQueryUpdateEmitter.builder().build());
            projection.on(InvoiceEvents.requested("inv-1", "o-1", "c-1", REQUESTED_AT), 0, REQUESTED_AT);
            projection.on(InvoiceEvents.issued("inv-1", "o-1", "c-1", "INV-2026-000042"), 1, InvoiceEvents.ISSUED_AT);
            return projection.handle(new FindInvoiceQuery("inv-1"));
        }
    }

    private static InvoiceView requestedView(String invoiceId) {
        return new InvoiceView(invoiceId, null, "o-1", null, "c-1", null, InvoiceStatus.REQUESTED, null, null, null,
                REQUESTED_AT, null, null, null, null, List.of(), null, null, null, List.of(), false, List.of(), null,
                null, null, null, List.of(), List.of(), List.of(), List.of(), null, REQUESTED_AT);
    }
}
