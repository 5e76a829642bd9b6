package io.axle.command.vehicle;

import io.axle.api.privacy.DataSubject;
import io.axle.api.vehicle.SetThresholdCommand;
import io.axle.api.vehicle.UnpairDongleCommand;
import io.axle.command.HotAggregateCommands;
import io.axle.platform.json.FreeText;
import io.axle.platform.vehicle.VehicleEnrolment;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.security.Principal;

/**
 * Registers vehicles, pairs and unpairs their dongles, records their ECUs and sets their own alarm limits; reading
 * vehicles is the query side's job. The shape of a request is checked here (400 naming the field), its meaning by the
 * {@link Vehicle} aggregate. Pairing issues the dongle's device API key first and answers its secret once; a refused
 * pairing revokes it again, and unpairing revokes the key the vehicle held. Registering and pairing are sent again
 * when they lost a race for a VIN or a dongle (the retry meets the refusal).
 */
@RestController
@RequestMapping("/api/v1/vehicles")
class VehicleCommandController {

    /** An id as it may appear in a path or a device key: letters, digits and {@code . _ : -}. */
    static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._:-]{0,99}";
    /** How often a command that lost a race is sent in all. */
    static final int ATTEMPTS = CommandVehicleEnrolment.ATTEMPTS;

    private final CommandGateway commandGateway;
    private final DongleKeys dongleKeys;
    private final VehicleEnrolment enrolment;

    VehicleCommandController(CommandGateway commandGateway, DongleKeys dongleKeys) {
        this.commandGateway = commandGateway;
        this.dongleKeys = dongleKeys;
        this.enrolment = new CommandVehicleEnrolment(commandGateway, dongleKeys);
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    public ResponseEntity<VehicleAccepted> register(@Valid @RequestBody RegisterVehicleRequest request,
                                                    Principal principal) {
        String vehicleId = enrolment.register(new VehicleEnrolment.Registration(request.vin(), request.plate(),
                request.plateCountry(), request.make(), request.model(), request.year(), request.ownerCustomerId()),
                who(principal));
        return ResponseEntity.created(URI.create("/api/v1/vehicles/" + vehicleId)).body(new VehicleAccepted(vehicleId));
    }

    @PostMapping("/{vehicleId}/dongle")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    public ResponseEntity<DongleCredentials> pair(@PathVariable String vehicleId,
                                                  @Valid @RequestBody PairDongleRequest request,
                                                  Principal principal) {
        VehicleEnrolment.DongleCredentials key = enrolment.pair(vehicleId, request.dongleId(), who(principal));
        return ResponseEntity.created(URI.create("/api/v1/vehicles/" + vehicleId + "/dongle"))
                .body(new DongleCredentials(request.dongleId(), key.keyId(), key.apiKey()));
    }

    @DeleteMapping("/{vehicleId}/dongle")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    public ResponseEntity<Void> unpair(@PathVariable String vehicleId, Principal principal) {
        String keyId = HotAggregateCommands.send(commandGateway, new UnpairDongleCommand(vehicleId, who(principal)),
                ATTEMPTS);
        if (keyId != null) {
            dongleKeys.revoke(keyId);
        }
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/{vehicleId}/thresholds/{rule}")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR','TECHNICIAN')")
    public ResponseEntity<ThresholdAccepted> setThreshold(@PathVariable String vehicleId, @PathVariable String rule,
                                                          @Valid @RequestBody ThresholdRequest request,
                                                          Principal principal) {
        commandGateway.sendAndWait(new SetThresholdCommand(vehicleId, rule, request.limit(), who(principal)));
        return ResponseEntity.ok(new ThresholdAccepted(vehicleId, rule, request.limit()));
    }

    /** Records an ECU as a technician read it: its hardware part number and the version it runs. */
    @PutMapping("/{vehicleId}/ecus/{ecu}")
    @PreAuthorize("hasAnyRole('ADMIN','TECHNICIAN')")
    public ResponseEntity<Void> recordEcu(@PathVariable String vehicleId, @PathVariable String ecu,
                                          @Valid @RequestBody EcuRequest request, Principal principal) {
        enrolment.recordEcu(vehicleId, ecu, request.hardware(), request.version(), who(principal));
        return ResponseEntity.noContent().build();
    }

    private static String who(Principal principal) {
        return principal == null ? "anonymous" : principal.getName();
    }

    record RegisterVehicleRequest(
            @NotBlank @Size(max = 40) String vin,
            @NotBlank @Size(max = 20) @FreeText String plate,
            @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 country code") String plateCountry,
            @Size(max = 100) @FreeText String make,
            @Size(max = 100) @FreeText String model,
            @Min(Vehicle.FIRST_YEAR) @Max(9999) Integer year,
            @Pattern(regexp = DataSubject.ID_PATTERN, message = DataSubject.ID_RULE) String ownerCustomerId) {
    }

    record PairDongleRequest(@NotBlank @Pattern(regexp = ID_PATTERN,
            message = "must be 1 to 100 letters, digits, '.', '_', ':' or '-'") String dongleId) {
    }

    record EcuRequest(@NotBlank @Size(max = 40) String hardware, @NotBlank @Size(max = 40) String version) {
    }

    record ThresholdRequest(@DecimalMin("-100") @DecimalMax("10000000") Double limit) {
    }

    record VehicleAccepted(String vehicleId) {
    }

    record DongleCredentials(String dongleId, String keyId, String apiKey) {
    }

    record ThresholdAccepted(String vehicleId, String rule, Double limit) {
    }
}
