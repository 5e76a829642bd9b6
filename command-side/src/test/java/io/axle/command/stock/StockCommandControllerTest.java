package io.axle.command.stock;

import io.axle.api.stock.AdjustStockCommand;
import io.axle.api.stock.CountStockCommand;
import io.axle.api.stock.ReceiveStockCommand;
import io.axle.command.WebAdapters;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The web adapter alone (no security): request shape, validation and its problems, and the command it sends. */
class StockCommandControllerTest {

    private final CommandGateway gateway = mock(CommandGateway.class);
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = WebAdapters.standalone(new StockCommandController(gateway));
    }

    private void postJson(String path, String json, int expectedStatus) throws Exception {
        mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().is(expectedStatus));
    }

    @Test
    void receiptSendsReceiveStock() throws Exception {
        postJson("/api/v1/stock/SKU-1/receipts", "{\"quantity\": 5}", 202);
        verify(gateway).sendAndWait(new ReceiveStockCommand("SKU-1", 5));
    }

    @Test
    void adjustmentSendsSignedQuantityAndReason() throws Exception {
        postJson("/api/v1/stock/SKU-1/adjustments", "{\"quantity\": -2, \"reason\": \"breakage\"}", 202);
        verify(gateway).sendAndWait(new AdjustStockCommand("SKU-1", -2, "breakage"));
    }

    @Test
    void countSendsCountStock() throws Exception {
        postJson("/api/v1/stock/SKU-1/counts", "{\"counted\": 0}", 202);
        verify(gateway).sendAndWait(new CountStockCommand("SKU-1", 0));
    }

    @Test
    void zeroReceiptIsA400() throws Exception {
        postJson("/api/v1/stock/SKU-1/receipts", "{\"quantity\": 0}", 400);
        verify(gateway, never()).sendAndWait(any());
    }

    @Test
    void adjustmentWithoutReasonIsA400() throws Exception {
        postJson("/api/v1/stock/SKU-1/adjustments", "{\"quantity\": -2}", 400);
        verify(gateway, never()).sendAndWait(any());
    }

    @Test
    void negativeCountIsA400() throws Exception {
        postJson("/api/v1/stock/SKU-1/counts", "{\"counted\": -1}", 400);
        postJson("/api/v1/stock/SKU-1/counts", "{}", 400);
        verify(gateway, never()).sendAndWait(any());
    }

    @ParameterizedTest(name = "{0} {1} → 400 {3} on {2}")
    @CsvSource(delimiter = '|', value = {
            "receipts    | {\"quantity\": 2147483647}                      | quantity | max-quantity",
            "receipts    | {\"quantity\": 1000001}                         | quantity | max-quantity",
            "adjustments | {\"quantity\": 1000001, \"reason\": \"found\"}  | quantity | max-quantity",
            "adjustments | {\"quantity\": -1000001, \"reason\": \"lost\"}  | quantity | min",
            "counts      | {\"counted\": 1000000001}                       | counted  | max-on-hand",
    })
    void numbersBeyondTheBoundsAreA400NamingFieldAndRule(String resource, String body, String field, String rule)
            throws Exception {
        mvc.perform(post("/api/v1/stock/SKU-1/" + resource).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value(field))
                .andExpect(jsonPath("$.rule").value(rule));
        verify(gateway, never()).sendAndWait(any());
    }

    @Test
    void theBoundsThemselvesAreAccepted() throws Exception {
        postJson("/api/v1/stock/SKU-1/receipts", "{\"quantity\": 1000000}", 202);
        postJson("/api/v1/stock/SKU-1/adjustments", "{\"quantity\": -1000000, \"reason\": \"write-off\"}", 202);
        postJson("/api/v1/stock/SKU-1/counts", "{\"counted\": 1000000000}", 202);
        verify(gateway).sendAndWait(new ReceiveStockCommand("SKU-1", 1_000_000));
        verify(gateway).sendAndWait(new AdjustStockCommand("SKU-1", -1_000_000, "write-off"));
        verify(gateway).sendAndWait(new CountStockCommand("SKU-1", 1_000_000_000));
    }
}
