package io.axle.query.campaign;

import io.axle.api.campaign.CampaignStatus;
import io.axle.api.campaign.CampaignView;
import io.axle.api.campaign.FindCampaignQuery;
import io.axle.api.campaign.ListCampaignsQuery;
import io.axle.api.campaign.WatchCampaignQuery;
import io.axle.api.common.PageResult;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The flash campaign read API: one campaign with its counts per group, a page of campaigns (or all of them as CSV),
 * and one campaign's view live as server-sent events. Creating and steering campaigns are the command side's.
 */
@RestController
@RequestMapping("/api/v1/flash-campaigns")
public class CampaignQueryController {

    static final String READERS = "hasAnyRole('ADMIN','OPERATOR','TECHNICIAN','ANALYST')";
    static final String EVENT = "flash-campaign";

    /** The columns of the CSV export: the campaign, its thresholds and its overall counts. */
    static final CsvColumns<CampaignView> CSV = CsvColumns.of(CampaignView.class)
            .column("campaignId", CampaignView::campaignId)
            .column("name", CampaignView::name)
            .column("firmwareId", CampaignView::firmwareId)
            .column("ecu", CampaignView::ecu)
            .column("toVersion", CampaignView::toVersion)
            .column("status", CampaignView::status)
            .column("successThresholdPct", CampaignView::successThresholdPct)
            .column("errorThresholdPct", CampaignView::errorThresholdPct)
            .column("groups", campaign -> campaign.groups().size())
            .column("currentGroup", CampaignView::currentGroup)
            .column("vehicles", campaign -> campaign.totals().vehicles())
            .column("waiting", campaign -> campaign.totals().waiting())
            .column("running", campaign -> campaign.totals().running())
            .column("flashed", campaign -> campaign.totals().flashed())
            .column("failed", campaign -> campaign.totals().failed())
            .column("cancelled", campaign -> campaign.totals().cancelled())
            .column("expired", campaign -> campaign.totals().expired())
            .column("createdBy", CampaignView::createdBy)
            .column("createdAt", CampaignView::createdAt)
            .column("startedAt", CampaignView::startedAt)
            .column("finishedAt", CampaignView::finishedAt)
            .column("pauseReason", CampaignView::pauseReason);

    private final QueryGateway queryGateway;
    private final UpdateStreams updateStreams;
    private final CsvExports exports;

    public CampaignQueryController(QueryGateway queryGateway, UpdateStreams updateStreams, CsvExports exports) {
        this.queryGateway = queryGateway;
        this.updateStreams = updateStreams;
        this.exports = exports;
    }

    @GetMapping("/{campaignId}")
    @PreAuthorize(READERS)
    public CampaignView find(@PathVariable("campaignId") String id) {
        CampaignView campaign = queryGateway.query(new FindCampaignQuery(id), CampaignView.class).join();
        if (campaign == null) {
            throw new NotFoundException("flash-campaign", id);
        }
        return campaign;
    }

    /**
     * Campaigns newest first, or as {@code sort} asks, of one status if given; {@code q} matches the campaign, its
     * name, firmware, ECU and version, {@code from}/{@code to} bound the creation.
     */
    @GetMapping
    @PreAuthorize(READERS)
    public PageResult<CampaignView> list(@Valid PageParams paging, @Valid ListParams list,
            @RequestParam(name = "status", required = false) CampaignStatus status) {
        return Pages.queryPage(queryGateway, query(paging, list, status));
    }

    /** Every row the same filters match, as CSV ({@code Accept: text/csv} or {@code ?format=csv}). */
    @GetMapping(produces = CsvExports.CSV)
    @PreAuthorize(READERS)
    public ResponseEntity<StreamingResponseBody> export(@Valid PageParams paging, @Valid ListParams list,
            @RequestParam(name = "status", required = false) CampaignStatus status) {
        ListCampaignsQuery query = query(paging, list, status);
        return exports.export(CampaignProjection.LISTING.name(), CampaignView.class, CSV,
                limit -> new ExportCampaignsQuery(query, limit));
    }

    private static ListCampaignsQuery query(PageParams paging, ListParams list, CampaignStatus status) {
        return new ListCampaignsQuery(status, CampaignProjection.LISTING.criteria(list), paging.pageOrDefault(),
                paging.sizeOrDefault());
    }

    /**
     * The campaign's view as events {@code flash-campaign}: now, then after each event that changes it (its counts).
     * A campaign not in the read model yet is not an error (a page opened right after creation): its first change
     * follows.
     */
    @GetMapping(path = "/{campaignId}/updates", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize(READERS)
    public SseEmitter updates(@PathVariable("campaignId") String id) {
        return updateStreams.stream(EVENT, new WatchCampaignQuery(id), ResponseTypes.instanceOf(CampaignView.class),
                ResponseTypes.instanceOf(CampaignView.class),
                campaign -> campaign == null ? List.of() : List.of(campaign));
    }
}
