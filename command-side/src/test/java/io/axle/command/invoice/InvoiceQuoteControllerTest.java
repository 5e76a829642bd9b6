package io.axle.command.invoice;

import io.axle.billing.BillingProperties;
import io.axle.command.product.CatalogueEntry;
import io.axle.command.product.ProductCatalogueStub;
import io.axle.platform.web.ProblemAdvice;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The quote of an order before it is placed, with the bundled VAT table and the demo company (France): lines priced
 * from the catalogue and taxed per rate as the invoice will tax them, and refusals naming the line.
 */
class InvoiceQuoteControllerTest {

    private final EmbeddedEventStore eventStore = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final Map<String, Long> sequences = new HashMap<>();
    private final ProductCatalogueStub catalogue = new ProductCatalogueStub()
            .with("BRK-PAD-01", "41.50", "EUR")
            .with(new CatalogueEntry("BOOK-1", "Repair manual", new BigDecimal("19.99"), "EUR", "SECOND_REDUCED", false))
            .with("OLD-1", "5.00", "EUR")
            .discontinue("OLD-1");
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
        validator.afterPropertiesSet();
        InvoiceQuotes quotes = new InvoiceQuotes(new BillingFacts(eventStore), catalogue,
                new InvoiceCalculator(VatRates.bundled()), new BillingProperties(), new InvoiceIssuingProperties(null, null, null, null));
        mvc = MockMvcBuilders.standaloneSetup(new InvoiceQuoteController(quotes)).setValidator(validator)
                .setControllerAdvice(new ProblemAdvice()).build();
        BillingFactsTest.append(eventStore, sequences, "Customer", "c-fr",
                BillingFactsTest.registered("c-fr", "FR", null, null));
        BillingFactsTest.append(eventStore, sequences, "Customer", "c-de",
                BillingFactsTest.registered("c-de", "DE", "DE123456789", null));
    }

    @AfterEach
    void tearDown() {
        eventStore.shutDown();
    }

    @Test
    void linesArePricedFromTheCatalogueAndTaxedPerRateAsTheInvoiceWillBe() throws Exception {
        quote("""
                {"customerId": "c-fr", "currency": "EUR", "lines": [
                  {"sku": "BRK-PAD-01", "quantity": 3}, {"sku": "BOOK-1", "quantity": 1}]}""")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.lines[0].description").value("Product BRK-PAD-01"))
                .andExpect(jsonPath("$.lines[0].unitPrice").value(41.50))
                .andExpect(jsonPath("$.lines[0].vatRate").value(20))
                .andExpect(jsonPath("$.lines[0].net").value(124.50))
                .andExpect(jsonPath("$.lines[1].vatCategory").value("SECOND_REDUCED"))
                .andExpect(jsonPath("$.lines[1].vatRate").value(5.5))
                .andExpect(jsonPath("$.taxes.length()").value(2))
                .andExpect(jsonPath("$.taxes[0].rate").value(20))
                .andExpect(jsonPath("$.taxes[0].amount").value(24.90))
                .andExpect(jsonPath("$.taxes[1].rate").value(5.5))
                .andExpect(jsonPath("$.taxes[1].amount").value(1.10))
                .andExpect(jsonPath("$.totalExclTax").value(144.49))
                .andExpect(jsonPath("$.totalTax").value(26.00))
                .andExpect(jsonPath("$.totalInclTax").value(170.49))
                .andExpect(jsonPath("$.reverseCharge").value(false));
    }

    @Test
    void aGivenPriceIsQuotedInsteadOfTheCataloguePrice() throws Exception {
        quote("""
                {"customerId": "c-fr", "currency": "EUR", "lines": [{"sku": "BRK-PAD-01", "quantity": 2, "unitPrice": 40}]}""")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.lines[0].net").value(80.00))
                .andExpect(jsonPath("$.totalInclTax").value(96.00));
    }

    @Test
    void aBusinessInAnotherMemberStateIsReverseChargedWithoutTax() throws Exception {
        quote("""
                {"customerId": "c-de", "currency": "EUR", "lines": [{"sku": "BRK-PAD-01", "quantity": 1}]}""")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.reverseCharge").value(true))
                .andExpect(jsonPath("$.mentions[0]").value("REVERSE_CHARGE"))
                .andExpect(jsonPath("$.totalTax").value(0.0))
                .andExpect(jsonPath("$.totalInclTax").value(41.50));
    }

    @Test
    void anUnknownOrDiscontinuedProductIsRefusedNamingItsLine() throws Exception {
        quote("""
                {"customerId": "c-fr", "currency": "EUR", "lines": [
                  {"sku": "BRK-PAD-01", "quantity": 1}, {"sku": "NOPE-1", "quantity": 1}]}""")
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.field").value("lines[1].sku"))
                .andExpect(jsonPath("$.rule").value("unknown-product"));
        quote("""
                {"customerId": "c-fr", "currency": "EUR", "lines": [{"sku": "OLD-1", "quantity": 1}]}""")
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.field").value("lines[0].sku"))
                .andExpect(jsonPath("$.rule").value("product-discontinued"));
    }

    @Test
    void anUnknownCustomerAndAMissingQuantityAreRefusedNamingTheField() throws Exception {
        quote("""
                {"customerId": "c-404", "currency": "EUR", "lines": [{"sku": "BRK-PAD-01", "quantity": 1}]}""")
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.field").value("customerId"))
                .andExpect(jsonPath("$.rule").value("must-exist"));
        quote("""
                {"customerId": "c-fr", "currency": "EUR", "lines": [{"sku": "BRK-PAD-01"}]}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("lines[0].quantity"));
    }

    private ResultActions quote(String body) throws Exception {
        return mvc.perform(post("/api/v1/billing/quote").contentType(MediaType.APPLICATION_JSON).content(body));
    }
}
