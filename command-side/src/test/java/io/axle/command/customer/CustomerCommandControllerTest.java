package io.axle.command.customer;

import io.axle.api.customer.BillingAddress;
import io.axle.api.customer.ChangeCustomerDetailsCommand;
import io.axle.api.customer.RegisterCustomerCommand;
import io.axle.command.WebAdapters;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import io.axle.billing.BillingProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The web adapter alone (no security): request shape, validation and its problems, and the command it sends. */
class CustomerCommandControllerTest {

    private static final String VALID = """
            {"name": "Garage Dupont", "email": "compta@dupont.fr", "country": "FR", "currency": "EUR",
             "creditLimit": 1000.00}
            """;

    private final CommandGateway gateway = mock(CommandGateway.class);
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = WebAdapters.standalone(new CustomerCommandController(gateway, new RetainedRecords(mock(QueryGateway.class), new BillingProperties())));
    }

    @Test
    void registeringAnswers201WithTheNewIdAndLocation() throws Exception {
        mvc.perform(post("/api/v1/customers").contentType(MediaType.APPLICATION_JSON).content(VALID))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").isString());

        ArgumentCaptor<RegisterCustomerCommand> sent = ArgumentCaptor.forClass(RegisterCustomerCommand.class);
        verify(gateway).sendAndWait(sent.capture());
        assertThat(sent.getValue().creditLimit()).isEqualByComparingTo(new BigDecimal("1000"));
        mvc.perform(post("/api/v1/customers").contentType(MediaType.APPLICATION_JSON).content(VALID))
                .andExpect(header().string("Location", startsWith("/api/v1/customers/")));
    }

    @Test
    void theVatNumberAndLanguageAreSentAsGiven() throws Exception {
        String business = VALID.replace("\"creditLimit\"", "\"vatNumber\": \"FR 40 303 265 045\", \"language\": \"fr\","
                + " \"creditLimit\"");
        mvc.perform(post("/api/v1/customers").contentType(MediaType.APPLICATION_JSON).content(business))
                .andExpect(status().isCreated());

        ArgumentCaptor<RegisterCustomerCommand> sent = ArgumentCaptor.forClass(RegisterCustomerCommand.class);
        verify(gateway).sendAndWait(sent.capture());
        assertThat(sent.getValue().vatNumber()).isEqualTo("FR 40 303 265 045");
        assertThat(sent.getValue().language()).isEqualTo("fr");
    }

    @Test
    void withoutVatNumberAndLanguageNoneIsSent() throws Exception {
        mvc.perform(post("/api/v1/customers").contentType(MediaType.APPLICATION_JSON).content(VALID))
                .andExpect(status().isCreated());

        ArgumentCaptor<RegisterCustomerCommand> sent = ArgumentCaptor.forClass(RegisterCustomerCommand.class);
        verify(gateway).sendAndWait(sent.capture());
        assertThat(sent.getValue().vatNumber()).isNull();
        assertThat(sent.getValue().language()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "vatNumber|FR403032650454030326504540303265045403032650",
            "language|francais-de-france"})
    void anOverlongVatNumberOrLanguageIsA400AndSendsNothing(String field, String value) throws Exception {
        String body = VALID.replace("\"creditLimit\"", "\"" + field + "\": \"" + value + "\", \"creditLimit\"");
        mvc.perform(post("/api/v1/customers").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest());
        verify(gateway, never()).sendAndWait(any());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"Garage Dupont\"|\"\"",
            "\"compta@dupont.fr\"|\"not-an-address\"",
            "\"FR\"|\"fr\"",
            "\"EUR\"|\"EURO\"",
            "1000.00|-1",
            "1000.00|null"})
    void invalidFieldIsA400AndSendsNothing(String valid, String invalid) throws Exception {
        mvc.perform(post("/api/v1/customers").contentType(MediaType.APPLICATION_JSON)
                        .content(VALID.replace(valid, invalid)))
                .andExpect(status().isBadRequest());
        verify(gateway, never()).sendAndWait(any());
    }

    @ParameterizedTest(name = "credit limit {0} → 400 amount-digits")
    @CsvSource({"1234567890123.5", "1.12345", "1e1000000"})
    void aCreditLimitBeyondTheAmountBoundsIsA400NamingFieldAndRule(String creditLimit) throws Exception {
        mvc.perform(post("/api/v1/customers").contentType(MediaType.APPLICATION_JSON)
                        .content(VALID.replace("1000.00", creditLimit)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("creditLimit"))
                .andExpect(jsonPath("$.rule").value("amount-digits"));
        verify(gateway, never()).sendAndWait(any());
    }

    // the record: phone, billing address, edits

    private static final String EDIT = """
            {"name": "Garage Dupont SARL", "email": "compta@dupont.fr", "phone": "+33 1 23 45 67 89", "country": "FR",
             "billingAddress": {"street": "12 rue des Lilas", "postalCode": "75011", "city": "Paris", "country": "FR"},
             "vatNumber": "FR40303265045", "language": "fr", "creditLimit": 2500.00}
            """;

    @Test
    void aPhoneAndABillingAddressAreSentWithTheRegistration() throws Exception {
        String body = VALID.replace("\"creditLimit\"", "\"phone\": \"+33 1 23 45 67 89\", \"billingAddress\": "
                + "{\"street\": \"12 rue des Lilas\", \"postalCode\": \"75011\", \"city\": \"Paris\", "
                + "\"region\": \"Île-de-France\", \"country\": \"FR\"}, \"creditLimit\"");
        mvc.perform(post("/api/v1/customers").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated());

        ArgumentCaptor<RegisterCustomerCommand> sent = ArgumentCaptor.forClass(RegisterCustomerCommand.class);
        verify(gateway).sendAndWait(sent.capture());
        assertThat(sent.getValue().phone()).isEqualTo("+33 1 23 45 67 89");
        assertThat(sent.getValue().billingAddress()).isEqualTo(new BillingAddress("12 rue des Lilas", "75011", "Paris",
                "Île-de-France", "FR"));
    }

    @Test
    void anEditSendsTheWholeRecordAndAnswers204() throws Exception {
        mvc.perform(put("/api/v1/customers/c-1").contentType(MediaType.APPLICATION_JSON).content(EDIT))
                .andExpect(status().isNoContent());

        verify(gateway).sendAndWait(new ChangeCustomerDetailsCommand("c-1", "Garage Dupont SARL", "compta@dupont.fr",
                "+33 1 23 45 67 89", "FR", new BillingAddress("12 rue des Lilas", "75011", "Paris", null, "FR"),
                "FR40303265045", "fr", new BigDecimal("2500.00")));
    }

    @Test
    void anEditWithoutOptionalDetailsSendsThemAsRemoved() throws Exception {
        mvc.perform(put("/api/v1/customers/c-1").contentType(MediaType.APPLICATION_JSON).content("""
                        {"name": "Garage Dupont", "email": "compta@dupont.fr", "country": "FR", "creditLimit": 0}
                        """))
                .andExpect(status().isNoContent());

        verify(gateway).sendAndWait(new ChangeCustomerDetailsCommand("c-1", "Garage Dupont", "compta@dupont.fr", null,
                "FR", null, null, null, BigDecimal.ZERO));
    }

    @ParameterizedTest(name = "{0}: {1} → 400")
    @CsvSource(delimiter = '|', value = {
            "name|\"Garage Dupont SARL\"|\"\"",
            "creditLimit|2500.00|-1",
            "billingAddress.country|\"city\": \"Paris\", \"country\": \"FR\"|\"city\": \"Paris\", \"country\": \"France\"",
            "billingAddress.postalCode|\"75011\"|\"750117501175011750117501175011\""})
    void anInvalidEditIsA400NamingTheFieldAndSendsNothing(String field, String valid, String invalid)
            throws Exception {
        mvc.perform(put("/api/v1/customers/c-1").contentType(MediaType.APPLICATION_JSON)
                        .content(EDIT.replace(valid, invalid)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value(field));
        verify(gateway, never()).sendAndWait(any());
    }
}
