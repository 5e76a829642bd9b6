package io.axle.api.firmware;

import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Releases a firmware image for one ECU into the catalogue. The image is already stored byte for byte under
 * {@code sha256} ({@code size} bytes) when this is sent; a version of an ECU is released once and never changed.
 * {@code hardware} lists the ECU hardware part numbers it fits ({@code *} as a wildcard at the end, e.g.
 * {@code ECM-2*}); {@code fromVersions} is the range of installed versions it may replace, in interval notation
 * ({@code [1.0.0,2.0.0)}, {@code [1.2,)}; null for any).
 */
public record ReleaseFirmwareCommand(@TargetAggregateIdentifier String firmwareId, String ecu, String version,
                                     String sha256, long size, String fileName, List<String> hardware,
                                     String fromVersions, String releaseNotes, String releasedBy) {
}
