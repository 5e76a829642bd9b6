package io.axle.query.vehicle;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.axle.api.common.PageResult;
import io.axle.api.customer.CustomerErasedEvent;
import io.axle.api.vehicle.DonglePairedEvent;
import io.axle.api.vehicle.DongleUnpairedEvent;
import io.axle.api.vehicle.EcuFirmwareChangedEvent;
import io.axle.api.vehicle.EcuRecordedEvent;
import io.axle.api.vehicle.ExportVehiclesQuery;
import io.axle.api.vehicle.FindVehicleQuery;
import io.axle.api.vehicle.FlashFailureAlarmRaisedEvent;
import io.axle.api.vehicle.FlashReleasedEvent;
import io.axle.api.vehicle.FlashReservedEvent;
import io.axle.api.vehicle.ListVehiclesQuery;
import io.axle.api.vehicle.ThresholdClearedEvent;
import io.axle.api.vehicle.ThresholdCrossedEvent;
import io.axle.api.vehicle.TroubleCodeClearedEvent;
import io.axle.api.vehicle.TroubleCodeDetectedEvent;
import io.axle.api.vehicle.VehicleRegisteredEvent;
import io.axle.api.vehicle.VehicleThresholdSetEvent;
import io.axle.api.vehicle.VehicleView;
import io.axle.api.vehicle.VehicleView.ActiveAlarm;
import io.axle.api.vehicle.VehicleView.ActiveTroubleCode;
import io.axle.api.vehicle.VehicleView.ClearedTroubleCode;
import io.axle.api.vehicle.VehicleView.Ecu;
import io.axle.api.vehicle.VehicleView.FlashAlarm;
import io.axle.api.vehicle.WatchVehicleQuery;
import io.axle.platform.storage.ReadStoreCompaction;
import io.axle.query.Listing;
import io.axle.query.Pages;
import io.axle.query.ReadModels;
import jakarta.annotation.PostConstruct;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Projects vehicle events into one {@link VehicleDocument} per vehicle and answers the vehicle queries from it, with
 * {@code online} read from the gateway's map of online vehicles at query time.
 *
 * <p>Every write is conditional on the stored aggregate sequence number (an event applied twice, or an older one
 * late, changes nothing and emits nothing); after each change the new view goes to the vehicle's
 * {@link WatchVehicleQuery} subscribers. The plate is the owner's personal data: an owner's erasure empties it and
 * marks it erased. The frame topic writes the latest readings into the same documents, possibly before the
 * registration: a reset therefore clears only the fields the events write, and the registration completes a document
 * the frames created.
 */
@Component
@ProcessingGroup("vehicles")
public class VehicleProjection {

    static final String COLLECTION = "vehicles";
    /** How many cleared trouble codes a vehicle keeps, newest first; the vehicle's audit trail has every one. */
    static final int CLEARED_CODES_KEPT = 50;

    /** The vehicle list: searched by VIN and plate, dated by registration. */
    static final Listing LISTING = Listing.of(COLLECTION, "vehicleId")
            .searching("vin", "plate")
            .dated("registeredAt")
            .sortable("vin", "plate", "make", "model", "year", "lastSeenAt", "registeredAt")
            .inUsualOrder(Sort.by("vin", "vehicleId"));

    private final MongoTemplate mongo;
    private final QueryUpdateEmitter updateEmitter;
    private final OnlineVehicles sessions;
    private final ReadStoreCompaction compaction;

    @Autowired
    public VehicleProjection(MongoTemplate mongo, QueryUpdateEmitter updateEmitter, OnlineVehicles sessions,
                             ObjectProvider<ReadStoreCompaction> compaction) {
        this(mongo, updateEmitter, sessions, compaction.getIfAvailable(() -> () -> { }));
    }

    /** Writing to {@code mongo}, asking {@code compaction} to rewrite the store's file after an erasure. */
    public VehicleProjection(MongoTemplate mongo, QueryUpdateEmitter updateEmitter, OnlineVehicles sessions,
                             ReadStoreCompaction compaction) {
        this.mongo = mongo;
        this.updateEmitter = updateEmitter;
        this.sessions = sessions;
        this.compaction = compaction;
    }

    /** The indexes the list, its filters and the erasure need on a real MongoDB. */
    @PostConstruct
    void createIndexes() {
        for (String field : List.of("vin", "plate", "make", "lastSeenAt", "registeredAt", "dongleId",
                "ownerCustomerId")) {
            ReadModels.createIndex(mongo, COLLECTION, new Index().on(field, Sort.Direction.ASC)
                    .on("_id", Sort.Direction.ASC).named(field + "_id"));
        }
    }

