package io.axle.platform.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.axle.platform.web.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blue/green versions of projections (ADR 0020): which version of a read model answers queries, the switch to a new
 * version once it has caught up, and the removal of the old one.
 *
 * <p>Queries read the active version's collection, from a pointer every node reads (cached for
 * {@code cacheFor}). A pending version is caught up when every token of its processing group is at or after the head
 * of the event stream measured when checked; then {@link #check()} switches to it (with {@code switch=auto}) or an
 * administrator does ({@link #switchNow}). Once {@code retireAfter} has passed since the switch, longer than any
 * node's cache, each node stops its old processor, deletes its tokens and drops its collection; the old version's
 * handlers ignore every event from then on, so a node restarted with the old code still in it builds nothing again.
 */
public class ProjectionVersions {

    private static final Logger log = LoggerFactory.getLogger(ProjectionVersions.class);

    /** What a version is to its projection: answering queries, being built, or replaced. */
    public enum Role { ACTIVE, PENDING, RETIRED }

    /** Whether a caught-up version is switched to by the application or by an administrator. */
    public enum SwitchMode { AUTO, MANUAL }

    /** What the versions need from event processing on this node and in the shared token store. */
    public interface VersionProcessors {

        /** Whether every token of the group is at or after the head of the event stream, measured now. */
        boolean caughtUp(String processingGroup);

        /** Stops the group's processor on this node and deletes its tokens. */
        void retire(String processingGroup);
    }

    /** A projection's versions as an administrator sees them; {@code pending} is null when none is being built. */
    public record State(String projection, String active, String pending, SwitchMode switchMode, boolean caughtUp,
                        Instant switchedAt) {
    }

    /** One version's place in its projection. */
    public record Membership(VersionedProjection projection, Role role) {
    }

    private record Look(VersionedProjection.Version active, Instant switchedAt, Instant readAt) {
    }

    private final Map<String, VersionedProjection> projections = new LinkedHashMap<>();
    private final ProjectionPointers pointers;
    private final VersionProcessors processors;
    private final Function<String, SwitchMode> modes;
    private final Duration cacheFor;
    private final Duration retireAfter;
    private final Clock clock;
    private final Map<String, Look> looks = new ConcurrentHashMap<>();
    private final Set<String> retiredHere = ConcurrentHashMap.newKeySet();

    public ProjectionVersions(List<VersionedProjection> projections, ProjectionPointers pointers,
                              VersionProcessors processors, Function<String, SwitchMode> modes, Duration cacheFor,
                              Duration retireAfter, Clock clock) {
        if (retireAfter.compareTo(cacheFor) <= 0) {
            throw new IllegalArgumentException("The old version must outlive every node's cached pointer: retire-after "
                    + retireAfter + " is not longer than pointer-cache " + cacheFor);
        }
        projections.forEach(projection -> this.projections.put(projection.name(), projection));
        this.pointers = pointers;
        this.processors = processors;
        this.modes = modes;
        this.cacheFor = cacheFor;
        this.retireAfter = retireAfter;
        this.clock = clock;
    }

    /** The version answering queries of {@code projection}, as this node last read it (at most {@code cacheFor} ago). */
    public VersionedProjection.Version active(String projection) {
        VersionedProjection declared = projection(projection);
        Look look = looks.get(projection);
        if (look == null || !clock.instant().isBefore(look.readAt().plus(cacheFor))) {
            look = read(declared);
        }
        return look.active();
    }

    /** The collection queries of {@code projection} read now. */
    public String collection(String projection) {
        return active(projection).collection();
    }

    /** The projection a processing group builds a version of, and that version's role; empty for other groups. */
    public Optional<Membership> membership(String processingGroup) {
        return projections.values().stream()
                .filter(projection -> projection.version(processingGroup).isPresent())
                .findFirst()
                .map(projection -> new Membership(projection, role(projection, processingGroup)));
    }

    /**
     * Whether the group's version was replaced longer than {@code retireAfter} ago: its handlers must then ignore
     * events, as nothing reads what they would write.
     */
    public boolean retired(String processingGroup) {
        return membership(processingGroup)
                .filter(membership -> membership.role() == Role.RETIRED)
                .map(membership -> retireDue(looks.get(membership.projection().name())))
                .orElse(false);
    }

    public List<State> states() {
        return projections.keySet().stream().map(this::state).toList();
    }

    public State state(String projection) {
        VersionedProjection declared = projection(projection);
        Look look = read(declared);
        Optional<VersionedProjection.Version> pending = pending(declared, look);
        return new State(declared.name(), look.active().processingGroup(),
                pending.map(VersionedProjection.Version::processingGroup).orElse(null), modes.apply(projection),
                pending.map(version -> processors.caughtUp(version.processingGroup())).orElse(true),
                look.switchedAt());
    }

    /**
     * Switches {@code projection} to its pending version now, whatever its switch mode; refused when there is none or
     * it has not caught up.
     */
    public State switchNow(String projection) {
        VersionedProjection declared = projection(projection);
        Look look = read(declared);
        VersionedProjection.Version pending = pending(declared, look).orElseThrow(() -> new Processors.RefusedException(
                "nothing-pending", "Projection " + projection + " has no new version being built; "
                + look.active().processingGroup() + " is the newest and answers queries."));
        if (!processors.caughtUp(pending.processingGroup())) {
            throw new Processors.RefusedException("not-caught-up", "Version " + pending.processingGroup()
                    + " of projection " + projection + " has not reached the newest event yet; queries keep reading "
                    + look.active().processingGroup() + " until it has.");
        }
        switchTo(declared, look, pending);
        return state(projection);
    }

    /**
     * One round of every node's watch: switches each projection whose pending version has caught up (when its switch
     * mode is auto), and retires the old version of each projection switched more than {@code retireAfter} ago.
     */
    public void check() {
        for (VersionedProjection projection : projections.values()) {
            Look look = read(projection);
            Optional<VersionedProjection.Version> pending = pending(projection, look);
            if (pending.isPresent() && modes.apply(projection.name()) == SwitchMode.AUTO
                    && processors.caughtUp(pending.get().processingGroup())) {
                look = switchTo(projection, look, pending.get());
            }
            if (retireDue(look)) {
                retireOlderThan(projection, look.active());
            }
        }
    }

    private Look switchTo(VersionedProjection projection, Look look, VersionedProjection.Version pending) {
        boolean switched = pointers.switchActive(projection.name(), look.active().processingGroup(),
                look.active().equals(projection.oldest()), pending.processingGroup(), clock.instant());
        if (switched) {
            log.info("Projection {} switched to version {}: queries read {} from now on", projection.name(),
                    pending.processingGroup(), pending.collection());
        }
        return read(projection);
    }

    private void retireOlderThan(VersionedProjection projection, VersionedProjection.Version active) {
        for (VersionedProjection.Version version : projection.versions()) {
            if (version.equals(active)) {
                return;
            }
            if (retiredHere.add(version.processingGroup())) {
                processors.retire(version.processingGroup());
                pointers.drop(version.collection());
                log.info("Version {} of projection {} retired: processor stopped here, tokens deleted, collection {}"
                        + " dropped", version.processingGroup(), projection.name(), version.collection());
            } else if (pointers.exists(version.collection())) {
                pointers.drop(version.collection());
            }
        }
    }

    private boolean retireDue(Look look) {
        return look != null && look.switchedAt() != null
                && !clock.instant().isBefore(look.switchedAt().plus(retireAfter));
    }

    private static Optional<VersionedProjection.Version> pending(VersionedProjection projection, Look look) {
        return look.active().equals(projection.newest()) ? Optional.empty() : Optional.of(projection.newest());
    }

    private Role role(VersionedProjection projection, String processingGroup) {
        VersionedProjection.Version active = active(projection.name());
        if (active.processingGroup().equals(processingGroup)) {
            return Role.ACTIVE;
        }
        return projection.versions().indexOf(active) < projection.versions()
                .indexOf(projection.version(processingGroup).orElseThrow()) ? Role.PENDING : Role.RETIRED;
    }

    /** Reads the pointer; a pointer to a version no longer declared counts as none (the oldest declared answers). */
    private Look read(VersionedProjection projection) {
        Optional<ProjectionPointers.Pointer> pointer = pointers.read(projection.name());
        VersionedProjection.Version active = pointer.flatMap(stored -> projection.version(stored.active()))
                .orElse(projection.oldest());
        Look look = new Look(active, pointer.filter(stored -> projection.version(stored.active()).isPresent())
                .map(ProjectionPointers.Pointer::switchedAt).orElse(null), clock.instant());
        looks.put(projection.name(), look);
        return look;
    }

    private VersionedProjection projection(String name) {
        VersionedProjection projection = projections.get(name);
        if (projection == null) {
            throw new NotFoundException("projection", name);
        }
        return projection;
    }
}
