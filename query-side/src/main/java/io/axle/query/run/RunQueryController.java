package io.axle.query.run;

import io.axle.platform.web.PublicUrls;
import io.axle.api.common.PageResult;
import io.axle.api.run.ExportRunsQuery;
import io.axle.api.run.FindAllRunsQuery;
import io.axle.api.run.FindRunQuery;
import io.axle.api.run.ListRunsQuery;
import io.axle.api.run.RunSlots;
import io.axle.api.run.RunStatus;
import io.axle.api.run.RunView;
import io.axle.api.run.WatchRunsQuery;
import io.axle.platform.web.NotFoundException;
import io.axle.query.CsvColumns;
import io.axle.query.CsvExports;
import io.axle.query.ListParams;
import io.axle.query.PageParams;
import io.axle.query.Pages;
import io.axle.query.UpdateStreams;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The seed's run read API: whether a run can start, the running runs, one run, a searched and sorted page of runs or
 * all of them as CSV, every run, and their live updates as server-sent events. Each run links to its live page in the
 * UI ({@code grafanaUrl}), under {@code axle.public-url} or the address of the request.
 */
@RestController
@RequestMapping("/api/runs")
public class RunQueryController {

    static final String READERS = "hasAnyRole('ADMIN','OPERATOR','TECHNICIAN','ANALYST')";
    static final String EVENT = "run";

    /** The columns of the CSV export. */
    static final CsvColumns<RunView> CSV = CsvColumns.of(RunView.class)
            .column("runId", RunView::id)
            .column("name", RunView::name)
            .column("username", RunView::username)
            .column("status", RunView::status)
            .column("startedAt", RunView::startedAt)
            .column("finishedAt", RunView::finishedAt)
            .column("duration", RunView::duration)
            .column("interval", RunView::interval);

    private final QueryGateway queryGateway;
    private final UpdateStreams updateStreams;
    private final CsvExports exports;
    private final String publicUrl;

    public RunQueryController(QueryGateway queryGateway, UpdateStreams updateStreams, CsvExports exports,
            @Value("${" + PublicUrls.PROPERTY + ":}") String publicUrl) {
        this.queryGateway = queryGateway;
        this.updateStreams = updateStreams;
        this.exports = exports;
        this.publicUrl = publicUrl;
    }

    /**
     * Whether a start would find a free slot now, from the read model: a slot is held from a run's start until the run
     * saga releases it after the run ended, so {@code canStart} compares the held slots, not the RUNNING runs, with the
     * limit. Advisory, since only the command side decides (a start may still be refused by a concurrent one).
     */
    @GetMapping("/can-start")
    @PreAuthorize(READERS)
    public CanStart canStart() {
        long running = Pages.<RunView>queryPage(queryGateway, new ListRunsQuery(RunStatus.RUNNING, 0, 1))
                .totalElements();
        Long held = queryGateway.query(new HeldRunSlotsQuery(), Long.class).join();
        long heldSlots = held == null ? 0 : held;
        return new CanStart(heldSlots < RunSlots.CAPACITY, running, RunSlots.CAPACITY, heldSlots);
    }

    /** Every running run, newest first. */
    @GetMapping("/running")
    @PreAuthorize(READERS)
    public List<RunView> running(HttpServletRequest request) {
        PageResult<RunView> running = Pages.queryPage(queryGateway,
                new ListRunsQuery(RunStatus.RUNNING, 0, PageParams.MAX_SIZE));
        return linked(running.content(), request);
    }

    @GetMapping("/all")
    @PreAuthorize(READERS)
    public List<RunView> all(HttpServletRequest request) {
        List<RunView> runs = queryGateway.query(new FindAllRunsQuery(),
                ResponseTypes.multipleInstancesOf(RunView.class)).join();
        return linked(runs, request);
    }

    @GetMapping("/{id}")
    @PreAuthorize(READERS)
    public RunView find(@PathVariable String id, HttpServletRequest request) {
        RunView run = queryGateway.query(new FindRunQuery(id), RunView.class).join();
        if (run == null) {
            throw new NotFoundException("run", id);
        }
        return linked(run, base(request));
    }

    /** Runs newest first, or as {@code sort} asks, in a status if one is given, searched and bounded by start. */
    @GetMapping
    @PreAuthorize(READERS)
    public PageResult<RunView> list(@Valid RunListParams params, @Valid ListParams list, HttpServletRequest request) {
        PageResult<RunView> page = Pages.queryPage(queryGateway, query(params, list));
        return new PageResult<>(linked(page.content(), request), page.page(), page.size(), page.totalElements());
    }

    /** Every row the same filters match, as CSV ({@code Accept: text/csv} or {@code ?format=csv}). */
    @GetMapping(produces = CsvExports.CSV)
    @PreAuthorize(READERS)
    public ResponseEntity<StreamingResponseBody> export(@Valid RunListParams params, @Valid ListParams list) {
        ListRunsQuery query = query(params, list);
        return exports.export(RunProjection.LISTING.name(), RunView.class, CSV,
                limit -> new ExportRunsQuery(query, limit));
    }

    private static ListRunsQuery query(RunListParams params, ListParams list) {
        PageParams paging = params.paging();
        return new ListRunsQuery(params.status(), RunProjection.LISTING.criteria(list), paging.pageOrDefault(),
                paging.sizeOrDefault());
    }

    /**
     * Runs as events {@code run}: first the current state (of the named run, or the newest runs, oldest of them
     * first), then every change. A run not in the read model yet is not an error: its first change follows.
     */
    @GetMapping(path = "/updates", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize(READERS)
    public SseEmitter updates(@RequestParam(required = false) String runId, HttpServletRequest request) {
        String base = base(request);
        return updateStreams.stream(EVENT, new WatchRunsQuery(runId),
                ResponseTypes.multipleInstancesOf(RunView.class), ResponseTypes.instanceOf(RunView.class),
                newestFirst -> UpdateStreams.oldestFirst(newestFirst).stream().map(run -> linked(run, base)).toList(),
                run -> linked(run, base));
    }

    private String base(HttpServletRequest request) {
        return PublicUrls.base(publicUrl, request);
    }

    private List<RunView> linked(List<RunView> runs, HttpServletRequest request) {
        String base = base(request);
        return runs.stream().map(run -> linked(run, base)).toList();
    }

    private static RunView linked(RunView run, String base) {
        return run.withGrafanaUrl(PublicUrls.runPage(base, run.id()));
    }

    /**
     * Answer of can-start: whether a slot is free, how many runs are RUNNING, the cap, and how many slots are held
     * (the RUNNING runs plus ended runs whose slot is not released yet).
     */
    public record CanStart(boolean canStart, long running, int limit, long held) {
    }
}