    /** Watched vehicles show their dongle connecting and disconnecting as it happens. */
    @PostConstruct
    void watchSessions() {
        sessions.onChange(this::sessionChanged);
    }

    /** Sends the new view of the vehicle that came online or went offline, if anyone watches it. */
    void sessionChanged(String vehicleId) {
        boolean watched = updateEmitter.activeSubscriptions().stream()
                .anyMatch(subscription -> subscription.getPayload() instanceof WatchVehicleQuery watch
                        && vehicleId.equals(watch.vehicleId()));
        if (watched) {
            publish(vehicleId);
        }
    }

    @EventHandler
    void on(VehicleRegisteredEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        VehicleDocument vehicle = new VehicleDocument(event.vehicleId(), event.vin(), event.plate(),
                event.plateCountry(), event.make(), event.model(), event.year(), event.manufacturer(),
                event.country(), event.modelYear(), event.ownerCustomerId(), warnings(event.warnings()), at, null,
                List.of(), List.of(), List.of(), Map.of(), false, List.of(), null, null, null, null, sequence);
        try {
            mongo.insert(vehicle, COLLECTION);
            publish(vehicle);
        } catch (DuplicateKeyException framesFirst) {
            // the frame topic created the document (or it was reset for a replay): complete it, if not done already
            update(event.vehicleId(), sequence, current -> new Update()
                    .set("vin", event.vin())
                    .set("plate", event.plate())
                    .set("plateCountry", event.plateCountry())
                    .set("make", event.make())
                    .set("model", event.model())
                    .set("year", event.year())
                    .set("manufacturer", event.manufacturer())
                    .set("country", event.country())
                    .set("modelYear", event.modelYear())
                    .set("ownerCustomerId", event.ownerCustomerId())
                    .set("warnings", warnings(event.warnings()))
                    .set("registeredAt", at)
                    .set("dongleId", null)
                    .set("troubleCodes", List.of())
                    .set("clearedTroubleCodes", List.of())
                    .set("alarms", List.of())
                    .set("thresholds", Map.of())
                    .set("plateErased", false)
                    .set("ecus", List.of())
                    .set("flashJobId", null)
                    .set("flashAlarm", null));
        }
    }

    @EventHandler
    void on(DonglePairedEvent event, @SequenceNumber long sequence) {
        update(event.vehicleId(), sequence, current -> new Update().set("dongleId", event.dongleId()));
    }

    @EventHandler
    void on(DongleUnpairedEvent event, @SequenceNumber long sequence) {
        update(event.vehicleId(), sequence, current -> new Update().set("dongleId", null));
    }

    @EventHandler
    void on(TroubleCodeDetectedEvent event, @SequenceNumber long sequence) {
        update(event.vehicleId(), sequence, current -> {
            List<ActiveTroubleCode> codes = without(current.troubleCodes(), ActiveTroubleCode::code, event.code());
            codes.add(new ActiveTroubleCode(event.code(), event.description(), event.detectedAt()));
            return new Update().set("troubleCodes", codes);
        });
    }

    /**
     * The code leaves the active ones and heads the vehicle's trouble-code history, with the description it was
     * detected with; the history keeps the latest {@value #CLEARED_CODES_KEPT}.
     */
    @EventHandler
    void on(TroubleCodeClearedEvent event, @SequenceNumber long sequence) {
        update(event.vehicleId(), sequence, current -> {
            String description = VehicleDocument.listOf(current.troubleCodes()).stream()
                    .filter(active -> event.code().equals(active.code()))
                    .map(ActiveTroubleCode::description).filter(Objects::nonNull).findFirst().orElse(null);
            List<ClearedTroubleCode> cleared = new ArrayList<>();
            cleared.add(new ClearedTroubleCode(event.code(), description, event.detectedAt(), event.clearedAt()));
            VehicleDocument.listOf(current.clearedTroubleCodes()).stream().limit(CLEARED_CODES_KEPT - 1L)
                    .forEach(cleared::add);
            return new Update()
                    .set("troubleCodes", without(current.troubleCodes(), ActiveTroubleCode::code, event.code()))
                    .set("clearedTroubleCodes", cleared);
        });
    }

