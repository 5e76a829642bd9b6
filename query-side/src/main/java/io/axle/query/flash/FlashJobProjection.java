package io.axle.query.flash;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.axle.api.common.PageResult;
import io.axle.api.flash.ExportFlashJobsQuery;
import io.axle.api.flash.FindFlashJobQuery;
import io.axle.api.flash.FlashJobAbortedEvent;
import io.axle.api.flash.FlashJobCancelledEvent;
import io.axle.api.flash.FlashJobCompletedEvent;
import io.axle.api.flash.FlashJobFailedEvent;
import io.axle.api.flash.FlashJobRequestedEvent;
import io.axle.api.flash.FlashJobRolledBackEvent;
import io.axle.api.flash.FlashJobStatus;
import io.axle.api.flash.FlashJobView;
import io.axle.api.flash.FlashJobView.StepEntry;
import io.axle.api.flash.FlashProgressReportedEvent;
import io.axle.api.flash.FlashRollbackStartedEvent;
import io.axle.api.flash.FlashStep;
import io.axle.api.flash.FlashStepConfirmedEvent;
import io.axle.api.flash.FlashStepFailedEvent;
import io.axle.api.flash.FlashStepRequestedEvent;
import io.axle.api.flash.ListFlashJobsQuery;
import io.axle.api.flash.WatchFlashJobQuery;
import io.axle.query.Listing;
import io.axle.query.Pages;
import io.axle.query.ReadModels;
import jakarta.annotation.PostConstruct;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
 * Projects flash job events into one {@link FlashJobDocument} per job and answers the flash job queries from it.
 *
 * <p>The status follows the events: REQUESTED, RUNNING from the first step sent, ROLLING_BACK once the backup is being
 * restored, then the end the job's last event names. Each step sent, confirmed or failed adds a line to the timeline
 * (progress reports only move {@code progressPct}, which is 100 once the transfer is confirmed). Every write is
 * conditional on the stored aggregate sequence number (an event applied twice, or an older one late, changes nothing
 * and emits nothing); after each change the new view goes to the job's {@link WatchFlashJobQuery} subscribers.
 */
@Component
@ProcessingGroup("flash-jobs")
public class FlashJobProjection {

    static final String COLLECTION = "flash_jobs";
    static final String REQUESTED = "REQUESTED";
    static final String CONFIRMED = "CONFIRMED";
    static final String FAILED = "FAILED";
    static final String TIMED_OUT = "TIMED_OUT";

    /** The flash job list: searched by job, vehicle, ECU and versions, dated by request, newest first. */
    static final Listing LISTING = Listing.of("flash-jobs", "flashJobId")
            .searching("flashJobId", "vehicleId", "ecu", "fromVersion", "toVersion")
            .dated("requestedAt")
            .sortable("requestedAt", "startedAt", "finishedAt", "status", "vehicleId", "ecu")
            .inUsualOrder(Sort.by(Sort.Order.desc("requestedAt"), Sort.Order.desc("flashJobId")));

    private final MongoTemplate mongo;
    private final QueryUpdateEmitter updateEmitter;

    public FlashJobProjection(MongoTemplate mongo, QueryUpdateEmitter updateEmitter) {
        this.mongo = mongo;
        this.updateEmitter = updateEmitter;
    }

    /** The indexes the list's filters and orders need on a real MongoDB. */
    @PostConstruct
    void createIndexes() {
        for (String field : List.of("vehicleId", "status", "campaignId")) {
            ReadModels.createIndex(mongo, COLLECTION, new Index().on(field, Sort.Direction.ASC)
                    .on("requestedAt", Sort.Direction.DESC).named(field + "_requestedAt"));
        }
        ReadModels.createIndex(mongo, COLLECTION, new Index().on("requestedAt", Sort.Direction.DESC)
                .named("requestedAt"));
        for (String field : List.of("startedAt", "finishedAt", "ecu")) {
            ReadModels.createIndex(mongo, COLLECTION, new Index().on(field, Sort.Direction.ASC)
                    .on("_id", Sort.Direction.ASC).named(field + "_id"));
        }
    }

    @EventHandler
    void on(FlashJobRequestedEvent event, @SequenceNumber long sequence) {
        FlashJobDocument job = new FlashJobDocument(event.flashJobId(), event.vehicleId(), event.ecu(),
                event.firmwareId(), event.fromVersion(), event.toVersion(), FlashJobStatus.REQUESTED, null, 0,
                event.requestedAt(), null, null, null, List.of(), event.requestedBy(), event.campaignId(), sequence);
        try {
            mongo.insert(job, COLLECTION);
        } catch (DuplicateKeyException alreadyApplied) {
            return;
        }
        publish(job);
    }

    /** The job runs from its first step on (a step of the rollback leaves it ROLLING_BACK). */
    @EventHandler
    void on(FlashStepRequestedEvent event, @SequenceNumber long sequence) {
        update(event.flashJobId(), sequence, current -> {
            Update update = withEntry(current, new StepEntry(event.step(), event.attempt(), REQUESTED, null,
                    event.requestedAt())).set("step", event.step());
            if (current.status() == FlashJobStatus.REQUESTED) {
                update.set("status", FlashJobStatus.RUNNING);
            }
            if (current.startedAt() == null) {
                update.set("startedAt", event.requestedAt());
            }
            return update;
        });
    }

    @EventHandler
    void on(FlashStepConfirmedEvent event, @SequenceNumber long sequence) {
        update(event.flashJobId(), sequence, current -> {
            Update update = withEntry(current, new StepEntry(event.step(), event.attempt(), CONFIRMED,
                    detail(event.version(), event.checksum()), event.confirmedAt()));
            if (event.step() == FlashStep.TRANSFER) {
                update.set("progressPct", 100);
            }
            return update;
        });
    }

