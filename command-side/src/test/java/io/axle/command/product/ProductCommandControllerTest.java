package io.axle.command.product;

import io.axle.api.product.ChangeProductPriceCommand;
import io.axle.api.product.CreateProductCommand;
import io.axle.api.product.DiscontinueProductCommand;
import io.axle.command.WebAdapters;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;

import java.math.BigDecimal;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The web adapter alone (no security rules): request shape, validation and its problems, and the command it sends. */
class ProductCommandControllerTest {

    private static final String VALID = """
            {"sku": "BRK-001", "name": "Brake pad", "unitPrice": 24.90, "currency": "EUR",
             "vatCategory": "STANDARD", "reorderPoint": 10}
            """;
    private static final TestingAuthenticationToken ALICE = new TestingAuthenticationToken("alice", "n/a");

    private final CommandGateway gateway = mock(CommandGateway.class);
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = WebAdapters.standalone(new ProductCommandController(gateway));
    }

    @Test
    void creatingAnswers201AtTheProductAndSendsWhoCreatedIt() throws Exception {
        mvc.perform(post("/api/v1/products").principal(ALICE).contentType(MediaType.APPLICATION_JSON).content(VALID))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/v1/products/BRK-001"))
                .andExpect(jsonPath("$.sku").value("BRK-001"));
        verify(gateway).sendAndWait(new CreateProductCommand("BRK-001", "Brake pad", null, new BigDecimal("24.90"),
                "EUR", "STANDARD", null, 10, "alice"));
    }

    @ParameterizedTest(name = "{0} → 400 on {1}")
    @CsvSource(delimiter = '|', value = {
            "\"sku\": \"BRK-001\"|\"sku\": \"BRK 001\"|sku",
            "\"sku\": \"BRK-001\"|\"sku\": \"../x\"|sku",
            "\"unitPrice\": 24.90|\"unitPrice\": 1.12345|unitPrice",
            "\"unitPrice\": 24.90|\"unitPrice\": -1|unitPrice",
            "\"currency\": \"EUR\"|\"currency\": \"eur\"|currency",
            "\"reorderPoint\": 10|\"reorderPoint\": -1|reorderPoint",
            "\"reorderPoint\": 10|\"reorderPoint\": 1000000001|reorderPoint"})
    void malformedRequestsAreA400NamingTheFieldAndSendNothing(String valid, String invalid, String field)
            throws Exception {
        mvc.perform(post("/api/v1/products").contentType(MediaType.APPLICATION_JSON)
                        .content(VALID.replace(valid, invalid)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value(field));
        verify(gateway, never()).sendAndWait(any());
    }

    @Test
    void aPriceChangeIsAcceptedByPutAndPost() throws Exception {
        mvc.perform(put("/api/v1/products/BRK-001/price").principal(ALICE).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"unitPrice\": 26.50}"))
                .andExpect(status().isOk());
        mvc.perform(post("/api/v1/products/BRK-001/price").principal(ALICE).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"unitPrice\": 27}"))
                .andExpect(status().isOk());
        verify(gateway).sendAndWait(new ChangeProductPriceCommand("BRK-001", new BigDecimal("26.50"), "alice"));
        verify(gateway).sendAndWait(new ChangeProductPriceCommand("BRK-001", new BigDecimal("27"), "alice"));
    }

    @Test
    void aPriceChangeWithoutPriceIsA400() throws Exception {
        mvc.perform(put("/api/v1/products/BRK-001/price").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("unitPrice"));
        verify(gateway, never()).sendAndWait(any());
    }

    @Test
    void discontinuingSendsTheReasonIfAny() throws Exception {
        mvc.perform(post("/api/v1/products/BRK-001/discontinue").principal(ALICE)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"replaced\"}"))
                .andExpect(status().isOk());
        mvc.perform(post("/api/v1/products/BRK-002/discontinue").principal(ALICE))
                .andExpect(status().isOk());
        verify(gateway).sendAndWait(new DiscontinueProductCommand("BRK-001", "replaced", "alice"));
        verify(gateway).sendAndWait(new DiscontinueProductCommand("BRK-002", null, "alice"));
    }
}
