package io.axle.command.campaign;

import io.axle.api.campaign.ApproveFlashCampaignCommand;
import io.axle.api.campaign.CampaignTarget;
import io.axle.api.campaign.CreateFlashCampaignCommand;
import io.axle.api.campaign.FindCampaignTargetsQuery;
import io.axle.api.campaign.PauseFlashCampaignCommand;
import io.axle.api.campaign.ResumeFlashCampaignCommand;
import io.axle.api.campaign.StartFlashCampaignCommand;
import io.axle.api.campaign.StopFlashCampaignCommand;
import io.axle.api.common.Refusal;
import io.axle.command.CommandRefusalInterceptor;
import io.axle.command.firmware.FirmwareCatalogue;
import io.axle.platform.json.FreeText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Creates flash campaigns and moves them along; reading them is the query side's job. The edge checks the request's
 * shape (400 naming the field), the firmware ({@link FirmwareCatalogue}: unknown 422, withdrawn 409), resolves the
 * target into vehicles ({@link FindCampaignTargetsQuery}: none is 422 {@code target} {@code no-vehicle}) and splits
 * them into {@code groups} groups as evenly as possible, in the order answered; the {@link FlashCampaign} aggregate
 * keeps the rules. Admins and technicians run campaigns; only an admin approves one.
 */
@RestController
@RequestMapping("/api/v1/flash-campaigns")
class FlashCampaignCommandController {

