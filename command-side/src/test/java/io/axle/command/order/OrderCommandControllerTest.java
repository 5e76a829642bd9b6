package io.axle.command.order;

import io.axle.api.order.CancelOrderCommand;
import io.axle.api.order.DeliverOrderCommand;
import io.axle.api.order.OrderLine;
import io.axle.api.order.OrderNumberSequence;
import io.axle.api.order.PlaceOrderCommand;
import io.axle.api.order.ShipOrderCommand;
import io.axle.api.order.ShippingAddress;
import io.axle.command.WebAdapters;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.matchesPattern;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The web adapter alone (no security): request shape, validation and its problems, and the command it sends. */
class OrderCommandControllerTest {

    private static final String VALID_ORDER = """
            {"customerId": "c-1", "currency": "EUR",
             "lines": [{"sku": "BRK-PAD-01", "quantity": 2, "unitPrice": 10.00}],
             "shippingAddress": {"recipient": "Garage Dupont", "street": "12 rue de la Gare", "city": "Lyon",
                                 "postalCode": "69001", "country": "FR"}}
            """;

    private final CommandGateway gateway = mock(CommandGateway.class);
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = WebAdapters.standalone(new OrderCommandController(gateway, mock(org.axonframework.eventsourcing.eventstore.EventStore.class)));
    }

    @Test
    void placingAnOrderAnswers202WithItsIdNumberAndLocation() throws Exception {
        when(gateway.sendAndWait(any(PlaceOrderCommand.class))).thenReturn("SO-2026-000042");
        int year = GenericEventMessage.clock.instant().atZone(ZoneOffset.UTC).getYear();

        String body = mvc.perform(post("/api/v1/orders").contentType(MediaType.APPLICATION_JSON).content(VALID_ORDER))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.orderId").isString())
                .andExpect(jsonPath("$.number").value("SO-2026-000042"))
                .andReturn().getResponse().getContentAsString();

        ArgumentCaptor<PlaceOrderCommand> sent = ArgumentCaptor.forClass(PlaceOrderCommand.class);
        verify(gateway).sendAndWait(sent.capture());
        PlaceOrderCommand command = sent.getValue();
        assertThat(body).contains(command.orderId());
        assertThat(command.year()).isEqualTo(year);
        assertThat(command.sequenceId()).isEqualTo(new OrderNumberSequence(year).id());
        assertThat(command.customerId()).isEqualTo("c-1");
        assertThat(command.lines()).containsExactly(new OrderLine("BRK-PAD-01", 2, new BigDecimal("10.00")));
        assertThat(command.shippingAddress())
                .isEqualTo(new ShippingAddress("Garage Dupont", "12 rue de la Gare", "Lyon", "69001", "FR"));
    }

    @Test
    void aPlacementThatLostTheRaceForItsNumberIsSentAgain() throws Exception {
        when(gateway.sendAndWait(any(PlaceOrderCommand.class)))
                .thenThrow(new ConcurrencyException("sequence taken on another node"))
                .thenReturn("SO-2026-000007");

        mvc.perform(post("/api/v1/orders").contentType(MediaType.APPLICATION_JSON).content(VALID_ORDER))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.number").value("SO-2026-000007"));
        verify(gateway, times(2)).sendAndWait(any(PlaceOrderCommand.class));
    }

    @Test
    void locationPointsAtTheNewOrder() throws Exception {
        mvc.perform(post("/api/v1/orders").contentType(MediaType.APPLICATION_JSON).content(VALID_ORDER))
                .andExpect(header().string("Location", matchesPattern(
                        "/api/v1/orders/[0-9a-f-]{36}")));
    }

    @Test
    void orderWithoutLinesIsA400AndSendsNothing() throws Exception {
        mvc.perform(post("/api/v1/orders").contentType(MediaType.APPLICATION_JSON)
                        .content(VALID_ORDER.replaceFirst("\\[\\{.*?}]", "[]")))
                .andExpect(status().isBadRequest());
        verify(gateway, never()).sendAndWait(any());
    }

    @ParameterizedTest(name = "customerId \"{0}\" → 400")
    @ValueSource(strings = {"-999999999-01-01T00:00:00Z", "c 1", "k:v"})
    void aCustomerIdWithAColonOrSpacesIsA400NamingTheField(String customerId) throws Exception {
        mvc.perform(post("/api/v1/orders").contentType(MediaType.APPLICATION_JSON)
                        .content(VALID_ORDER.replace("\"c-1\"", "\"" + customerId + "\"")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("customerId"));
        verify(gateway, never()).sendAndWait(any());
    }

    @Test
    void lineWithZeroQuantityIsA400() throws Exception {
        mvc.perform(post("/api/v1/orders").contentType(MediaType.APPLICATION_JSON)
                        .content(VALID_ORDER.replace("\"quantity\": 2", "\"quantity\": 0")))
                .andExpect(status().isBadRequest());
        verify(gateway, never()).sendAndWait(any());
    }

    @ParameterizedTest(name = "{0} → 400 {1} on {2}")
    @CsvSource({
            "\"quantity\": 1000001,                  max-quantity,  lines[0].quantity",
            "\"unitPrice\": 1234567890123.5,         amount-digits, lines[0].unitPrice",
            "\"unitPrice\": 1.12345,                 amount-digits, lines[0].unitPrice",
            "\"unitPrice\": 1e1000000,               amount-digits, lines[0].unitPrice",
    })
    void numbersBeyondTheBoundsAreA400NamingFieldAndRule(String value, String rule, String field) throws Exception {
        String property = value.substring(0, value.indexOf(':'));
        String order = VALID_ORDER.replaceFirst(property + ": [0-9.]+", value);
        mvc.perform(post("/api/v1/orders").contentType(MediaType.APPLICATION_JSON).content(order))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value(field))
                .andExpect(jsonPath("$.rule").value(rule));
        verify(gateway, never()).sendAndWait(any());
    }

    @Test
    void theLargestQuantityAndPriceAreAccepted() throws Exception {
        mvc.perform(post("/api/v1/orders").contentType(MediaType.APPLICATION_JSON).content(VALID_ORDER
                        .replace("\"quantity\": 2", "\"quantity\": 1000000")
                        .replace("\"unitPrice\": 10.00", "\"unitPrice\": 999999999999.9999")))
                .andExpect(status().isAccepted());
        ArgumentCaptor<PlaceOrderCommand> sent = ArgumentCaptor.forClass(PlaceOrderCommand.class);
        verify(gateway).sendAndWait(sent.capture());
        assertThat(sent.getValue().lines()).containsExactly(
                new OrderLine("BRK-PAD-01", 1_000_000, new BigDecimal("999999999999.9999")));
    }

    @Test
    void aLineWithoutUnitPriceAsksForTheCataloguePrice() throws Exception {
        mvc.perform(post("/api/v1/orders").contentType(MediaType.APPLICATION_JSON)
                        .content(VALID_ORDER.replace(", \"unitPrice\": 10.00", "")))
                .andExpect(status().isAccepted());
        ArgumentCaptor<PlaceOrderCommand> sent = ArgumentCaptor.forClass(PlaceOrderCommand.class);
        verify(gateway).sendAndWait(sent.capture());
        assertThat(sent.getValue().lines()).containsExactly(new OrderLine("BRK-PAD-01", 2, null));
        assertThat(sent.getValue().priceOverrideAllowed()).isFalse();
    }

    @Test
    void addressWithoutCityIsA400() throws Exception {
        mvc.perform(post("/api/v1/orders").contentType(MediaType.APPLICATION_JSON)
                        .content(VALID_ORDER.replace("\"Lyon\"", "\"\"")))
                .andExpect(status().isBadRequest());
        verify(gateway, never()).sendAndWait(any());
    }

    @Test
    void lowerCaseCurrencyIsA400() throws Exception {
        mvc.perform(post("/api/v1/orders").contentType(MediaType.APPLICATION_JSON)
                        .content(VALID_ORDER.replace("\"EUR\"", "\"eur\"")))
                .andExpect(status().isBadRequest());
        verify(gateway, never()).sendAndWait(any());
    }

    @Test
    void cancelSendsTheReason() throws Exception {
        mvc.perform(post("/api/v1/orders/o-1/cancel").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\": \"changed my mind\"}"))
                .andExpect(status().isAccepted());
        verify(gateway).sendAndWait(new CancelOrderCommand("o-1", "changed my mind"));
    }

    @Test
    void cancelWithoutBodyHasNoReason() throws Exception {
        mvc.perform(post("/api/v1/orders/o-1/cancel")).andExpect(status().isAccepted());
        verify(gateway).sendAndWait(new CancelOrderCommand("o-1", null));
    }

    @Test
    void shipAndDeliverSendTheirCommands() throws Exception {
        mvc.perform(post("/api/v1/orders/o-1/ship")).andExpect(status().isAccepted());
        mvc.perform(post("/api/v1/orders/o-1/deliver")).andExpect(status().isAccepted());
        verify(gateway).sendAndWait(new ShipOrderCommand("o-1"));
        verify(gateway).sendAndWait(new DeliverOrderCommand("o-1"));
    }

    @Test
    void placeRequestMapsEveryLine() {
        var request = new OrderCommandController.PlaceOrderRequest("c-1", "EUR",
                List.of(new OrderCommandController.LineRequest("A", 1, BigDecimal.ONE),
                        new OrderCommandController.LineRequest("B", 3, BigDecimal.TEN)),
                new OrderCommandController.AddressRequest("r", "s", "c", "p", "FR"));
        assertThat(request.toCommand(2026, "o-9", false).lines()).extracting(OrderLine::sku).containsExactly("A", "B");
    }
}
