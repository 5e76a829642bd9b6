package io.axle.command.customer;

import io.axle.api.customer.RegisterCustomerCommand;
import io.axle.command.WebAdapters;
import org.axonframework.commandhandling.gateway.CommandGateway;
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
        mvc = WebAdapters.standalone(new CustomerCommandController(gateway));
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
}
