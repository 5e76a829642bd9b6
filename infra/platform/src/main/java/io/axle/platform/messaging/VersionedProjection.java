package io.axle.platform.messaging;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A read model that may exist in two versions at once (ADR 0020): the live one and, while a change is rolled out, a
 * new one built beside it from the first event by its own processing group into its own collection. Declared as a
 * bean beside the projections; {@link ProjectionVersions} tells which version answers queries.
 *
 * @param name     the read model's name, the key of its pointer in {@value ProjectionPointers#COLLECTION}
 * @param versions oldest first: one, or the live one and the new one
 */
public record VersionedProjection(String name, List<Version> versions) {

    /** One version: the processing group that builds it and the collection it builds. */
    public record Version(String processingGroup, String collection) {
    }

    public VersionedProjection {
        versions = List.copyOf(versions);
        if (versions.isEmpty() || versions.size() > 2) {
            throw new IllegalArgumentException("Projection " + name + " needs one or two versions (live, new), not "
                    + versions.size());
        }
        Set<String> groups = new HashSet<>();
        Set<String> collections = new HashSet<>();
        for (Version version : versions) {
            if (!groups.add(version.processingGroup()) || !collections.add(version.collection())) {
                throw new IllegalArgumentException("Versions of projection " + name
                        + " need their own processing group and collection: " + version);
            }
        }
    }

    /** The versions oldest first, the live one before the new one. */
    public static VersionedProjection of(String name, Version... versions) {
        return new VersionedProjection(name, List.of(versions));
    }

    public Version oldest() {
        return versions.get(0);
    }

    public Version newest() {
        return versions.get(versions.size() - 1);
    }

    /** The version built by {@code processingGroup}, if it is one of this projection's. */
    public Optional<Version> version(String processingGroup) {
        return versions.stream().filter(version -> version.processingGroup().equals(processingGroup)).findFirst();
    }
}
