package io.axle.query.flash;

import io.axle.api.common.PageResult;
import io.axle.api.flash.ExportFlashJobsQuery;
import io.axle.api.flash.FindFlashJobQuery;
import io.axle.api.flash.FlashJobView;
import io.axle.api.flash.ListFlashJobsQuery;
import io.axle.api.flash.WatchFlashJobQuery;
import io.axle.platform.web.NotFoundException;
import io.axle.query.CsvColumns;
import io.axle.query.CsvExports;
import io.axle.query.ListParams;
import io.axle.query.PageParams;
import io.axle.query.Pages;
import io.axle.query.UpdateStreams;
import jakarta.validation.Valid;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The flash job read API: one job with its timeline, a filtered page of jobs (or all of them as CSV), and one job's
 * view live as server-sent events. Starting and cancelling a flash are the command side's.
 */
@RestController
@RequestMapping("/api/v1/flash-jobs")
public class FlashJobQueryController {

    static final String READERS = "hasAnyRole('ADMIN','OPERATOR','TECHNICIAN','ANALYST')";
    static final String EVENT = "flash-job";

    /** The columns of the CSV export: the job, where it ended and why. */
    static final CsvColumns<FlashJobView> CSV = CsvColumns.of(FlashJobView.class)
            .column("flashJobId", FlashJobView::flashJobId)
            .column("vehicleId", FlashJobView::vehicleId)
            .column("ecu", FlashJobView::ecu)
            .column("firmwareId", FlashJobView::firmwareId)
            .column("fromVersion", FlashJobView::fromVersion)
            .column("toVersion", FlashJobView::toVersion)
            .column("status", FlashJobView::status)
            .column("step", FlashJobView::step)
            .column("progressPct", FlashJobView::progressPct)
            .column("requestedAt", FlashJobView::requestedAt)
            .column("startedAt", FlashJobView::startedAt)
            .column("finishedAt", FlashJobView::finishedAt)
            .column("reason", FlashJobView::reason)
            .column("requestedBy", FlashJobView::requestedBy)
            .column("campaignId", FlashJobView::campaignId);

    private final QueryGateway queryGateway;
    private final UpdateStreams updateStreams;
    private final CsvExports exports;

    public FlashJobQueryController(QueryGateway queryGateway, UpdateStreams updateStreams, CsvExports exports) {
        this.queryGateway = queryGateway;
        this.updateStreams = updateStreams;
        this.exports = exports;
    }

    @GetMapping("/{flashJobId}")
    @PreAuthorize(READERS)
    public FlashJobView find(@PathVariable("flashJobId") String id) {
        FlashJobView job = queryGateway.query(new FindFlashJobQuery(id), FlashJobView.class).join();
        if (job == null) {
            throw new NotFoundException("flash-job", id);
        }
        return job;
    }

    /**
     * Jobs newest first, or as {@code sort} asks, of one vehicle, status or campaign if given; {@code q} matches the
     * job, vehicle, ECU and versions, {@code from}/{@code to} bound the request.
     */
    @GetMapping
    @PreAuthorize(READERS)
    public PageResult<FlashJobView> list(@Valid FlashJobListParams params, @Valid ListParams list) {
        return Pages.queryPage(queryGateway, query(params, list));
    }

    /** Every row the same filters match, as CSV ({@code Accept: text/csv} or {@code ?format=csv}). */
    @GetMapping(produces = CsvExports.CSV)
    @PreAuthorize(READERS)
    public ResponseEntity<StreamingResponseBody> export(@Valid FlashJobListParams params, @Valid ListParams list) {
        ListFlashJobsQuery query = query(params, list);
        return exports.export(FlashJobProjection.LISTING.name(), FlashJobView.class, CSV,
                limit -> new ExportFlashJobsQuery(query, limit));
    }

    private static ListFlashJobsQuery query(FlashJobListParams params, ListParams list) {
        PageParams paging = params.paging();
        return new ListFlashJobsQuery(FlashJobListParams.blankToNull(params.vehicleId()), params.status(),
                FlashJobListParams.blankToNull(params.campaignId()), FlashJobProjection.LISTING.criteria(list),
                paging.pageOrDefault(), paging.sizeOrDefault());
    }

    /**
     * The job's view as events {@code flash-job}: now, then after each event that changes it (progress, steps). A job
     * not in the read model yet is not an error (a page opened right after the request): its first change follows.
     */
    @GetMapping(path = "/{flashJobId}/updates", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize(READERS)
    public SseEmitter updates(@PathVariable("flashJobId") String id) {
        return updateStreams.stream(EVENT, new WatchFlashJobQuery(id), ResponseTypes.instanceOf(FlashJobView.class),
                ResponseTypes.instanceOf(FlashJobView.class), job -> job == null ? List.of() : List.of(job));
    }
}
