package io.axle.command.flash;

import io.axle.api.common.Refusal;
import io.axle.api.flash.CancelFlashJobCommand;
import io.axle.command.CommandRefusalInterceptor;
import io.axle.platform.json.FreeText;
import io.axle.platform.security.Roles;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Starts and cancels ECU flashes; reading jobs is the query side's job. The shape of a request is checked here (400
 * naming the field), who may downgrade too (an admin only: 403 {@code allowDowngrade} {@code admin-only}); the
 * preconditions and the reservation by {@link FlashJobStarter}, the job's rules by the {@link FlashJob} aggregate.
 * The preconditions endpoint answers the same checks a start makes, without side effect, for a form to show them,
 * and what the read model says of the vehicle's ECU and running flash (which a start leaves to the Vehicle aggregate).
 */
@RestController
@RequestMapping("/api/v1/flash-jobs")
class FlashJobCommandController {

    static final String FLASHERS = "hasAnyRole('ADMIN','TECHNICIAN')";
    /** An id as it may appear in a path: letters, digits and {@code . _ : -}. */
    static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._:-]{0,99}";
    static final String ID_MESSAGE = "must be 1 to 100 letters, digits, '.', '_', ':' or '-'";
    /** An ECU's name as the edge takes it; lower-cased before use, as vehicles and firmware spell it. */
    static final String ECU_PATTERN = "[A-Za-z0-9-]{1,32}";
    static final String ECU_MESSAGE = "must be 1 to 32 letters, digits or hyphens";

    private final CommandGateway commandGateway;
    private final FlashJobStarter starter;
    private final FlashPreconditions preconditions;

    FlashJobCommandController(CommandGateway commandGateway, FlashJobStarter starter,
                              FlashPreconditions preconditions) {
        this.commandGateway = commandGateway;
        this.starter = starter;
        this.preconditions = preconditions;
    }

    @PostMapping
    @PreAuthorize(FLASHERS)
    public ResponseEntity<FlashJobAccepted> start(@Valid @RequestBody StartFlashRequest request,
                                                  Principal principal) {
        boolean allowDowngrade = Boolean.TRUE.equals(request.allowDowngrade());
        if (allowDowngrade && !isAdmin(principal)) {
            throw CommandRefusalInterceptor.refused(new Refusal(HttpStatus.FORBIDDEN.value(), "allowDowngrade",
                    "admin-only", "only an admin may allow a downgrade"), null);
        }
        String flashJobId = starter.start(request.vehicleId(), ecu(request.ecu()), request.firmwareId(),
                allowDowngrade, who(principal));
        return ResponseEntity.accepted().location(URI.create("/api/v1/flash-jobs/" + flashJobId))
                .body(new FlashJobAccepted(flashJobId));
    }

    @PostMapping("/{flashJobId}/cancel")
    @PreAuthorize(FLASHERS)
    public ResponseEntity<FlashJobAccepted> cancel(@PathVariable String flashJobId,
                                                   @Valid @RequestBody(required = false) CancelRequest request,
                                                   Principal principal) {
        commandGateway.sendAndWait(new CancelFlashJobCommand(flashJobId, request == null ? null : request.reason(),
                who(principal)));
        return ResponseEntity.accepted().body(new FlashJobAccepted(flashJobId));
    }

    @GetMapping("/preconditions")
    @PreAuthorize(FLASHERS)
    public Preconditions preconditions(
            @RequestParam @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String vehicleId,
            @RequestParam @Pattern(regexp = ECU_PATTERN, message = ECU_MESSAGE) String ecu,
            @RequestParam @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String firmwareId) {
        FlashPreconditions.Outcome outcome = preconditions.check(vehicleId, ecu(ecu), firmwareId);
        List<FlashPreconditions.Check> checks = new ArrayList<>(outcome.checks());
        checks.addAll(preconditions.ecuChecks(outcome, ecu(ecu)));
        return new Preconditions(checks.stream().allMatch(FlashPreconditions.Check::ok), checks);
    }

    private static String ecu(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static boolean isAdmin(Principal principal) {
        return principal instanceof Authentication caller && caller.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).anyMatch(("ROLE_" + Roles.ADMIN)::equals);
    }

    private static String who(Principal principal) {
        return principal == null ? "anonymous" : principal.getName();
    }

    record StartFlashRequest(
            @NotBlank @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String vehicleId,
            @NotBlank @Pattern(regexp = ECU_PATTERN, message = ECU_MESSAGE) String ecu,
            @NotBlank @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String firmwareId,
            Boolean allowDowngrade) {
    }

    record CancelRequest(@Size(max = 500) @FreeText String reason) {
    }

    record FlashJobAccepted(String flashJobId) {
    }

    /** Whether a flash may start now ({@code ready}), and each check in the order a start makes them. */
    record Preconditions(boolean ready, List<FlashPreconditions.Check> checks) {
    }
}