    @EventHandler
    void on(ThresholdCrossedEvent event, @SequenceNumber long sequence) {
        update(event.vehicleId(), sequence, current -> {
            List<ActiveAlarm> alarms = without(current.alarms(), ActiveAlarm::rule, event.rule());
            alarms.add(new ActiveAlarm(event.rule(), event.measure(), event.value(), event.limit(), event.at()));
            return new Update().set("alarms", alarms);
        });
    }

    @EventHandler
    void on(ThresholdClearedEvent event, @SequenceNumber long sequence) {
        update(event.vehicleId(), sequence, current -> new Update()
                .set("alarms", without(current.alarms(), ActiveAlarm::rule, event.rule())));
    }

    @EventHandler
    void on(VehicleThresholdSetEvent event, @SequenceNumber long sequence) {
        update(event.vehicleId(), sequence, current -> {
            Map<String, Double> limits = new LinkedHashMap<>(current.thresholds() == null ? Map.of()
                    : current.thresholds());
            if (event.limit() == null) {
                limits.remove(event.rule());
            } else {
                limits.put(event.rule(), event.limit());
            }
            return new Update().set("thresholds", limits);
        });
    }

    /** The ECU is (again) as recorded; a flash alarm of that ECU ends: a technician has seen to it. */
    @EventHandler
    void on(EcuRecordedEvent event, @SequenceNumber long sequence) {
        update(event.vehicleId(), sequence, current -> withEcu(current, event.ecu(), event.hardware(),
                event.version(), event.recordedAt()));
    }

    /** A flash installed a new version: the ECU keeps its hardware, and an alarm of that ECU ends. */
    @EventHandler
    void on(EcuFirmwareChangedEvent event, @SequenceNumber long sequence) {
        update(event.vehicleId(), sequence, current -> {
            String hardware = VehicleDocument.listOf(current.ecus()).stream()
                    .filter(ecu -> event.ecu().equals(ecu.ecu()))
                    .map(Ecu::hardware).filter(Objects::nonNull).findFirst().orElse(null);
            return withEcu(current, event.ecu(), hardware, event.toVersion(), event.changedAt());
        });
    }

    @EventHandler
    void on(FlashReservedEvent event, @SequenceNumber long sequence) {
        update(event.vehicleId(), sequence, current -> new Update().set("flashJobId", event.flashJobId()));
    }

    /** Only the job holding the vehicle releases it. */
    @EventHandler
    void on(FlashReleasedEvent event, @SequenceNumber long sequence) {
        update(event.vehicleId(), sequence, current -> Objects.equals(event.flashJobId(), current.flashJobId())
                ? new Update().set("flashJobId", null)
                : new Update());
    }

    @EventHandler
    void on(FlashFailureAlarmRaisedEvent event, @SequenceNumber long sequence) {
        update(event.vehicleId(), sequence, current -> new Update().set("flashAlarm",
                new FlashAlarm(event.flashJobId(), event.ecu(), event.reason(), event.raisedAt())));
    }

    /** {@code ecu} as given, in the place it had (or last), and no flash alarm left on it. */
    private static Update withEcu(VehicleDocument current, String ecu, String hardware, String version,
            Instant updatedAt) {
        Ecu changed = new Ecu(ecu, hardware, version, updatedAt);
        List<Ecu> ecus = new ArrayList<>(VehicleDocument.listOf(current.ecus()).stream()
                .map(existing -> ecu.equals(existing.ecu()) ? changed : existing).toList());
        if (!ecus.contains(changed)) {
            ecus.add(changed);
        }
        Update update = new Update().set("ecus", ecus);
        if (current.flashAlarm() != null && ecu.equals(current.flashAlarm().ecu())) {
            update.set("flashAlarm", null);
        }
        return update;
    }

    /**
     * The owner's personal data was erased: the plates of their vehicles go, marked erased. Not conditional on a
     * sequence (the event is the customer's): applying it twice changes nothing. A vehicle registered but not yet
     * projected reads its plate as null from its event already.
     */
    @EventHandler
    void on(CustomerErasedEvent event) {
        Query owned = query(where("ownerCustomerId").is(event.customerId()));
        mongo.updateMulti(owned, new Update().set("plate", null).set("plateErased", true), COLLECTION);
        compaction.request();
        mongo.find(owned, VehicleDocument.class, COLLECTION).forEach(this::publish);
    }

    /** Clears what the events wrote, keeping the latest readings the frame topic wrote. */
    @ResetHandler
    void reset() {
        Update clear = new Update();
        VehicleDocument.EVENT_FIELDS.forEach(clear::unset);
        mongo.updateMulti(new Query(), clear, COLLECTION);
    }

