package io.axle.query.firmware;

import io.axle.api.common.PageResult;
import io.axle.api.firmware.ExportFirmwareQuery;
import io.axle.api.firmware.FindFirmwareQuery;
import io.axle.api.firmware.FirmwareStatus;
import io.axle.api.firmware.FirmwareView;
import io.axle.api.firmware.ListFirmwareQuery;
import io.axle.platform.web.NotFoundException;
import io.axle.query.CsvColumns;
import io.axle.query.CsvExports;
import io.axle.query.ListParams;
import io.axle.query.PageParams;
import io.axle.query.Pages;
import jakarta.validation.Valid;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The firmware catalogue read API: one firmware, a filtered page of the catalogue, or all of it as CSV. Releasing,
 * withdrawing and downloading an image are the command side's.
 */
@RestController
@RequestMapping("/api/v1/firmware")
public class FirmwareQueryController {

    static final String READERS = "hasAnyRole('ADMIN','OPERATOR','TECHNICIAN','ANALYST')";

    /** The columns of the CSV export: what the firmware is, what it fits, and whether it may be flashed. */
    static final CsvColumns<FirmwareView> CSV = CsvColumns.of(FirmwareView.class)
            .column("firmwareId", FirmwareView::firmwareId)
            .column("ecu", FirmwareView::ecu)
            .column("version", FirmwareView::version)
            .column("sha256", FirmwareView::sha256)
            .column("size", FirmwareView::size)
            .column("fileName", FirmwareView::fileName)
            .column("hardware", firmware -> String.join(" ", firmware.hardware()))
            .column("fromVersions", FirmwareView::fromVersions)
            .column("status", FirmwareView::status)
            .column("releasedBy", FirmwareView::releasedBy)
            .column("releasedAt", FirmwareView::releasedAt)
            .column("withdrawnReason", FirmwareView::withdrawnReason)
            .column("withdrawnAt", FirmwareView::withdrawnAt);

    private final QueryGateway queryGateway;
    private final CsvExports exports;

    public FirmwareQueryController(QueryGateway queryGateway, CsvExports exports) {
        this.queryGateway = queryGateway;
        this.exports = exports;
    }

    @GetMapping("/{firmwareId}")
    @PreAuthorize(READERS)
    public FirmwareView find(@PathVariable("firmwareId") String id) {
        FirmwareView firmware = queryGateway.query(new FindFirmwareQuery(id), FirmwareView.class).join();
        if (firmware == null) {
            throw new NotFoundException("firmware", id);
        }
        return firmware;
    }

    /**
     * The catalogue newest release first, or as {@code sort} asks, of one ECU (ignoring case) and status if given;
     * {@code q} matches versions, file names and release notes, {@code from}/{@code to} bound the release.
     */
    @GetMapping
    @PreAuthorize(READERS)
    public PageResult<FirmwareView> list(@Valid PageParams paging, @Valid ListParams list,
            @RequestParam(required = false) String ecu, @RequestParam(required = false) FirmwareStatus status) {
        return Pages.queryPage(queryGateway, query(paging, list, ecu, status));
    }

    /** Every row the same filters match, as CSV ({@code Accept: text/csv} or {@code ?format=csv}). */
    @GetMapping(produces = CsvExports.CSV)
    @PreAuthorize(READERS)
    public ResponseEntity<StreamingResponseBody> export(@Valid PageParams paging, @Valid ListParams list,
            @RequestParam(required = false) String ecu, @RequestParam(required = false) FirmwareStatus status) {
        ListFirmwareQuery query = query(paging, list, ecu, status);
        return exports.export(FirmwareProjection.LISTING.name(), FirmwareView.class, CSV,
                limit -> new ExportFirmwareQuery(query, limit));
    }

    private static ListFirmwareQuery query(PageParams paging, ListParams list, String ecu, FirmwareStatus status) {
        return new ListFirmwareQuery(ecu == null || ecu.isBlank() ? null : ecu.strip(), status,
                FirmwareProjection.LISTING.criteria(list), paging.pageOrDefault(), paging.sizeOrDefault());
    }
}
