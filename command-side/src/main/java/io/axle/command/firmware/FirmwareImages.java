package io.axle.command.firmware;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Where firmware images are kept, byte for byte, under the id of their firmware, each with the SHA-256 of its bytes.
 * An image is stored before its firmware is released and deleted when the release is refused, so that no image stays
 * without a firmware and no firmware is released without its image.
 */
public interface FirmwareImages {

    /** Stores {@code bytes}, read once as a stream, as the image of {@code firmwareId}; answers its hash and size. */
    StoredImage store(String firmwareId, InputStream bytes) throws IOException;

    /** The image of {@code firmwareId}, to be read once and closed, or empty when none is stored. */
    Optional<Image> open(String firmwareId);

    /** Removes the image of {@code firmwareId}, if any. */
    void delete(String firmwareId);

    /** What storing an image found: the SHA-256 of its bytes in lower-case hex and their number. */
    record StoredImage(String sha256, long size) {
    }

    /** An image being read: its hash, its length, and its bytes. */
    record Image(String sha256, long length, InputStream bytes) {
    }
}