    @EventHandler
    void on(FlashStepFailedEvent event, @SequenceNumber long sequence) {
        update(event.flashJobId(), sequence, current -> withEntry(current, new StepEntry(event.step(),
                event.attempt(), event.timedOut() ? TIMED_OUT : FAILED, event.reason(), event.failedAt()))
                .set("reason", event.reason()));
    }

    @EventHandler
    void on(FlashProgressReportedEvent event, @SequenceNumber long sequence) {
        update(event.flashJobId(), sequence, current -> new Update()
                .set("progressPct", Math.max(current.progressPct(), event.progressPct())));
    }

    @EventHandler
    void on(FlashRollbackStartedEvent event, @SequenceNumber long sequence) {
        update(event.flashJobId(), sequence, current -> new Update()
                .set("status", FlashJobStatus.ROLLING_BACK)
                .set("reason", event.reason()));
    }

    @EventHandler
    void on(FlashJobCompletedEvent event, @SequenceNumber long sequence) {
        end(event.flashJobId(), FlashJobStatus.COMPLETED, null, event.completedAt(), sequence);
    }

    @EventHandler
    void on(FlashJobRolledBackEvent event, @SequenceNumber long sequence) {
        end(event.flashJobId(), FlashJobStatus.ROLLED_BACK, event.reason(), event.rolledBackAt(), sequence);
    }

    @EventHandler
    void on(FlashJobAbortedEvent event, @SequenceNumber long sequence) {
        end(event.flashJobId(), FlashJobStatus.ABORTED, event.reason(), event.abortedAt(), sequence);
    }

    @EventHandler
    void on(FlashJobFailedEvent event, @SequenceNumber long sequence) {
        end(event.flashJobId(), FlashJobStatus.FAILED, event.reason(), event.failedAt(), sequence);
    }

    @EventHandler
    void on(FlashJobCancelledEvent event, @SequenceNumber long sequence) {
        end(event.flashJobId(), FlashJobStatus.CANCELLED, event.reason(), event.cancelledAt(), sequence);
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), COLLECTION);
    }

    @QueryHandler
    FlashJobView handle(FindFlashJobQuery query) {
        return find(query.flashJobId());
    }

    /** The first answer of a watch: the job's view now, null for a job not projected yet. */
    @QueryHandler
    FlashJobView handle(WatchFlashJobQuery query) {
        return find(query.flashJobId());
    }

    /**
     * Declared with the raw {@link PageResult} because Axon 4 matches {@code ResponseTypes.instanceOf(PageResult.class)}
     * only against a non-parameterized return type (AxonFramework issue #1537); the content is {@link FlashJobView}.
     */
    @QueryHandler
    @SuppressWarnings("rawtypes")
    PageResult handle(ListFlashJobsQuery query) {
        return page(query);
    }

    PageResult<FlashJobView> page(ListFlashJobsQuery query) {
        return Pages.page(mongo, COLLECTION, FlashJobDocument.class, filter(query), LISTING.order(query.criteria()),
                query.page(), query.size(), FlashJobDocument::toView);
    }

    /** Every job the list would page through, in its order, as the cursor reads them. */
    @QueryHandler
    Flux<FlashJobView> handle(ExportFlashJobsQuery query) {
        return Pages.stream(mongo, COLLECTION, FlashJobDocument.class, filter(query.list()),
                LISTING.order(query.list().criteria()), query.limit(), FlashJobDocument::toView);
    }

    private static Query filter(ListFlashJobsQuery query) {
        Query filter = new Query();
        if (query.vehicleId() != null) {
            filter.addCriteria(where("vehicleId").is(query.vehicleId()));
        }
        if (query.status() != null) {
            filter.addCriteria(where("status").is(query.status()));
        }
        if (query.campaignId() != null) {
            filter.addCriteria(where("campaignId").is(query.campaignId()));
        }
        return LISTING.filter(filter, query.criteria());
    }

    private FlashJobView find(String flashJobId) {
        FlashJobDocument job = mongo.findById(flashJobId, FlashJobDocument.class, COLLECTION);
        return job == null ? null : job.toView();
    }

    private void end(String flashJobId, FlashJobStatus status, String reason, Instant at, long sequence) {
        update(flashJobId, sequence, current -> new Update()
                .set("status", status)
                .set("reason", reason)
                .set("finishedAt", at));
    }

    /** What a confirmation tells: the version read and the checksum, those given, null for neither. */
    static String detail(String version, String checksum) {
        String detail = Stream.of(version, checksum).filter(Objects::nonNull).collect(Collectors.joining(" "));
        return detail.isEmpty() ? null : detail;
    }

    /** The timeline with {@code entry} added at its end. */
    private static Update withEntry(FlashJobDocument current, StepEntry entry) {
        List<StepEntry> steps = new ArrayList<>(current.steps() == null ? List.of() : current.steps());
        steps.add(entry);
        return new Update().set("steps", steps);
    }

    /** Writes {@code change} unless an event as new or newer was applied, then sends the new view to watchers. */
    private void update(String flashJobId, long sequence, Function<FlashJobDocument, Update> change) {
        ReadModels.Result<FlashJobDocument> result = ReadModels.updateIfNewer(mongo, COLLECTION,
                FlashJobDocument.class, "flashJobId", flashJobId, sequence, FlashJobDocument::sequence, change);
        if (result.outcome() == ReadModels.Outcome.APPLIED) {
            publish(result.document());
        }
    }

    private void publish(FlashJobDocument job) {
        updateEmitter.emit(WatchFlashJobQuery.class, query -> job.flashJobId().equals(query.flashJobId()),
                job.toView());
    }
}