    @QueryHandler
    VehicleView handle(FindVehicleQuery query) {
        return find(query.vehicleId());
    }

    /** The first answer of a watch: the vehicle's view now, null for an unknown vehicle. */
    @QueryHandler
    VehicleView handle(WatchVehicleQuery query) {
        return find(query.vehicleId());
    }

    /**
     * Declared with the raw {@link PageResult} because Axon 4 matches {@code ResponseTypes.instanceOf(PageResult.class)}
     * only against a non-parameterized return type (AxonFramework issue #1537); the content is {@link VehicleView}.
     */
    @QueryHandler
    @SuppressWarnings("rawtypes")
    PageResult handle(ListVehiclesQuery query) {
        return page(query);
    }

    PageResult<VehicleView> page(ListVehiclesQuery query) {
        Set<String> online = sessions.online();
        return Pages.page(mongo, COLLECTION, VehicleDocument.class, filter(query, online),
                LISTING.order(query.criteria()), query.page(), query.size(), viewWith(online));
    }

    /** Every vehicle the list would page through, in its order, as the cursor reads them. */
    @QueryHandler
    Flux<VehicleView> handle(ExportVehiclesQuery query) {
        Set<String> online = sessions.online();
        return Pages.stream(mongo, COLLECTION, VehicleDocument.class, filter(query.list(), online),
                LISTING.order(query.list().criteria()), query.limit(), viewWith(online));
    }

    private static Function<VehicleDocument, VehicleView> viewWith(Set<String> online) {
        return vehicle -> vehicle.toView(online.contains(vehicle.vehicleId()));
    }

    private static Query filter(ListVehiclesQuery query, Set<String> online) {
        Query filter = new Query(where("registeredAt").ne(null));
        if (query.online() != null) {
            filter.addCriteria(query.online() ? where("vehicleId").in(online) : where("vehicleId").nin(online));
        }
        if (query.make() != null && !query.make().isBlank()) {
            filter.addCriteria(where("make").regex("^" + Pattern.quote(query.make().strip()) + "$", "i"));
        }
        return LISTING.filter(filter, query.criteria());
    }

    /** The view of a registered vehicle, null for an unknown one. */
    VehicleView find(String vehicleId) {
        VehicleDocument vehicle = mongo.findById(vehicleId, VehicleDocument.class, COLLECTION);
        return vehicle == null || !vehicle.registered() ? null : view(vehicle);
    }

    /** Sends the vehicle's view, as stored now, to its watchers; frames and session changes call it too. */
    void publish(String vehicleId) {
        VehicleDocument vehicle = mongo.findById(vehicleId, VehicleDocument.class, COLLECTION);
        if (vehicle != null) {
            publish(vehicle);
        }
    }

    /**
     * Sends the views of {@code vehicleIds}, as stored now, to their watchers: the frame topic's writer calls it once a
     * poll, the documents read in one query by key.
     */
    void publish(Collection<String> vehicleIds) {
        if (!vehicleIds.isEmpty()) {
            mongo.find(query(where("vehicleId").in(vehicleIds)), VehicleDocument.class, COLLECTION)
                    .forEach(this::publish);
        }
    }

    private void publish(VehicleDocument vehicle) {
        if (vehicle.registered()) {
            VehicleView view = view(vehicle);
            updateEmitter.emit(WatchVehicleQuery.class, query -> vehicle.vehicleId().equals(query.vehicleId()), view);
        }
    }

    private VehicleView view(VehicleDocument vehicle) {
        return vehicle.toView(sessions.online(vehicle.vehicleId()));
    }

    /** Writes {@code change} to the vehicle's document unless an event as new or newer was applied, then publishes. */
    private void update(String vehicleId, long sequence, Function<VehicleDocument, Update> change) {
        ReadModels.Result<VehicleDocument> result = ReadModels.updateIfNewer(mongo, COLLECTION,
                VehicleDocument.class, "vehicleId", vehicleId, sequence, VehicleDocument::sequenceOrNone, change);
        if (result.outcome() == ReadModels.Outcome.APPLIED) {
            publish(result.document());
        }
    }

    private static <T> List<T> without(List<T> values, Function<T, String> key, String removed) {
        List<T> kept = new ArrayList<>();
        if (values != null) {
            values.stream().filter(value -> !removed.equals(key.apply(value))).forEach(kept::add);
        }
        return kept;
    }

    private static List<String> warnings(List<String> warnings) {
        return warnings == null ? List.of() : warnings;
    }
}
