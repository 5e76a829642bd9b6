package io.axle.query.campaign;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.axle.api.campaign.CampaignFlashStartedEvent;
import io.axle.api.campaign.CampaignGroupFinishedEvent;
import io.axle.api.campaign.CampaignGroupStartedEvent;
import io.axle.api.campaign.CampaignStatus;
import io.axle.api.campaign.CampaignVehicleOutcomeRecordedEvent;
import io.axle.api.campaign.CampaignView;
import io.axle.api.campaign.FindCampaignQuery;
import io.axle.api.campaign.FlashCampaignApprovedEvent;
import io.axle.api.campaign.FlashCampaignCreatedEvent;
import io.axle.api.campaign.FlashCampaignFinishedEvent;
import io.axle.api.campaign.FlashCampaignPausedEvent;
import io.axle.api.campaign.FlashCampaignResumedEvent;
import io.axle.api.campaign.FlashCampaignStartedEvent;
import io.axle.api.campaign.FlashCampaignStoppedEvent;
import io.axle.api.campaign.ListCampaignsQuery;
import io.axle.api.campaign.WatchCampaignQuery;
import io.axle.api.common.PageResult;
import io.axle.query.Listing;
import io.axle.query.Pages;
import io.axle.query.ReadModels;
import io.axle.query.campaign.CampaignDocument.GroupEntry;
import io.axle.query.campaign.CampaignDocument.VehicleState;
import jakarta.annotation.PostConstruct;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Projects flash campaign events into one {@link CampaignDocument} per campaign and answers the campaign queries.
 *
 * <p>The status follows the campaign's events (STOPPED stays STOPPED when the campaign later finishes); each group
 * is READY, SCHEDULED once the campaign started, RUNNING from its start, then FINISHED, or ERROR when fewer than the
 * success threshold of its vehicles were flashed. A vehicle counts as waiting until its job starts, running until its
 * outcome is recorded, then under its outcome; where each vehicle is lives in {@value #VEHICLES}, the counts in the
 * campaign's document. {@code pauseReason} tells why the campaign is paused, or why it was
 * stopped. Every write is conditional on the stored aggregate sequence number (an event applied twice, or an older
 * one late, changes nothing and emits nothing); after each change the new view goes to the campaign's
 * {@link WatchCampaignQuery} subscribers.
 */
@Component
@ProcessingGroup("flash-campaigns")
public class CampaignProjection {

    static final String COLLECTION = "flash_campaigns";
    /** Where each vehicle of each campaign is; the counts are kept in the campaign's document. */
    static final String VEHICLES = "flash_campaign_vehicles";

    /** The campaign list: searched by campaign, name, firmware and ECU, dated by creation, newest first. */
    static final Listing LISTING = Listing.of("flash-campaigns", "campaignId")
            .searching("campaignId", "name", "firmwareId", "ecu", "toVersion")
            .dated("createdAt")
            .sortable("createdAt", "startedAt", "finishedAt", "status", "name")
            .inUsualOrder(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("campaignId")));

    private final MongoTemplate mongo;
    private final QueryUpdateEmitter updateEmitter;

    public CampaignProjection(MongoTemplate mongo, QueryUpdateEmitter updateEmitter) {
        this.mongo = mongo;
        this.updateEmitter = updateEmitter;
    }

    /** The indexes the list's filter and orders need on a real MongoDB. */
    @PostConstruct
    void createIndexes() {
        ReadModels.createIndex(mongo, COLLECTION, new Index().on("status", Sort.Direction.ASC)
                .on("createdAt", Sort.Direction.DESC).named("status_createdAt"));
        ReadModels.createIndex(mongo, COLLECTION, new Index().on("createdAt", Sort.Direction.DESC)
                .named("createdAt"));
        for (String field : List.of("startedAt", "finishedAt", "name")) {
            ReadModels.createIndex(mongo, COLLECTION, new Index().on(field, Sort.Direction.ASC)
                    .on("_id", Sort.Direction.ASC).named(field + "_id"));
        }
    }

    @EventHandler
    void on(FlashCampaignCreatedEvent event, @SequenceNumber long sequence) {
        CampaignDocument campaign = new CampaignDocument(event.campaignId(), event.name(), event.firmwareId(),
                event.ecu(), event.toVersion(), event.target(),
                event.requiresApproval() ? CampaignStatus.WAITING_FOR_APPROVAL : CampaignStatus.READY,
                event.successThresholdPct(), event.errorThresholdPct(), event.requiresApproval(), event.deadline(),
                event.createdBy(), event.createdAt(), null, null, null, null, 0,
                CampaignDocument.groupsOf(event.groups()), sequence);
        try {
            mongo.insert(campaign, COLLECTION);
        } catch (DuplicateKeyException alreadyApplied) {
            return;
        }
        publish(campaign);
    }

    @EventHandler
    void on(FlashCampaignApprovedEvent event, @SequenceNumber long sequence) {
        update(event.campaignId(), sequence, current -> new Update()
                .set("status", CampaignStatus.READY)
                .set("approvedBy", event.approvedBy()));
    }

    @EventHandler
    void on(FlashCampaignStartedEvent event, @SequenceNumber long sequence) {
        update(event.campaignId(), sequence, current -> new Update()
                .set("status", CampaignStatus.RUNNING)
                .set("startedAt", event.startedAt()));
    }

    @EventHandler
    void on(CampaignGroupStartedEvent event, @SequenceNumber long sequence) {
        update(event.campaignId(), sequence, current -> withGroup(current, event.group(),
                group -> group.with(true, group.finished(), group.error()))
                .set("currentGroup", event.group()));
    }

    @EventHandler
    void on(CampaignFlashStartedEvent event, @SequenceNumber long sequence) {
        moveVehicle(event.campaignId(), event.group(), event.vehicleId(), event.flashJobId(), VehicleState.RUNNING,
                sequence);
    }

    @EventHandler
    void on(CampaignVehicleOutcomeRecordedEvent event, @SequenceNumber long sequence) {
        moveVehicle(event.campaignId(), event.group(), event.vehicleId(), event.flashJobId(),
                VehicleState.of(event.outcome()), sequence);
    }

    /** A group finished below its success threshold shows as ERROR. */
    @EventHandler
    void on(CampaignGroupFinishedEvent event, @SequenceNumber long sequence) {
        update(event.campaignId(), sequence, current -> {
            boolean error = (long) event.flashed() * 100 < (long) current.successThresholdPct() * event.size();
            return withGroup(current, event.group(), group -> group.with(true, true, error));
        });
    }

    @EventHandler
    void on(FlashCampaignPausedEvent event, @SequenceNumber long sequence) {
        update(event.campaignId(), sequence, current -> new Update()
                .set("status", CampaignStatus.PAUSED)
                .set("pauseReason", event.reason()));
    }

    @EventHandler
    void on(FlashCampaignResumedEvent event, @SequenceNumber long sequence) {
        update(event.campaignId(), sequence, current -> new Update()
                .set("status", CampaignStatus.RUNNING)
                .set("pauseReason", null));
    }

    @EventHandler
    void on(FlashCampaignStoppedEvent event, @SequenceNumber long sequence) {
        update(event.campaignId(), sequence, current -> new Update()
                .set("status", CampaignStatus.STOPPED)
                .set("pauseReason", event.reason())
                .set("finishedAt", event.stoppedAt()));
    }

    /** A stopped campaign whose last jobs ended stays STOPPED, dated by its stop. */
    @EventHandler
    void on(FlashCampaignFinishedEvent event, @SequenceNumber long sequence) {
        update(event.campaignId(), sequence, current -> current.status() == CampaignStatus.STOPPED
                ? new Update()
                : new Update().set("status", CampaignStatus.FINISHED)
                        .set("pauseReason", null)
                        .set("finishedAt", event.finishedAt()));
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), COLLECTION);
        mongo.remove(new Query(), VEHICLES);
    }

    @QueryHandler
    CampaignView handle(FindCampaignQuery query) {
        return find(query.campaignId());
    }

    /** The first answer of a watch: the campaign's view now, null for one not projected yet. */
    @QueryHandler
    CampaignView handle(WatchCampaignQuery query) {
        return find(query.campaignId());
    }

    /**
     * Declared with the raw {@link PageResult} because Axon 4 matches
     * {@code ResponseTypes.instanceOf(PageResult.class)} only against a non-parameterized return type (AxonFramework
     * issue #1537); the content is {@link CampaignView}.
     */
    @QueryHandler
    @SuppressWarnings("rawtypes")
    PageResult handle(ListCampaignsQuery query) {
        return page(query);
    }

    PageResult<CampaignView> page(ListCampaignsQuery query) {
        return Pages.page(mongo, COLLECTION, CampaignDocument.class, filter(query), LISTING.order(query.criteria()),
                query.page(), query.size(), CampaignDocument::toView);
    }

    /** Every campaign the list would page through, in its order, as the cursor reads them. */
    @QueryHandler
    Flux<CampaignView> handle(ExportCampaignsQuery query) {
        return Pages.stream(mongo, COLLECTION, CampaignDocument.class, filter(query.list()),
                LISTING.order(query.list().criteria()), query.limit(), CampaignDocument::toView);
    }

    private static Query filter(ListCampaignsQuery query) {
        Query filter = new Query();
        if (query.status() != null) {
            filter.addCriteria(where("status").is(query.status()));
        }
        return LISTING.filter(filter, query.criteria());
    }

    private CampaignView find(String campaignId) {
        CampaignDocument campaign = mongo.findById(campaignId, CampaignDocument.class, COLLECTION);
        return campaign == null ? null : campaign.toView();
    }

    /** The groups with group {@code index} changed by {@code change} (an unknown group changes nothing). */
    private static Update withGroup(CampaignDocument current, int index, UnaryOperator<GroupEntry> change) {
        List<GroupEntry> groups = current.groups().stream()
                .map(group -> group.group() == index ? change.apply(group) : group)
                .toList();
        return new Update().set("groups", groups);
    }

    /**
     * Moves one vehicle to {@code to} and the counts of its group with it, once: the vehicle's own document records the
     * move with the event's sequence number first, so that the same event applied again (after a crash between the two
     * writes) repeats the same move, which the campaign's sequence then applies at most once. A vehicle that already
     * ended, or an older event late, moves nothing.
     */
    private void moveVehicle(String campaignId, int group, String vehicleId, String flashJobId, VehicleState to,
            long sequence) {
        String id = CampaignVehicleDocument.idOf(campaignId, vehicleId);
        CampaignVehicleDocument vehicle = mongo.findById(id, CampaignVehicleDocument.class, VEHICLES);
        VehicleState from;
        VehicleState state;
        if (vehicle != null && vehicle.sequence() >= sequence) {
            if (vehicle.sequence() > sequence) {
                return;
            }
            from = vehicle.previous();
            state = vehicle.state();
        } else {
            from = vehicle == null ? VehicleState.WAITING : vehicle.state();
            state = to;
            if (from == state || (from != VehicleState.WAITING && from != VehicleState.RUNNING)) {
                return;
            }
            String job = flashJobId != null ? flashJobId : vehicle == null ? null : vehicle.flashJobId();
            CampaignVehicleDocument moved = new CampaignVehicleDocument(id, campaignId, vehicleId, group, job, state,
                    from, sequence);
            if (vehicle == null) {
                mongo.insert(moved, VEHICLES);
            } else {
                Query unchanged = query(where("_id").is(id)).addCriteria(where("sequence").is(vehicle.sequence()));
                Update move = new Update().set("flashJobId", job).set("state", state).set("previous", from)
                        .set("sequence", sequence);
                if (mongo.updateFirst(unchanged, move, VEHICLES).getMatchedCount() == 0) {
                    throw new IllegalStateException("Campaign vehicle " + id + " changed while event " + sequence
                            + " was applied");
                }
            }
        }
        update(campaignId, sequence, current -> withGroup(current, group, entry -> entry.moved(from, state)));
    }

    /** Writes {@code change} unless an event as new or newer was applied, then sends the new view to watchers. */
    private void update(String campaignId, long sequence, Function<CampaignDocument, Update> change) {
        ReadModels.Result<CampaignDocument> result = ReadModels.updateIfNewer(mongo, COLLECTION,
                CampaignDocument.class, "campaignId", campaignId, sequence, CampaignDocument::sequence, change);
        if (result.outcome() == ReadModels.Outcome.APPLIED) {
            publish(result.document());
        }
    }

    private void publish(CampaignDocument campaign) {
        updateEmitter.emit(WatchCampaignQuery.class, query -> campaign.campaignId().equals(query.campaignId()),
                campaign.toView());
    }
}
