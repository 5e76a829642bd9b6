package io.axle.query.sensor;

import io.axle.api.common.PageResult;
import io.axle.api.sensor.FindReadingsQuery;
import io.axle.api.sensor.FindRunStatisticsQuery;
import io.axle.api.sensor.RunStatistics;
import io.axle.api.sensor.SensorReading;
import io.axle.api.sensor.WatchRunReadingsQuery;
import io.axle.platform.web.Problems;
import io.axle.query.PageParams;
import io.axle.query.Pages;
import io.axle.query.UpdateStreams;
import jakarta.validation.Valid;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The sensor read API: a run's readings page by page, its statistics, and its readings live as server-sent events. */
@RestController
public class SensorQueryController {

    static final String READERS = "hasAnyRole('ADMIN','OPERATOR','TECHNICIAN','ANALYST')";
    static final String EVENT = "reading";

    private final QueryGateway queryGateway;
    private final UpdateStreams updateStreams;

    public SensorQueryController(QueryGateway queryGateway, UpdateStreams updateStreams) {
        this.queryGateway = queryGateway;
        this.updateStreams = updateStreams;
    }

    /** A page of the run's readings, oldest first; {@code from} is inclusive, {@code to} exclusive. */
    @GetMapping("/api/sensors/data")
    @PreAuthorize(READERS)
    public PageResult<SensorReading> readings(@Valid SensorDataParams params) {
        if (params.from() != null && params.to() != null && params.to().isBefore(params.from())) {
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, Problems.refusal(HttpStatus.BAD_REQUEST, "to",
                    "not-before-from", "to (" + params.to() + ") must not be before from (" + params.from() + ")."),
                    null);
        }
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

    /** The run's readings as events {@code reading}: its newest 200 first, oldest of them first, then each new one. */
    @GetMapping(path = "/api/sensors/updates", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize(READERS)
    public SseEmitter updates(@Valid RunReadingsParams params) {
        return updateStreams.stream(EVENT, new WatchRunReadingsQuery(params.runId()),
                ResponseTypes.multipleInstancesOf(SensorReading.class), ResponseTypes.instanceOf(SensorReading.class),
                initial -> initial == null ? List.of() : initial);
    }
}
