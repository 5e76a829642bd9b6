package io.axle.query.vehicle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.axle.api.common.ListCriteria;
import io.axle.api.common.PageResult;
import io.axle.api.vehicle.ExportVehiclesQuery;
import io.axle.api.vehicle.FindVehicleQuery;
import io.axle.api.vehicle.FindVehicleTelemetryQuery;
import io.axle.api.vehicle.ListVehiclesQuery;
import io.axle.api.vehicle.VehicleSeries;
import io.axle.api.vehicle.VehicleView;
import io.axle.api.vehicle.WatchVehicleQuery;
import io.axle.platform.web.ProblemAdvice;
import io.axle.query.CsvExports;
import io.axle.query.UpdateStreams;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.common.Registration;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.DefaultSubscriptionQueryResult;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The vehicle read API's HTTP contract, on a standalone MockMvc with the query gateway mocked. */
class VehicleQueryControllerTest {

    private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
    private static final VehicleView CAR = new VehicleView("v-1", "1M8GDM9AXKP042788", "AB-123-CD", "FR", "Renault",
            "Clio", 2019, "Motor Coach Industries", "US", 2019, "c-1", "d-1", true, NOW, null, List.of(), List.of(),
            List.of(), List.of(), NOW, List.of(), null, null);

    private final QueryGateway queryGateway = mock(QueryGateway.class);
    private UpdateStreams streams;
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        streams = new UpdateStreams(queryGateway, Duration.ofMillis(100));
        mvc = MockMvcBuilders.standaloneSetup(new VehicleQueryController(queryGateway, streams,
                        new CsvExports(queryGateway, CsvExports.DEFAULT_MAX_ROWS), Clock.fixed(NOW, ZoneOffset.UTC)))
                .setControllerAdvice(new ProblemAdvice())
                .setMessageConverters(new MappingJackson2HttpMessageConverter(Jackson2ObjectMapperBuilder.json()
                        .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build()))
                .build();
    }

    @AfterEach
    void tearDown() {
        streams.destroy();
    }

    private void known(VehicleView vehicle, String id) {
        when(queryGateway.query(eq(new FindVehicleQuery(id)), eq(VehicleView.class)))
                .thenReturn(CompletableFuture.completedFuture(vehicle));
    }

    @Nested
    class OneVehicle {

        @Test
        void aVehicleShowsItsRegistryAndOnline() throws Exception {
            known(CAR, "v-1");

            mvc.perform(get("/api/v1/vehicles/v-1"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.vin").value("1M8GDM9AXKP042788"))
                    .andExpect(jsonPath("$.dongleId").value("d-1"))
                    .andExpect(jsonPath("$.online").value(true))
                    .andExpect(jsonPath("$.lastSeenAt").value("2026-03-02T12:00:00Z"));
        }

        @Test
        void anUnknownVehicleIsNotFound() throws Exception {
            known(null, "v-x");

            mvc.perform(get("/api/v1/vehicles/v-x"))
                    .andExpect(status().isNotFound())
                    .andExpect(jsonPath("$.resource").value("vehicle"));
        }
    }

    @Nested
    class List_ {

        @Test
        @SuppressWarnings({"unchecked", "rawtypes"})
        void theListPassesSearchOnlineMakeSortAndPaging() throws Exception {
            ArgumentCaptor<ListVehiclesQuery> asked = ArgumentCaptor.forClass(ListVehiclesQuery.class);
            when(queryGateway.query(asked.capture(), any(ResponseType.class))).thenReturn((CompletableFuture)
                    CompletableFuture.completedFuture(new PageResult<>(List.of(CAR), 1, 5, 6)));

            mvc.perform(get("/api/v1/vehicles?q=AB-1&online=true&make=renault&sort=lastSeenAt,desc&page=1&size=5"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.content[0].vehicleId").value("v-1"))
                    .andExpect(jsonPath("$.totalElements").value(6));

            assertThat(asked.getValue()).isEqualTo(new ListVehiclesQuery(
                    new ListCriteria("AB-1", null, null, "lastSeenAt", true), true, "renault", 1, 5));
        }

        @Test
        void theCsvExportStreamsTheFilteredVehiclesAsAnAttachment() throws Exception {
            ArgumentCaptor<Object> asked = ArgumentCaptor.forClass(Object.class);
            when(queryGateway.streamingQuery(asked.capture(), eq(VehicleView.class))).thenReturn(Flux.just(CAR));

            MvcResult result = mvc.perform(get("/api/v1/vehicles?online=true&q=AB").accept("text/csv"))
                    .andExpect(request().asyncStarted()).andReturn();
            mvc.perform(asyncDispatch(result))
                    .andExpect(status().isOk())
                    .andExpect(content().contentType("text/csv;charset=UTF-8"))
                    .andExpect(header().string("Content-Disposition", startsWith("attachment; filename=\"vehicles-")))
                    .andExpect(content().string(startsWith("vehicleId,vin,plate,plateCountry,make,model,year,"
                            + "manufacturer,country,ownerCustomerId,dongleId,online,lastSeenAt,troubleCodes,alarms,"
                            + "registeredAt\r\nv-1,1M8GDM9AXKP042788,AB-123-CD,FR,Renault,Clio,2019,")));

            assertThat(asked.getValue()).isEqualTo(new ExportVehiclesQuery(new ListVehiclesQuery(
                    ListCriteria.searching("AB"), true, null, 0, 20), CsvExports.DEFAULT_MAX_ROWS));
        }

        @Test
        void anUnknownSortIsRefused() throws Exception {
            mvc.perform(get("/api/v1/vehicles?sort=owner"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.field").value("sort"));
            verifyNoInteractions(queryGateway);
        }
    }

    @Nested
    class Telemetry {

        @Test
        void aSeriesIsAskedForTheMeasureRangeAndResolution() throws Exception {
            known(CAR, "v-1");
            FindVehicleTelemetryQuery query = new FindVehicleTelemetryQuery("v-1", "rpm",
                    Instant.parse("2026-03-02T10:00:00Z"), Instant.parse("2026-03-02T11:00:00Z"), "raw");
            when(queryGateway.query(eq(query), eq(VehicleSeries.class))).thenReturn(CompletableFuture.completedFuture(
                    new VehicleSeries("v-1", "rpm", "raw", List.of(new VehicleSeries.Point(
                            Instant.parse("2026-03-02T10:00:05Z"), 900, 900, 900, 1)))));

            mvc.perform(get("/api/v1/vehicles/v-1/telemetry?measure=rpm&resolution=raw"
                            + "&from=2026-03-02T10:00:00Z&to=2026-03-02T11:00:00Z"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.points[0].avg").value(900.0))
                    .andExpect(jsonPath("$.points[0].count").value(1));
        }

        @Test
        void withoutRangeTheLastDayOfMinutesIsAsked() throws Exception {
            known(CAR, "v-1");
            FindVehicleTelemetryQuery query = new FindVehicleTelemetryQuery("v-1", "speedKmh",
                    NOW.minus(Duration.ofHours(24)), NOW, "1m");
            when(queryGateway.query(eq(query), eq(VehicleSeries.class))).thenReturn(CompletableFuture.completedFuture(
                    new VehicleSeries("v-1", "speedKmh", "1m", List.of())));

            mvc.perform(get("/api/v1/vehicles/v-1/telemetry?measure=speedKmh"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.resolution").value("1m"));
        }

        @ParameterizedTest(name = "{0} → {1} {2}")
        @CsvSource(delimiter = '|', value = {
                "measure=oilC|measure|one-of",
                "resolution=raw|measure|one-of",
                "measure=rpm&resolution=5m|resolution|one-of",
                "measure=rpm&from=yesterday|from|iso-instant",
                "measure=rpm&to=2026-03-02|to|iso-instant",
                "measure=rpm&from=2026-03-02T11:00:00Z&to=2026-03-02T10:00:00Z|to|after-from",
                "measure=rpm&from=2026-03-02T10:00:00Z&to=2026-03-02T10:00:00Z|to|after-from",
                "measure=rpm&resolution=raw&from=2026-03-01T10:00:00Z&to=2026-03-02T10:00:01Z|from|max-range",
                "measure=rpm&resolution=1m&from=2026-01-01T00:00:00Z&to=2026-03-02T00:00:00Z|from|max-range"})
        void aBadParameterIsRefusedByName(String parameters, String field, String rule) throws Exception {
            mvc.perform(get("/api/v1/vehicles/v-1/telemetry?" + parameters))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.field").value(field))
                    .andExpect(jsonPath("$.rule").value(rule));
            verifyNoInteractions(queryGateway);
        }

        @Test
        void theTelemetryOfAnUnknownVehicleIsNotFound() throws Exception {
            known(null, "v-x");

            mvc.perform(get("/api/v1/vehicles/v-x/telemetry?measure=rpm"))
                    .andExpect(status().isNotFound());
        }
    }

    @Nested
    class Updates {

        @Test
        @SuppressWarnings({"unchecked", "rawtypes"})
        void theWatchSendsTheViewNowThenEachChange() throws Exception {
            AtomicBoolean cancelled = new AtomicBoolean();
            Registration registration = () -> {
                cancelled.set(true);
                return true;
            };
            VehicleView offline = new VehicleView("v-1", CAR.vin(), CAR.plate(), "FR", "Renault", "Clio", 2019, null,
                    null, null, null, "d-1", false, NOW, null, List.of(), List.of(), List.of(), List.of(), NOW,
                    List.of(), null, null);
            when(queryGateway.subscriptionQuery(eq(new WatchVehicleQuery("v-1")), any(ResponseType.class),
                    any(ResponseType.class)))
                    .thenReturn(new DefaultSubscriptionQueryResult(Mono.just(CAR), Flux.just(offline), registration));

            MvcResult result = mvc.perform(get("/api/v1/vehicles/v-1/updates")).andExpect(request().asyncStarted())
                    .andReturn();

            await().atMost(Duration.ofSeconds(5)).untilTrue(cancelled);
            assertThat(result.getResponse().getContentAsString()).containsSubsequence(
                    "event:vehicle\ndata:{\"vehicleId\":\"v-1\"", "\"online\":true",
                    "event:vehicle\ndata:{\"vehicleId\":\"v-1\"", "\"online\":false");
        }

        @Test
        @SuppressWarnings({"unchecked", "rawtypes"})
        void watchingAnUnknownVehicleIsNotFound() throws Exception {
            AtomicBoolean cancelled = new AtomicBoolean();
            Registration registration = () -> {
                cancelled.set(true);
                return true;
            };
            when(queryGateway.subscriptionQuery(eq(new WatchVehicleQuery("v-x")), any(ResponseType.class),
                    any(ResponseType.class)))
                    .thenReturn(new DefaultSubscriptionQueryResult(Mono.empty(), Flux.never(), registration));

            mvc.perform(get("/api/v1/vehicles/v-x/updates")).andExpect(status().isNotFound());
            assertThat(cancelled).isTrue();
        }
    }
}