    static final String CAMPAIGNERS = "hasAnyRole('ADMIN','TECHNICIAN')";
    static final String APPROVERS = "hasRole('ADMIN')";
    /** The most vehicles one campaign flashes. */
    static final int MAX_VEHICLES = 100_000;
    static final int MAX_GROUPS = 100;
    static final Duration DEFAULT_DEADLINE = Duration.ofDays(7);
    static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._:-]{0,99}";
    static final String ID_MESSAGE = "must be 1 to 100 letters, digits, '.', '_', ':' or '-'";

    private final CommandGateway commandGateway;
    private final QueryGateway queries;
    private final FirmwareCatalogue catalogue;
    private final Duration targetTimeout;
    private final Clock clock;

    @Autowired
    FlashCampaignCommandController(CommandGateway commandGateway, QueryGateway queries, FirmwareCatalogue catalogue,
                                   @Value("${axle.flash.campaign-target-query-timeout:30s}") Duration targetTimeout) {
        this(commandGateway, queries, catalogue, targetTimeout, Clock.systemUTC());
    }

    FlashCampaignCommandController(CommandGateway commandGateway, QueryGateway queries, FirmwareCatalogue catalogue,
                                   Duration targetTimeout, Clock clock) {
        this.commandGateway = commandGateway;
        this.queries = queries;
        this.catalogue = catalogue;
        this.targetTimeout = targetTimeout;
        this.clock = clock;
    }

    @PostMapping
    @PreAuthorize(CAMPAIGNERS)
    public ResponseEntity<CampaignCreated> create(@Valid @RequestBody CreateCampaignRequest request,
                                                  Principal principal) {
        FirmwareCatalogue.Entry firmware = releasedFirmware(request.firmwareId());
        CampaignTarget target = request.target().toTarget();
        List<String> vehicles = targets(target, firmware.ecu());
        if (vehicles.isEmpty()) {
            throw refused(422, "target", "no-vehicle", "no registered vehicle with ECU '" + firmware.ecu()
                    + "' matches the target");
        }
        if (request.groups() > vehicles.size()) {
            throw refused(422, "groups", "more-groups-than-vehicles", request.groups() + " groups for "
                    + vehicles.size() + " vehicles: every group needs a vehicle");
        }
        List<List<String>> groups = split(vehicles, request.groups());
        String campaignId = UUID.randomUUID().toString();
        Instant deadline = request.deadline() == null ? clock.instant().plus(DEFAULT_DEADLINE) : request.deadline();
        commandGateway.sendAndWait(new CreateFlashCampaignCommand(campaignId, request.name(), firmware.firmwareId(),
                firmware.ecu(), firmware.version(), target, groups, request.successThresholdPct(),
                request.errorThresholdPct(), Boolean.TRUE.equals(request.requiresApproval()), deadline,
                who(principal)));
        return ResponseEntity.created(URI.create("/api/v1/flash-campaigns/" + campaignId))
                .body(new CampaignCreated(campaignId, vehicles.size(), groups.stream().map(List::size).toList()));
    }

    @PostMapping("/{campaignId}/approve")
    @PreAuthorize(APPROVERS)
    public ResponseEntity<CampaignAccepted> approve(@PathVariable String campaignId, Principal principal) {
        commandGateway.sendAndWait(new ApproveFlashCampaignCommand(campaignId, who(principal)));
        return ResponseEntity.ok(new CampaignAccepted(campaignId));
    }

    @PostMapping("/{campaignId}/start")
    @PreAuthorize(CAMPAIGNERS)
    public ResponseEntity<CampaignAccepted> start(@PathVariable String campaignId, Principal principal) {
        commandGateway.sendAndWait(new StartFlashCampaignCommand(campaignId, who(principal)));
        return ResponseEntity.accepted().body(new CampaignAccepted(campaignId));
    }

    @PostMapping("/{campaignId}/pause")
    @PreAuthorize(CAMPAIGNERS)
    public ResponseEntity<CampaignAccepted> pause(@PathVariable String campaignId,
                                                  @Valid @RequestBody(required = false) ReasonRequest request,
                                                  Principal principal) {
        commandGateway.sendAndWait(new PauseFlashCampaignCommand(campaignId, reason(request), who(principal)));
        return ResponseEntity.ok(new CampaignAccepted(campaignId));
    }

    @PostMapping("/{campaignId}/resume")
    @PreAuthorize(CAMPAIGNERS)
    public ResponseEntity<CampaignAccepted> resume(@PathVariable String campaignId, Principal principal) {
        commandGateway.sendAndWait(new ResumeFlashCampaignCommand(campaignId, who(principal)));
        return ResponseEntity.accepted().body(new CampaignAccepted(campaignId));
    }

    @PostMapping("/{campaignId}/stop")
    @PreAuthorize(CAMPAIGNERS)
    public ResponseEntity<CampaignAccepted> stop(@PathVariable String campaignId,
                                                 @Valid @RequestBody(required = false) ReasonRequest request,
                                                 Principal principal) {
        commandGateway.sendAndWait(new StopFlashCampaignCommand(campaignId, reason(request), who(principal)));
        return ResponseEntity.accepted().body(new CampaignAccepted(campaignId));
    }

    private FirmwareCatalogue.Entry releasedFirmware(String firmwareId) {
        FirmwareCatalogue.Entry firmware = catalogue.find(firmwareId).orElseThrow(() -> refused(422, "firmwareId",
                "unknown-firmware", "the catalogue has no firmware " + firmwareId));
        if (firmware.withdrawn()) {
            throw refused(409, "firmwareId", "withdrawn", "firmware " + firmwareId
                    + " was withdrawn; no new flash may use it");
        }
        return firmware;
    }

    private List<String> targets(CampaignTarget target, String ecu) {
        return queries.query(new FindCampaignTargetsQuery(target, ecu, MAX_VEHICLES),
                        ResponseTypes.multipleInstancesOf(String.class))
                .orTimeout(targetTimeout.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** {@code vehicles} in {@code count} groups, in order, the first ones one vehicle larger when it does not divide. */
    static List<List<String>> split(List<String> vehicles, int count) {
        List<List<String>> groups = new ArrayList<>(count);
        int size = vehicles.size() / count;
        int larger = vehicles.size() % count;
        int from = 0;
        for (int group = 0; group < count; group++) {
            int to = from + size + (group < larger ? 1 : 0);
            groups.add(List.copyOf(vehicles.subList(from, to)));
            from = to;
        }
        return groups;
    }

    private static RuntimeException refused(int status, String field, String rule, String detail) {
        return CommandRefusalInterceptor.refused(new Refusal(status, field, rule, detail), null);
    }

    private static String reason(ReasonRequest request) {
        return request == null ? null : request.reason();
    }

    private static String who(Principal principal) {
        return principal == null ? "anonymous" : principal.getName();
    }

    record CreateCampaignRequest(
            @NotBlank @Size(max = FlashCampaign.MAX_NAME) String name,
            @NotBlank @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String firmwareId,
            @NotNull @Valid TargetRequest target,
            @NotNull @Min(1) @Max(MAX_GROUPS) Integer groups,
            @NotNull @Min(1) @Max(100) Integer successThresholdPct,
            @NotNull @Min(1) @Max(100) Integer errorThresholdPct,
            Boolean requiresApproval,
            Instant deadline) {
    }

    /** Which vehicles: by make, model and years, or exactly the ids listed (then the others are ignored). */
    record TargetRequest(
            @Size(max = 100) String make,
            @Size(max = 100) String model,
            @Min(1886) @Max(2100) Integer yearFrom,
            @Min(1886) @Max(2100) Integer yearTo,
            @Size(min = 1, max = MAX_VEHICLES) List<@NotBlank @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE)
                    String> vehicleIds) {

        CampaignTarget toTarget() {
            if (yearFrom != null && yearTo != null && yearFrom > yearTo) {
                throw refused(422, "target.yearTo", "year-range", "yearTo " + yearTo + " is before yearFrom "
                        + yearFrom);
            }
            return new CampaignTarget(blankAsNull(make), blankAsNull(model), yearFrom, yearTo,
                    vehicleIds == null ? null : vehicleIds.stream().distinct().toList());
        }

        private static String blankAsNull(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    record ReasonRequest(@Size(max = 500) @FreeText String reason) {
    }

    record CampaignCreated(String campaignId, int vehicles, List<Integer> groups) {
    }

    record CampaignAccepted(String campaignId) {
    }
}
