package io.axle.command.firmware;

import io.axle.api.firmware.FirmwareStatus;
import io.axle.api.firmware.WithdrawFirmwareCommand;
import io.axle.platform.json.FreeText;
import io.axle.platform.web.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.net.URI;
import java.security.Principal;
import java.util.List;

/**
 * Releases firmware into the catalogue, withdraws it, and serves its images; reading the catalogue is the query side's
 * job. A release is a multipart upload: missing parts are 400 naming the field, an empty image 422, one over the limit
 * 413; the {@link Firmware} aggregate checks the meaning (422, 409 for a version released already). An image is served
 * byte for byte to the dongles that flash it (role DEVICE) as to administrators and technicians, with its SHA-256 as
 * its {@code ETag}; it is found through the firmware's own events, so it is there as soon as the release is answered.
 */
@RestController
@RequestMapping(FirmwareReleases.PATH)
class FirmwareCommandController {

    static final String PUBLISHERS = "hasAnyRole('ADMIN','TECHNICIAN')";
    static final String DOWNLOADERS = "hasAnyRole('DEVICE','ADMIN','TECHNICIAN')";

    private final FirmwareReleases releases;
    private final FirmwareImages images;
    private final FirmwareCatalogue catalogue;
    private final CommandGateway commandGateway;

    FirmwareCommandController(FirmwareReleases releases, FirmwareImages images, FirmwareCatalogue catalogue,
                              CommandGateway commandGateway) {
        this.releases = releases;
        this.images = images;
        this.catalogue = catalogue;
        this.commandGateway = commandGateway;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize(PUBLISHERS)
    public ResponseEntity<FirmwareReleases.FirmwareAccepted> release(
            @RequestPart(name = "image", required = false) MultipartFile image,
            @RequestParam(name = "ecu", required = false) String ecu,
            @RequestParam(name = "version", required = false) String version,
            @RequestParam(name = "hardware", required = false) List<String> hardware,
            @RequestParam(name = "fromVersions", required = false) String fromVersions,
            @RequestParam(name = "releaseNotes", required = false) String releaseNotes,
            Principal principal) throws IOException {
        FirmwareReleases.FirmwareAccepted accepted = releases.release(image,
                new FirmwareReleases.Release(ecu, version, hardware, fromVersions, releaseNotes), who(principal));
        return ResponseEntity.created(URI.create(FirmwareReleases.PATH + "/" + accepted.firmwareId()))
                .body(accepted);
    }

    /** No new flash may use the firmware; withdrawing twice changes nothing. */
    @PostMapping("/{id}/withdraw")
    @PreAuthorize(PUBLISHERS)
    public ResponseEntity<FirmwareWithdrawn> withdraw(@PathVariable String id,
                                                      @Valid @RequestBody(required = false) WithdrawRequest request,
                                                      Principal principal) {
        entry(id);
        commandGateway.sendAndWait(new WithdrawFirmwareCommand(id, request == null ? null : request.reason(),
                who(principal)));
        return ResponseEntity.ok(new FirmwareWithdrawn(id, FirmwareStatus.WITHDRAWN));
    }

    @GetMapping("/{id}/image")
    @PreAuthorize(DOWNLOADERS)
    public ResponseEntity<InputStreamResource> image(@PathVariable String id) {
        FirmwareCatalogue.Entry firmware = entry(id);
        FirmwareImages.Image image = images.open(id).orElseThrow(() -> new NotFoundException("firmware image", id));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .contentLength(image.length())
                .eTag(image.sha256())
                .header("X-Content-SHA256", image.sha256())
                // the version the dongle reports as installed after the flash (UDS DID F195)
                .header("X-Firmware-Version", firmware.version())
                .body(new InputStreamResource(image.bytes()));
    }

    private FirmwareCatalogue.Entry entry(String id) {
        return catalogue.find(id).orElseThrow(() -> new NotFoundException("firmware", id));
    }

    private static String who(Principal principal) {
        return principal == null ? "anonymous" : principal.getName();
    }

    record WithdrawRequest(@Size(max = 500) @FreeText String reason) {
    }

    record FirmwareWithdrawn(String firmwareId, FirmwareStatus status) {
    }
}
