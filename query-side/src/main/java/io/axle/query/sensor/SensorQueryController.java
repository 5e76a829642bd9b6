package io.axle.query.sensor;

import io.axle.api.common.PageResult;
import io.axle.api.sensor.FindReadingsQuery;
import io.axle.api.sensor.FindRunSeriesQuery;
import io.axle.api.sensor.FindRunStatisticsQuery;
import io.axle.api.sensor.RunSeries;
import io.axle.api.sensor.RunStatistics;
import io.axle.api.sensor.SensorReading;
import io.axle.api.sensor.WatchRunReadingsQuery;
import io.axle.platform.web.Problems;
import io.axle.query.PageParams;
import io.axle.query.Pages;
import io.axle.query.UpdateStreams;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The sensor read API: a run's readings page by page or as CSV, its statistics, its readings downsampled for a chart,
 * and its readings live as server-sent events.
 */
@RestController
public class SensorQueryController {

    static final String READERS = "hasAnyRole('ADMIN','OPERATOR','TECHNICIAN','ANALYST')";
    static final String EVENT = "reading";
    static final String CSV = "text/csv";

    private final QueryGateway queryGateway;
    private final UpdateStreams updateStreams;
    private final ReadingsCsv readingsCsv;

    public SensorQueryController(QueryGateway queryGateway, UpdateStreams updateStreams, ReadingsCsv readingsCsv) {
        this.queryGateway = queryGateway;
        this.updateStreams = updateStreams;
        this.readingsCsv = readingsCsv;
    }

    /** A page of the run's readings, oldest first; {@code from} is inclusive, {@code to} exclusive. */
    @GetMapping("/api/sensors/data")
    @PreAuthorize(READERS)
    public PageResult<SensorReading> readings(@Valid SensorDataParams params) {
        requireOrdered(params.from(), params.to());
        PageParams paging = params.paging();
        return Pages.queryPage(queryGateway, new FindReadingsQuery(params.runId(), params.sensorId(), params.from(),
                params.to(), paging.pageOrDefault(), paging.sizeOrDefault()));
    }

    /** The run's statistics overall, per sensor and per minute; zero counts while it has no readings. */
    @GetMapping("/api/runs/{id}/stats")
    @PreAuthorize(READERS)
    public RunStatistics statistics(@PathVariable String id) {
        return queryGateway.query(new FindRunStatisticsQuery(id), RunStatistics.class).join();
    }

    /**
     * The run's readings downsampled for a chart: per sensor and bucket, the count and the minimum, maximum and average
     * of each measure, in at most {@code buckets} buckets (default {@value RunSeriesParams#DEFAULT_BUCKETS}) between
     * {@code from} and {@code to}, or over the whole run without them.
     */
    @GetMapping("/api/runs/{id}/series")
    @PreAuthorize(READERS)
    public RunSeries series(@PathVariable String id, @Valid RunSeriesParams params) {
        requireOrdered(params.from(), params.to());
        return queryGateway.query(new FindRunSeriesQuery(id, params.from(), params.to(), params.bucketsOrDefault()),
                RunSeries.class).join();
    }

    /**
     * The run's readings as CSV, oldest first, written to the response as they are read; asked for with
     * {@code Accept: text/csv} or {@code ?format=csv}. A run without readings answers the header row alone.
     */
    @GetMapping(path = "/api/runs/{id}/readings", produces = CSV)
    @PreAuthorize(READERS)
    public void readingsCsv(@PathVariable String id, @Valid ReadingsExportParams params, HttpServletResponse response)
            throws IOException {
        requireOrdered(params.from(), params.to());
        response.setContentType(CSV + ";charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("run-" + id + "-readings.csv", StandardCharsets.UTF_8).build().toString());
        readingsCsv.write(id, params.sensorId(), params.from(), params.to(), response.getWriter());
    }

    /** {@link #readingsCsv} for a link or client that cannot choose its Accept header. */
    @GetMapping(path = "/api/runs/{id}/readings", params = "format=csv")
    @PreAuthorize(READERS)
    public void readingsCsvByFormat(@PathVariable String id, @Valid ReadingsExportParams params,
            HttpServletResponse response) throws IOException {
        readingsCsv(id, params, response);
    }

    /** The run's readings as events {@code reading}: its newest 200 first, oldest of them first, then each new one. */
    @GetMapping(path = "/api/sensors/updates", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize(READERS)
    public SseEmitter updates(@Valid RunReadingsParams params) {
        return updateStreams.stream(EVENT, new WatchRunReadingsQuery(params.runId()),
                ResponseTypes.multipleInstancesOf(SensorReading.class), ResponseTypes.instanceOf(SensorReading.class),
                initial -> initial == null ? List.of() : initial);
    }

    /** Refuses a range whose end comes before its start: 400 naming {@code to} and the rule. */
    private static void requireOrdered(Instant from, Instant to) {
        if (from != null && to != null && to.isBefore(from)) {
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, Problems.refusal(HttpStatus.BAD_REQUEST, "to",
                    "not-before-from", "to (" + to + ") must not be before from (" + from + ")."), null);
        }
    }
}
