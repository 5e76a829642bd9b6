package io.axle.command.invoice;

import io.axle.api.common.Refusal;
import io.axle.api.invoice.CreditedLine;
import io.axle.api.invoice.Invoices;
import io.axle.api.invoice.PaymentMethod;
import io.axle.api.invoice.RecordPaymentCommand;
import io.axle.api.invoice.RequestCreditNoteCommand;
import io.axle.api.invoice.RequestInvoiceCommand;
import io.axle.api.order.OrderPlacedEvent;
import io.axle.billing.BillingProperties;
import io.axle.command.CommandRefusalInterceptor;
import io.axle.api.order.OrderConfirmedEvent;
import io.axle.api.order.OrderStockReservedEvent;
import io.axle.platform.web.ProblemAdvice;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The web adapter with the platform's problem responses (no security, see {@link InvoiceCommandControllerSecurityTest}):
 * request shape, validation, what is refused at once, and the command it sends. Orders are read from an in-memory
 * event store, as in production from the real one.
 */
class InvoiceCommandControllerTest {

    private static final Principal OPERATOR = () -> "olivia";

    private final CommandGateway gateway = mock(CommandGateway.class);
    private final EmbeddedEventStore eventStore = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final Map<String, Long> sequences = new HashMap<>();
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
        validator.afterPropertiesSet();
        InvoiceCommandController controller = new InvoiceCommandController(gateway, new BillingFacts(eventStore),
                new InvoiceIssuerFakes.Templates(), new BillingProperties());
        mvc = MockMvcBuilders.standaloneSetup(controller).setValidator(validator)
                .setControllerAdvice(new ProblemAdvice()).build();
        append("Customer", "c-1", BillingFactsTest.registered("c-1", "FR", null, null));
        append("Order", "o-1", new OrderPlacedEvent("o-1", "c-1", "EUR", InvoiceIssuerTest.LINES,
                InvoiceIssuerTest.LYON, BigDecimal.TEN));
    }

    @AfterEach
    void tearDown() {
        eventStore.shutDown();
    }

    @Test
    void generatingAConfirmedOrdersInvoiceAnswers202WithTheInvoiceOfTheOrder() throws Exception {
        confirm("o-1");
        String invoiceId = Invoices.idForOrder("o-1");

        generate("""
                {"orderId": "o-1", "templateId": "classic-en", "customFields": {"po": "PO-77"},
                 "globalDiscountPercent": 5}""")
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/api/v1/invoices/" + invoiceId))
                .andExpect(jsonPath("$.invoiceId").value(invoiceId));

        verify(gateway).sendAndWait(new RequestInvoiceCommand(invoiceId, "o-1", "c-1", "classic-en",
                Map.of("po", "PO-77"), new BigDecimal("5"), "olivia"));
    }

    @Test
    void generatingWithoutOptionsLeavesThemToTheIssuingProcess() throws Exception {
        confirm("o-1");

        generate("{\"orderId\": \"o-1\"}").andExpect(status().isAccepted());

        verify(gateway).sendAndWait(new RequestInvoiceCommand(Invoices.idForOrder("o-1"), "o-1", "c-1", null,
                Map.of(), null, "olivia"));
    }

    @Test
    void anUnknownOrderIsA404NamingTheField() throws Exception {
        generate("{\"orderId\": \"o-404\"}")
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.field").value("orderId"))
                .andExpect(jsonPath("$.rule").value("must-exist"));
        verify(gateway, never()).sendAndWait(any());
    }

    @Test
    void anOrderNotYetConfirmedIsA409() throws Exception {
        generate("{\"orderId\": \"o-1\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.field").value("orderId"))
                .andExpect(jsonPath("$.rule").value("order-not-confirmed"))
                .andExpect(jsonPath("$.detail").value(containsString("PLACED")));
        verify(gateway, never()).sendAndWait(any());
    }

    @Test
    void anUnknownTemplateIsA422ListingTheInstalledOnes() throws Exception {
        confirm("o-1");

        generate("{\"orderId\": \"o-1\", \"templateId\": \"fancy\"}")
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.field").value("templateId"))
                .andExpect(jsonPath("$.rule").value("known-template"))
                .andExpect(jsonPath("$.detail").value(containsString("business-en, classic-en, classic-fr")));
        verify(gateway, never()).sendAndWait(any());
    }

    @Test
    void anOrderAlreadyInvoicedIsThe409OfTheAggregate() throws Exception {
        confirm("o-1");
        String invoiceId = Invoices.idForOrder("o-1");
        when(gateway.sendAndWait(any(RequestInvoiceCommand.class))).thenThrow(CommandRefusalInterceptor.refused(
                new Refusal(409, "invoiceId", "already-invoiced", "order o-1 is already invoiced by " + invoiceId),
                null));

        generate("{\"orderId\": \"o-1\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.rule").value("already-invoiced"))
                .andExpect(jsonPath("$.detail").value(containsString(invoiceId)));
    }

    @ParameterizedTest(name = "{0} → 400 on {1}")
    @CsvSource(delimiter = '|', value = {
            "{}                                                   | orderId",
            "{\"orderId\": \"\"}                                  | orderId",
            "{\"orderId\": \"o-1\", \"globalDiscountPercent\": 150} | globalDiscountPercent",
            "{\"orderId\": \"o-1\", \"globalDiscountPercent\": -1}  | globalDiscountPercent",
            "{\"orderId\": \"o-1\", \"templateId\": \"\"}         | templateId",
    })
    void badFieldsAreA400NamingThem(String body, String field) throws Exception {
        confirm("o-1");

        generate(body).andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value(field));
        verify(gateway, never()).sendAndWait(any());
    }

    @Test
    void aPaymentGetsAnIdWhenItHasNone() throws Exception {
        String body = post("/api/v1/invoices/i-1/payments", "{\"amount\": 50.00}")
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.invoiceId").value("i-1"))
                .andExpect(jsonPath("$.paymentId").value(matchesPattern("[0-9a-f-]{36}")))
                .andReturn().getResponse().getContentAsString();

        ArgumentCaptor<RecordPaymentCommand> sent = ArgumentCaptor.forClass(RecordPaymentCommand.class);
        verify(gateway).sendAndWait(sent.capture());
        assertThat(body).contains(sent.getValue().paymentId());
        assertThat(sent.getValue().amount()).isEqualTo("50.00");
        assertThat(sent.getValue().recordedBy()).isEqualTo("olivia");
    }

    @Test
    void aPaymentKeepsTheIdItWasGiven() throws Exception {
        post("/api/v1/invoices/i-1/payments", "{\"amount\": 50.00, \"paymentId\": \"bank-2026-0042\"}")
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.paymentId").value("bank-2026-0042"));

        verify(gateway).sendAndWait(new RecordPaymentCommand("i-1", "bank-2026-0042", new BigDecimal("50.00"),
                "olivia"));
    }

    @Test
    void aPaymentSendsItsDateMethodAndReference() throws Exception {
        post("/api/v1/invoices/i-1/payments", """
                {"amount": 50.00, "paymentId": "p-9", "paidOn": "2026-03-05", "method": "BANK_TRANSFER",
                 "reference": "VIR 2026/0042"}""")
                .andExpect(status().isAccepted());

        verify(gateway).sendAndWait(new RecordPaymentCommand("i-1", "p-9", new BigDecimal("50.00"),
                LocalDate.parse("2026-03-05"), PaymentMethod.BANK_TRANSFER, "VIR 2026/0042", "olivia"));
    }

    @ParameterizedTest(name = "{0} → 400 on {1}")
    @CsvSource(delimiter = '|', value = {
            "{}                                          | amount",
            "{\"amount\": 0}                             | amount",
            "{\"amount\": -5}                            | amount",
            "{\"amount\": 5, \"paymentId\": \"../etc\"}  | paymentId",
            "{\"amount\": 5, \"paymentId\": \"\"}        | paymentId",
            "{\"amount\": 5, \"paidOn\": \"05/03/2026\"}  | paidOn",
            "{\"amount\": 5, \"method\": \"BITCOIN\"}     | method",
    })
    void aBadPaymentIsA400(String body, String field) throws Exception {
        post("/api/v1/invoices/i-1/payments", body)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value(field));
        verify(gateway, never()).sendAndWait(any());
    }

    @Test
    void aTooLongPaymentReferenceIsA400() throws Exception {
        post("/api/v1/invoices/i-1/payments", "{\"amount\": 5, \"reference\": \"" + "r".repeat(141) + "\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("reference"));
        verify(gateway, never()).sendAndWait(any());
    }

    @Test
    void aPaymentForAnUnknownInvoiceIsA404() throws Exception {
        when(gateway.sendAndWait(any(RecordPaymentCommand.class))).thenThrow(CommandRefusalInterceptor.refused(
                new Refusal(404, "invoiceId", "must-exist", "invoiceId 'i-404' does not exist"), null));

        post("/api/v1/invoices/i-404/payments", "{\"amount\": 5}")
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.field").value("invoiceId"));
    }

    @Test
    void aCreditNoteSendsItsLinesAndReason() throws Exception {
        post("/api/v1/invoices/i-1/credit-notes", """
                {"reason": " damaged in transit ", "creditNoteId": "cn-7",
                 "lines": [{"position": 1, "quantity": 1}, {"position": 2, "quantity": 2}]}""")
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/api/v1/invoices/i-1"))
                .andExpect(jsonPath("$.invoiceId").value("i-1"))
                .andExpect(jsonPath("$.creditNoteId").value("cn-7"));

        verify(gateway).sendAndWait(new RequestCreditNoteCommand("i-1", "cn-7", "damaged in transit",
                List.of(new CreditedLine(1, new BigDecimal("1")), new CreditedLine(2, new BigDecimal("2"))),
                "olivia"));
    }

    @Test
    void aCreditNoteWithoutLinesCreditsEverythingLeft() throws Exception {
        post("/api/v1/invoices/i-1/credit-notes", "{\"reason\": \"cancelled\"}")
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.creditNoteId").value(matchesPattern("[0-9a-f-]{36}")));

        ArgumentCaptor<RequestCreditNoteCommand> sent = ArgumentCaptor.forClass(RequestCreditNoteCommand.class);
        verify(gateway).sendAndWait(sent.capture());
        assertThat(sent.getValue().lines()).isEmpty();
        assertThat(sent.getValue().reason()).isEqualTo("cancelled");
    }

    @ParameterizedTest(name = "{0} → 400 on {1}")
    @CsvSource(delimiter = '|', value = {
            "{}                                                                 | reason",
            "{\"reason\": \" \"}                                                | reason",
            "{\"reason\": \"x\", \"lines\": [{\"position\": 0, \"quantity\": 1}]} | lines[0].position",
            "{\"reason\": \"x\", \"lines\": [{\"position\": 1, \"quantity\": 0}]} | lines[0].quantity",
            "{\"reason\": \"x\", \"lines\": [{\"position\": 1}]}                | lines[0].quantity",
            "{\"reason\": \"x\", \"creditNoteId\": \"a/b\"}                     | creditNoteId",
    })
    void aBadCreditNoteIsA400(String body, String field) throws Exception {
        post("/api/v1/invoices/i-1/credit-notes", body)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value(field));
        verify(gateway, never()).sendAndWait(any());
    }

    @ParameterizedTest(name = "{0} {1} → 400 {3} on {2}")
    @CsvSource(delimiter = '|', value = {
            "payments     | {\"amount\": 1234567890123.5}                                   | amount | amount-digits",
            "payments     | {\"amount\": 1.12345}                                           | amount | amount-digits",
            "payments     | {\"amount\": 1e1000000}                                         | amount | amount-digits",
            "credit-notes | {\"reason\": \"x\", \"lines\": [{\"position\": 1, \"quantity\": 1.5}]}     | lines[0].quantity | whole-number",
            "credit-notes | {\"reason\": \"x\", \"lines\": [{\"position\": 1, \"quantity\": 1000001}]} | lines[0].quantity | max-quantity",
    })
    void numbersBeyondTheBoundsAreA400NamingFieldAndRule(String resource, String body, String field, String rule)
            throws Exception {
        post("/api/v1/invoices/i-1/" + resource, body)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value(field))
                .andExpect(jsonPath("$.rule").value(rule));
        verify(gateway, never()).sendAndWait(any());
    }

    @Test
    void aGlobalDiscountWithMoreThanFourDecimalsIsA400() throws Exception {
        confirm("o-1");

        generate("{\"orderId\": \"o-1\", \"globalDiscountPercent\": 12.34567}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("globalDiscountPercent"))
                .andExpect(jsonPath("$.rule").value("percent-digits"));
        verify(gateway, never()).sendAndWait(any());
    }

    private ResultActions generate(String body) throws Exception {
        return post("/api/v1/billing/generate-invoice", body);
    }

    private ResultActions post(String path, String body) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
                .principal(OPERATOR).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private void confirm(String orderId) {
        append("Order", orderId, new OrderStockReservedEvent(orderId));
        append("Order", orderId, new OrderConfirmedEvent(orderId, "c-1", BigDecimal.TEN, "EUR"));
    }

    private void append(String type, String id, Object payload) {
        BillingFactsTest.append(eventStore, sequences, type, id, payload);
    }
}
