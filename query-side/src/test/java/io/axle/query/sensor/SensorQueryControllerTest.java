package io.axle.query.sensor;

import static io.axle.query.sensor.Readings.T0;
import static io.axle.query.sensor.Readings.at;
import static io.axle.query.sensor.Readings.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.axle.api.sensor.SensorReading;
import io.axle.api.sensor.WatchRunReadingsQuery;
import io.axle.platform.web.DateRangeFormatters;
import io.axle.platform.web.ProblemAdvice;
import io.axle.query.InMemoryMongo;
import io.axle.query.UpdateStreams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.format.support.DefaultFormattingConversionService;
import org.springframework.format.support.FormattingConversionService;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * The sensor read API's HTTP contract on a standalone MockMvc, answered by the real read model on the embedded MongoDB
 * server through a real query bus.
 */
class SensorQueryControllerTest {

    private InMemoryMongo mongo;
    private SimpleQueryUpdateEmitter emitter;
    private RawReadings rawReadings;
    private RunStatisticsWriter statistics;
    private UpdateStreams streams;
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        mongo = InMemoryMongo.start();
        emitter = SimpleQueryUpdateEmitter.builder().build();
        SimpleQueryBus queryBus = SimpleQueryBus.builder().queryUpdateEmitter(emitter).build();
        new AnnotationQueryHandlerAdapter<>(new SensorReadModel(mongo.template())).subscribe(queryBus);
        QueryGateway queryGateway = DefaultQueryGateway.builder().queryBus(queryBus).build();
        rawReadings = new RawReadings(mongo.template());
        statistics = new RunStatisticsWriter(mongo.template());
        streams = new UpdateStreams(queryGateway, Duration.ofMillis(100));
        mvc = MockMvcBuilders.standaloneSetup(new SensorQueryController(queryGateway, streams,
                        new ReadingsCsv(mongo.template())))
                .setControllerAdvice(new ProblemAdvice())
                .setConversionService(conversionsAsInTheApplication())
                .setMessageConverters(new MappingJackson2HttpMessageConverter(Jackson2ObjectMapperBuilder.json()
                        .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build()))
                .build();
    }

    /** Spring's formatters with the platform's date-range check on top, as the web auto-configuration adds it. */
    private static FormattingConversionService conversionsAsInTheApplication() {
        FormattingConversionService conversions = new DefaultFormattingConversionService();
        new DateRangeFormatters().addFormatters(conversions);
        return conversions;
    }

    @AfterEach
    void tearDown() {
        streams.destroy();
        mongo.close();
    }

    @Test
    void readingsComeOldestFirstInPagesOfTwentyByDefault() throws Exception {
        store(25, "run-1", "s-1");

        mvc.perform(get("/api/sensors/data?runId=run-1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content.length()").value(20))
                .andExpect(jsonPath("$.content[0].readingId").value("run-1-s-1-0"))
                .andExpect(jsonPath("$.content[0].runId").value("run-1"))
                .andExpect(jsonPath("$.content[0].sensorId").value("s-1"))
                .andExpect(jsonPath("$.content[0].timestamp").value("2026-03-02T09:00:00Z"))
                .andExpect(jsonPath("$.content[0].temperature").value(0.0))
                .andExpect(jsonPath("$.content[19].readingId").value("run-1-s-1-19"))
                .andExpect(jsonPath("$.page").value(0))
                .andExpect(jsonPath("$.size").value(20))
                .andExpect(jsonPath("$.totalElements").value(25));
        mvc.perform(get("/api/sensors/data?runId=run-1&page=1&size=20"))
                .andExpect(jsonPath("$.content.length()").value(5))
                .andExpect(jsonPath("$.content[0].readingId").value("run-1-s-1-20"));
    }

    @Test
    void readingsAreFilteredBySensorAndTimeWindow() throws Exception {
        store(10, "run-1", "s-1");
        store(10, "run-1", "s-2");
        store(10, "run-2", "s-1");

        mvc.perform(get("/api/sensors/data").param("runId", "run-1").param("sensorId", "s-2")
                        .param("from", "2026-03-02T09:00:03Z").param("to", "2026-03-02T11:00:06+02:00"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalElements").value(3))
                .andExpect(jsonPath("$.content[*].readingId")
                        .value(contains("run-1-s-2-3", "run-1-s-2-4", "run-1-s-2-5")));
    }

    @Test
    void aMissingRunIsABadRequestNamingRunId() throws Exception {
        mvc.perform(get("/api/sensors/data?sensorId=s-1"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("runId"))
                .andExpect(jsonPath("$.rule").value("not-blank"));
        mvc.perform(get("/api/sensors/data?runId="))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("runId"));
    }

    @Test
    void anUnreadableInstantIsABadRequestNamingTheParameter() throws Exception {
        mvc.perform(get("/api/sensors/data?runId=run-1&from=yesterday"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("from"))
                .andExpect(jsonPath("$.rule").value("type-mismatch"));
    }

    @ParameterizedTest
    @CsvSource({"from, -999999999-01-01T00:00:00Z", "to, +999999999-12-31T23:59:59Z", "from, 0000-12-31T23:59:59Z"})
    void anInstantOutsideYears1To9999IsABadRequestNamingTheParameter(String parameter, String value) throws Exception {
        mvc.perform(get("/api/sensors/data").param("runId", "run-1").param(parameter, value))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value(parameter))
                .andExpect(jsonPath("$.rule").value("date-range"));
    }

    @Test
    void aWindowEndingBeforeItStartsIsABadRequestNamingTo() throws Exception {
        mvc.perform(get("/api/sensors/data?runId=run-1&from=2026-03-02T09:00:10Z&to=2026-03-02T09:00:00Z"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("to"))
                .andExpect(jsonPath("$.rule").value("not-before-from"));
    }

    @Test
    void aPageLargerThanTwoHundredOrABadSensorIdIsABadRequestNamingIt() throws Exception {
        mvc.perform(get("/api/sensors/data?runId=run-1&size=201"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("size"));
        mvc.perform(get("/api/sensors/data?runId=run-1&sensorId=no spaces"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("sensorId"))
                .andExpect(jsonPath("$.rule").value("pattern"));
    }

    @Test
    void statisticsShowTheRunEachSensorAndTheMinuteSeries() throws Exception {
        statistics.apply(at(0, 0, List.of(reading("run-1", "s-1", 0, 20.0), reading("run-1", "s-2", 1, 22.0),
                reading("run-1", "s-1", 61, 24.0))));

        mvc.perform(get("/api/runs/run-1/stats"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.runId").value("run-1"))
                .andExpect(jsonPath("$.overall.count").value(3))
                .andExpect(jsonPath("$.overall.temperature.min").value(20.0))
                .andExpect(jsonPath("$.overall.temperature.max").value(24.0))
                .andExpect(jsonPath("$.overall.temperature.average").value(22.0))
                .andExpect(jsonPath("$.overall.humidity.count").value(0))
                .andExpect(jsonPath("$.sensors[0].sensorId").value("s-1"))
                .andExpect(jsonPath("$.sensors[0].count").value(2))
                .andExpect(jsonPath("$.sensors[1].sensorId").value("s-2"))
                .andExpect(jsonPath("$.series.length()").value(3))
                .andExpect(jsonPath("$.series[2].minute").value("2026-03-02T09:01:00Z"))
                .andExpect(jsonPath("$.lastReadingAt").value("2026-03-02T09:01:01Z"));
    }

    @Test
    void aRunWithoutReadingsHasEmptyStatistics() throws Exception {
        mvc.perform(get("/api/runs/run-x/stats"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.overall.count").value(0))
                .andExpect(jsonPath("$.sensors").isEmpty())
                .andExpect(jsonPath("$.series").isEmpty());
    }

    @Test
    void theWholeRunSeriesSumsTheStoredMinutesIntoBucketsOfWholeMinutes() throws Exception {
        List<SensorReading> readings = new ArrayList<>();
        for (int second = 0; second < 600; second += 10) {
            readings.add(reading("run-1", "s-1", second, second / 10.0));
            readings.add(reading("run-1", "s-2", second + 5, 100 + second / 10.0));
        }
        rawReadings.insert(at(0, 0, readings));
        statistics.apply(at(0, 0, readings));

        mvc.perform(get("/api/runs/run-1/series?buckets=4"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.runId").value("run-1"))
                .andExpect(jsonPath("$.from").value("2026-03-02T09:00:00Z"))
                .andExpect(jsonPath("$.to").value("2026-03-02T09:10:00Z"))
                .andExpect(jsonPath("$.bucketSeconds").value(180))
                .andExpect(jsonPath("$.buckets.length()").value(8))
                .andExpect(jsonPath("$.buckets[0].sensorId").value("s-1"))
                .andExpect(jsonPath("$.buckets[0].start").value("2026-03-02T09:00:00Z"))
                .andExpect(jsonPath("$.buckets[0].count").value(18))
                .andExpect(jsonPath("$.buckets[0].temperature.min").value(0.0))
                .andExpect(jsonPath("$.buckets[0].temperature.max").value(17.0))
                .andExpect(jsonPath("$.buckets[0].temperature.average").value(8.5))
                .andExpect(jsonPath("$.buckets[1].sensorId").value("s-2"))
                .andExpect(jsonPath("$.buckets[1].temperature.min").value(100.0))
                .andExpect(jsonPath("$.buckets[6].start").value("2026-03-02T09:09:00Z"))
                .andExpect(jsonPath("$.buckets[6].count").value(6));
    }

    @Test
    void aShortRangeIsComputedFromTheReadingsInBucketsOfWholeSeconds() throws Exception {
        List<SensorReading> readings = new ArrayList<>();
        for (int second = 0; second < 60; second++) {
            readings.add(reading("run-1", "s-1", second, second));
        }
        rawReadings.insert(at(0, 0, readings));

        mvc.perform(get("/api/runs/run-1/series").param("from", "2026-03-02T09:00:10Z")
                        .param("to", "2026-03-02T09:00:30Z").param("buckets", "8"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.from").value("2026-03-02T09:00:10Z"))
                .andExpect(jsonPath("$.to").value("2026-03-02T09:00:30Z"))
                .andExpect(jsonPath("$.bucketSeconds").value(3))
                .andExpect(jsonPath("$.buckets.length()").value(7))
                .andExpect(jsonPath("$.buckets[0].start").value("2026-03-02T09:00:10Z"))
                .andExpect(jsonPath("$.buckets[0].count").value(3))
                .andExpect(jsonPath("$.buckets[0].temperature.average").value(11.0))
                .andExpect(jsonPath("$.buckets[6].start").value("2026-03-02T09:00:28Z"))
                .andExpect(jsonPath("$.buckets[6].count").value(2));
    }

    @Test
    void aRangeLongerThanHalfAnHourComesFromTheStoredMinutesHoweverManyBucketsAreAsked() throws Exception {
        List<SensorReading> readings = new ArrayList<>();
        for (int minute = 0; minute < 40; minute++) {
            readings.add(reading("run-1", "s-1", minute * 60 + 1, minute));
        }
        rawReadings.insert(at(0, 0, readings.subList(0, 1)));
        statistics.apply(at(0, 0, readings));

        mvc.perform(get("/api/runs/run-1/series?buckets=1000"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.from").value("2026-03-02T09:00:00Z"))
                .andExpect(jsonPath("$.to").value("2026-03-02T09:40:00Z"))
                .andExpect(jsonPath("$.bucketSeconds").value(60))
                .andExpect(jsonPath("$.buckets.length()").value(40))
                .andExpect(jsonPath("$.buckets[39].temperature.average").value(39.0));
    }

    @Test
    void aRunWithoutReadingsHasAnEmptySeries() throws Exception {
        mvc.perform(get("/api/runs/run-x/series"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.buckets").isEmpty())
                .andExpect(jsonPath("$.bucketSeconds").value(0));
    }

    @Test
    void tooManyBucketsOrARangeEndingBeforeItStartsIsABadRequestNamingTheParameter() throws Exception {
        mvc.perform(get("/api/runs/run-1/series?buckets=1001"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("buckets"))
                .andExpect(jsonPath("$.rule").value("max"));
        mvc.perform(get("/api/runs/run-1/series?from=2026-03-02T09:00:10Z&to=2026-03-02T09:00:00Z"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("to"))
                .andExpect(jsonPath("$.rule").value("not-before-from"));
    }

    @Test
    void readingsAsCsvHaveAHeaderRowAndOneQuotedWhereNeededRowPerReadingOldestFirst() throws Exception {
        rawReadings.insert(at(0, 0, List.of(
                reading("r-2", "run-1", "s-1", T0.plusSeconds(2), 21.5, 40.0, null),
                reading("r-1", "run-1", "s-1", T0, 20.0, null, 1013.25),
                new SensorReading("r-3", "run-1", "s-2", "rig \"A\", bay 2", T0.plusSeconds(1), T0.plusSeconds(1),
                        19.0, null, null),
                reading("r-9", "run-2", "s-1", T0, 50.0, null, null))));

        MvcResult csv = mvc.perform(get("/api/runs/run-1/readings").accept("text/csv"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andReturn();

        assertThat(csv.getResponse().getHeader("Content-Disposition"))
                .contains("attachment", "run-run-1-readings.csv");
        assertThat(body(csv)).isEqualTo(
                "readingId,runId,sensorId,timestamp,receivedAt,temperature,humidity,pressure,source\r\n"
                + "r-1,run-1,s-1,2026-03-02T09:00:00Z,2026-03-02T09:00:00.005Z,20.0,,1013.25,device-1\r\n"
                + "r-3,run-1,s-2,2026-03-02T09:00:01Z,2026-03-02T09:00:01Z,19.0,,,\"rig \"\"A\"\", bay 2\"\r\n"
                + "r-2,run-1,s-1,2026-03-02T09:00:02Z,2026-03-02T09:00:02.005Z,21.5,40.0,,device-1\r\n");
    }

    @Test
    void readingsAsCsvAreFilteredBySensorAndTimeAndAlsoAskedForWithFormat() throws Exception {
        store(10, "run-1", "s-1");
        store(10, "run-1", "s-2");

        MvcResult csv = mvc.perform(get("/api/runs/run-1/readings").param("format", "csv").param("sensorId", "s-2")
                        .param("from", "2026-03-02T09:00:03Z").param("to", "2026-03-02T09:00:05Z"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andReturn();

        assertThat(body(csv).split("\r\n")).extracting(line -> line.split(",")[0])
                .containsExactly("readingId", "run-1-s-2-3", "run-1-s-2-4");
        mvc.perform(get("/api/runs/run-1/readings?format=csv&sensorId=no spaces"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("sensorId"))
                .andExpect(jsonPath("$.rule").value("pattern"));
    }

    @Test
    void theReadingStreamSendsTheLatestReadingsThenEachNewOneOfItsRun() throws Exception {
        store(3, "run-1", "s-1");

        MvcResult result = mvc.perform(get("/api/sensors/updates?runId=run-1"))
                .andExpect(request().asyncStarted()).andReturn();
        emitter.emit(WatchRunReadingsQuery.class, query -> query.runId().equals("run-2"),
                reading("run-2", "s-1", 0, 50.0));
        emitter.emit(WatchRunReadingsQuery.class, query -> query.runId().equals("run-1"),
                reading("run-1", "s-9", 9, 30.0));
        await().atMost(Duration.ofSeconds(5)).until(() -> body(result).contains("run-1-s-9-9"));

        assertThat(body(result)).containsSubsequence(
                "event:reading\ndata:{\"readingId\":\"run-1-s-1-0\"",
                "event:reading\ndata:{\"readingId\":\"run-1-s-1-1\"",
                "event:reading\ndata:{\"readingId\":\"run-1-s-1-2\"",
                "event:reading\ndata:{\"readingId\":\"run-1-s-9-9\"");
        assertThat(body(result)).doesNotContain("run-2");
    }

    @Test
    void aStreamWithoutRunIsABadRequestNamingRunId() throws Exception {
        mvc.perform(get("/api/sensors/updates").accept(MediaType.TEXT_EVENT_STREAM, MediaType.APPLICATION_JSON))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("runId"));
        assertThat(emitter.activeSubscriptions()).isEmpty();
    }

    private void store(int count, String runId, String sensorId) {
        List<SensorReading> readings = new ArrayList<>();
        for (int second = 0; second < count; second++) {
            readings.add(reading(runId, sensorId, second, second));
        }
        rawReadings.insert(Readings.at(0, 0, readings));
    }

    private static String body(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString();
    }
}
