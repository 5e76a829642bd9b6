package io.axle.query.vehicle;

import io.axle.api.common.PageResult;
import io.axle.api.vehicle.ExportVehiclesQuery;
import io.axle.api.vehicle.FindVehicleQuery;
import io.axle.api.vehicle.ListVehiclesQuery;
import io.axle.api.vehicle.VehicleSeries;
import io.axle.api.vehicle.VehicleView;
import io.axle.api.vehicle.WatchVehicleQuery;
import io.axle.platform.web.NotFoundException;
import io.axle.query.CsvColumns;
import io.axle.query.CsvExports;
import io.axle.query.ListParams;
import io.axle.query.PageParams;
import io.axle.query.Pages;
import io.axle.query.UpdateStreams;
import jakarta.validation.Valid;
import java.time.Clock;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Autowired;
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
 * The vehicle read API: one vehicle, a searched and filtered page of vehicles (or all of them as CSV), one measure
 * of a vehicle's telemetry as a series, and a vehicle's view live as server-sent events.
 */
@RestController
@RequestMapping("/api/v1/vehicles")
public class VehicleQueryController {

    static final String READERS = "hasAnyRole('ADMIN','OPERATOR','TECHNICIAN','ANALYST')";
    static final String EVENT = "vehicle";

    /** The columns of the CSV export: the registry, the dongle and what the vehicle reports now. */
    static final CsvColumns<VehicleView> CSV = CsvColumns.of(VehicleView.class)
            .column("vehicleId", VehicleView::vehicleId)
            .column("vin", VehicleView::vin)
            .column("plate", VehicleView::plate)
            .column("plateCountry", VehicleView::plateCountry)
            .column("make", VehicleView::make)
            .column("model", VehicleView::model)
            .column("year", VehicleView::year)
            .column("manufacturer", VehicleView::manufacturer)
            .column("country", VehicleView::country)
            .column("ownerCustomerId", VehicleView::ownerCustomerId)
            .column("dongleId", VehicleView::dongleId)
            .column("online", VehicleView::online)
            .column("lastSeenAt", VehicleView::lastSeenAt)
            .column("troubleCodes", vehicle -> String.join(" ", vehicle.troubleCodes().stream()
                    .map(VehicleView.ActiveTroubleCode::code).toList()))
            .column("alarms", vehicle -> String.join(" ", vehicle.alarms().stream()
                    .map(VehicleView.ActiveAlarm::rule).toList()))
            .column("registeredAt", VehicleView::registeredAt);

    private final QueryGateway queryGateway;
    private final UpdateStreams updateStreams;
    private final CsvExports exports;
    private final Clock clock;

    @Autowired
    public VehicleQueryController(QueryGateway queryGateway, UpdateStreams updateStreams, CsvExports exports) {
        this(queryGateway, updateStreams, exports, Clock.systemUTC());
    }

    VehicleQueryController(QueryGateway queryGateway, UpdateStreams updateStreams, CsvExports exports, Clock clock) {
        this.queryGateway = queryGateway;
        this.updateStreams = updateStreams;
        this.exports = exports;
        this.clock = clock;
    }

    @GetMapping("/{vehicleId}")
    @PreAuthorize(READERS)
    public VehicleView find(@PathVariable("vehicleId") String id) {
        return existing(id);
    }

    /**
     * Vehicles by VIN, or as {@code sort} asks; {@code q} matches VIN or plate, {@code online} and {@code make}
     * (ignoring case) filter, {@code from}/{@code to} bound the registration.
     */
    @GetMapping
    @PreAuthorize(READERS)
    public PageResult<VehicleView> list(@Valid PageParams paging, @Valid ListParams list,
            @RequestParam(required = false) Boolean online, @RequestParam(required = false) String make) {
        return Pages.queryPage(queryGateway, query(paging, list, online, make));
    }

    /** Every row the same filters match, as CSV ({@code Accept: text/csv} or {@code ?format=csv}). */
    @GetMapping(produces = CsvExports.CSV)
    @PreAuthorize(READERS)
    public ResponseEntity<StreamingResponseBody> export(@Valid PageParams paging, @Valid ListParams list,
            @RequestParam(required = false) Boolean online, @RequestParam(required = false) String make) {
        ListVehiclesQuery query = query(paging, list, online, make);
        return exports.export(VehicleProjection.LISTING.name(), VehicleView.class, CSV,
                limit -> new ExportVehiclesQuery(query, limit));
    }

    private static ListVehiclesQuery query(PageParams paging, ListParams list, Boolean online, String make) {
        return new ListVehiclesQuery(VehicleProjection.LISTING.criteria(list), online, make, paging.pageOrDefault(),
                paging.sizeOrDefault());
    }

    /** One measure of the vehicle, raw or in minute or hour buckets (see {@link VehicleTelemetryParams}). */
    @GetMapping("/{vehicleId}/telemetry")
    @PreAuthorize(READERS)
    public VehicleSeries telemetry(@PathVariable("vehicleId") String id, VehicleTelemetryParams params) {
        var query = params.toQuery(id, clock);
        existing(id);
        return queryGateway.query(query, VehicleSeries.class).join();
    }

    /** The vehicle's view as events {@code vehicle}: now, then after each event or frame that changes it. */
    @GetMapping(path = "/{vehicleId}/updates", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize(READERS)
    public SseEmitter updates(@PathVariable("vehicleId") String id) {
        return updateStreams.stream(EVENT, new WatchVehicleQuery(id), ResponseTypes.instanceOf(VehicleView.class),
                ResponseTypes.instanceOf(VehicleView.class), vehicle -> {
                    if (vehicle == null) {
                        throw new NotFoundException("vehicle", id);
                    }
                    return List.of(vehicle);
                });
    }

    private VehicleView existing(String id) {
        VehicleView vehicle = queryGateway.query(new FindVehicleQuery(id), VehicleView.class).join();
        if (vehicle == null) {
            throw new NotFoundException("vehicle", id);
        }
        return vehicle;
    }
}
