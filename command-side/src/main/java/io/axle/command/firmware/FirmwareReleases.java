package io.axle.command.firmware;

import io.axle.api.firmware.ReleaseFirmwareCommand;
import io.axle.command.HotAggregateCommands;
import io.axle.command.UploadLimit;
import io.axle.command.UploadedFiles;
import io.axle.platform.web.Problems;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Takes an uploaded firmware in named steps: refuse a missing or empty image and one over the limit, store it byte for
 * byte under a new firmware id (hashed as it is stored), then release it; if the release is refused or fails, delete
 * the image again unless the firmware is in the catalogue after all, so that nothing is left half-written. The image
 * is read from the multipart's spool on disk, a chunk at a time, never whole into memory.
 */
class FirmwareReleases {

    /** How often a release that lost the race for its version's claim is sent again (then refused, ADR 0027). */
    private static final int ATTEMPTS = 5;
    static final String PATH = "/api/v1/firmware";

    private final CommandGateway commandGateway;
    private final FirmwareImages images;
    private final FirmwareCatalogue catalogue;
    private final UploadLimit limit;

    FirmwareReleases(CommandGateway commandGateway, FirmwareImages images, FirmwareCatalogue catalogue,
                     long maxSize) {
        this.commandGateway = commandGateway;
        this.images = images;
        this.catalogue = catalogue;
        this.limit = limit(maxSize);
    }

    /** The limit of an image of at most {@code maxSize} bytes. */
    static UploadLimit limit(long maxSize) {
        return new UploadLimit(PATH, "image", maxSize, "firmware image");
    }

    /** What a release asks for beside the image; checked for meaning by the {@link Firmware} aggregate. */
    record Release(String ecu, String version, List<String> hardware, String fromVersions, String releaseNotes) {
    }

    /** Releases {@code image} as {@code release} says, for {@code releasedBy}; answers the new firmware. */
    FirmwareAccepted release(MultipartFile image, Release release, String releasedBy) throws IOException {
        checkShape(image, release);
        String firmwareId = UUID.randomUUID().toString();
        FirmwareImages.StoredImage stored = store(firmwareId, image);
        try {
            HotAggregateCommands.send(commandGateway, new ReleaseFirmwareCommand(firmwareId, release.ecu(),
                    release.version(), stored.sha256(), stored.size(), UploadedFiles.name(image.getOriginalFilename()),
                    hardware(release.hardware()), release.fromVersions(), release.releaseNotes(), releasedBy),
                    ATTEMPTS);
        } catch (RuntimeException e) {
            if (catalogue.find(firmwareId).isEmpty()) {
                images.delete(firmwareId);
            }
            throw e;
        }
        return new FirmwareAccepted(firmwareId, stored.sha256(), stored.size());
    }

    /** Stores the image; a store that fails half-way leaves nothing of it. */
    private FirmwareImages.StoredImage store(String firmwareId, MultipartFile image) throws IOException {
        try (InputStream bytes = image.getInputStream()) {
            return images.store(firmwareId, bytes);
        } catch (IOException | RuntimeException e) {
            images.delete(firmwareId);
            throw e;
        }
    }

    private void checkShape(MultipartFile image, Release release) {
        if (image == null) {
            throw refused(HttpStatus.BAD_REQUEST, "image", "required", "A firmware release needs a part named image.");
        }
        if (release.ecu() == null || release.ecu().isBlank()) {
            throw refused(HttpStatus.BAD_REQUEST, "ecu", "required", "A firmware release names its ecu.");
        }
        if (release.version() == null || release.version().isBlank()) {
            throw refused(HttpStatus.BAD_REQUEST, "version", "required", "A firmware release names its version.");
        }
        if (image.isEmpty()) {
            throw refused(HttpStatus.UNPROCESSABLE_ENTITY, "image", "required",
                    "The image is empty; a firmware image has at least one byte.");
        }
        if (image.getSize() > limit.maxSize()) {
            throw limit.tooLarge();
        }
    }

    /** The hardware patterns, each field split at commas, so that a repeated field and a comma list are the same. */
    static List<String> hardware(List<String> fields) {
        List<String> patterns = new ArrayList<>();
        if (fields != null) {
            for (String field : fields) {
                for (String pattern : field == null ? new String[0] : field.split(",")) {
                    if (!pattern.isBlank()) {
                        patterns.add(pattern.strip());
                    }
                }
            }
        }
        return patterns;
    }

    private static ErrorResponseException refused(HttpStatus status, String field, String rule, String detail) {
        return new ErrorResponseException(status, Problems.refusal(status, field, rule, detail), null);
    }

    /** The answer to a release: the new firmware's id, and the hash and size of its image as stored. */
    record FirmwareAccepted(String firmwareId, String sha256, long size) {
    }
}
