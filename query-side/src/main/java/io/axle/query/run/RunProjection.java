package io.axle.query.run;

import io.axle.platform.web.PublicUrls;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.axle.api.common.PageResult;
import io.axle.api.run.ExportRunsQuery;
import io.axle.api.run.FindAllRunsQuery;
import io.axle.api.run.FindRunQuery;
import io.axle.api.run.ListRunsQuery;
import io.axle.api.run.RunCompletedEvent;
import io.axle.api.run.RunFailedEvent;
import io.axle.api.run.RunInterruptedEvent;
import io.axle.api.run.RunSlotClaimedEvent;
import io.axle.api.run.RunSlotReleasedEvent;
import io.axle.api.run.RunSlots;
import io.axle.api.run.RunStartedEvent;
import io.axle.api.run.RunStatus;
import io.axle.api.run.RunView;
import io.axle.api.run.WatchRunsQuery;
import io.axle.query.Listing;
import io.axle.query.Pages;
import io.axle.query.ReadModels;
import jakarta.annotation.PostConstruct;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Projects simulation-run events into one {@link RunDocument} per run and answers the run queries from it.
 *
 * <p>Every write is conditional on the document's stored aggregate sequence number being lower than the event's, so
 * an event applied twice, or an older one arriving late, changes nothing and emits no update. After each change the
 * run goes to {@link FindRunQuery} subscribers of that run and to matching {@link WatchRunsQuery} subscribers. Views
 * link to the run's live page under {@code axle.public-url}, or relative to the UI when it is not set; the REST edge
 * makes the link absolute for the request it answers.
 *
 * <p>The run slots are kept apart, in one document per slots aggregate in {@value #SLOTS_COLLECTION}: the ids of the
 * runs holding a slot and the slots aggregate's sequence number of the last slot event applied (the slot events are
 * that aggregate's, not the runs'), guarded the same way. A run keeps its slot from its claim until the run saga has it
 * released after the run ended, so the held slots, not the RUNNING runs, tell whether a start would be accepted.
 */
@Component
@ProcessingGroup("runs")
public class RunProjection {

    static final String COLLECTION = "runs";
    static final String SLOTS_COLLECTION = "run_slots";
    /** How many of the newest runs a {@link WatchRunsQuery} of every run answers with before its updates. */
    static final int WATCH_INITIAL_SIZE = 20;
    /** The most runs {@link FindAllRunsQuery} answers with, newest first, so that it cannot exhaust memory. */
    static final int ALL_LIMIT = 10_000;

    private static final String HELD = "held";
    private static final String SEQUENCE = "sequence";
    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("startedAt"), Sort.Order.desc("runId"));

    /** The run list: searched by run name and id, dated when the run started. */
    static final Listing LISTING = Listing.of(COLLECTION, "runId")
            .searching("name", "runId")
            .dated("startedAt")
            .sortable("startedAt", "finishedAt", "name", "status", "username")
            .inUsualOrder(NEWEST_FIRST);

    private final MongoTemplate mongo;
    private final QueryUpdateEmitter updateEmitter;
    private final String linkBase;

    public RunProjection(MongoTemplate mongo, QueryUpdateEmitter updateEmitter,
            @Value("${" + PublicUrls.PROPERTY + ":}") String publicUrl) {
        this.mongo = mongo;
        this.updateEmitter = updateEmitter;
        this.linkBase = PublicUrls.base(publicUrl, null);
    }

    /** Creates the indexes the lists need on a real MongoDB; servers that refuse them only cost speed. */
    @PostConstruct
    void createIndexes() {
        ReadModels.createIndex(mongo, COLLECTION, new Index().on("status", Sort.Direction.ASC)
                .on("startedAt", Sort.Direction.DESC).named("status_startedAt"));
        ReadModels.createIndex(mongo, COLLECTION, new Index().on("startedAt", Sort.Direction.DESC).named("startedAt"));
        for (String field : List.of("finishedAt", "name", "username")) {
            ReadModels.createIndex(mongo, COLLECTION, new Index().on(field, Sort.Direction.ASC)
                    .on("_id", Sort.Direction.ASC).named(field + "_id"));
        }
    }

    @EventHandler
    void on(RunStartedEvent event, @SequenceNumber long sequence) {
        Update update = new Update()
                .set("name", event.name())
                .set("username", event.username())
                .set("status", RunStatus.RUNNING)
                .set("startedAt", event.startedAt())
                .set("finishedAt", null)
                .set("duration", event.duration())
                .set("interval", event.interval())
                .set("paramsJson", RunDocument.paramsJson(event.params()))
                .set("reason", null)
                .set("sequence", sequence);
        RunDocument started;
        try {
            started = mongo.findAndModify(notYetApplied(event.runId(), sequence), update,
                    FindAndModifyOptions.options().upsert(true).returnNew(true), RunDocument.class, COLLECTION);
        } catch (DuplicateKeyException alreadyApplied) {
            return;
        }
        publish(started);
    }

    @EventHandler
    void on(RunCompletedEvent event, @SequenceNumber long sequence) {
        end(event.runId(), RunStatus.COMPLETED, event.finishedAt(), event.reason(), sequence);
    }

    @EventHandler
    void on(RunInterruptedEvent event, @SequenceNumber long sequence) {
        end(event.runId(), RunStatus.INTERRUPTED, event.finishedAt(), event.reason(), sequence);
    }

    @EventHandler
    void on(RunFailedEvent event, @SequenceNumber long sequence) {
        end(event.runId(), RunStatus.FAILED, event.finishedAt(), event.reason(), sequence);
    }

    @EventHandler
    void on(RunSlotClaimedEvent event, @SequenceNumber long sequence) {
        slots(event.slotsId(), new Update().addToSet(HELD, event.runId()), sequence);
    }

    @EventHandler
    void on(RunSlotReleasedEvent event, @SequenceNumber long sequence) {
        slots(event.slotsId(), new Update().pull(HELD, event.runId()), sequence);
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), COLLECTION);
        mongo.remove(new Query(), SLOTS_COLLECTION);
    }

    /** The number of runs holding one of the global slots. */
    @QueryHandler
    Long handle(HeldRunSlotsQuery query) {
        Document slots = mongo.findById(RunSlots.ID, Document.class, SLOTS_COLLECTION);
        List<?> held = slots == null ? null : slots.getList(HELD, Object.class);
        return held == null ? 0L : (long) held.size();
    }

    @QueryHandler
    RunView handle(FindRunQuery query) {
        RunDocument run = mongo.findById(query.runId(), RunDocument.class, COLLECTION);
        return run == null ? null : run.toView(linkBase);
    }

    /**
     * Declared with the raw {@link PageResult} because Axon 4 matches {@code ResponseTypes.instanceOf(PageResult.class)}
     * only against a non-parameterized return type (AxonFramework issue #1537); the content is {@link RunView}.
     */
    @QueryHandler
    @SuppressWarnings("rawtypes")
    PageResult handle(ListRunsQuery query) {
        return page(query);
    }

    PageResult<RunView> page(ListRunsQuery query) {
        return Pages.page(mongo, COLLECTION, RunDocument.class, filter(query), LISTING.order(query.criteria()),
                query.page(), query.size(), run -> run.toView(linkBase));
    }

    /** Every run the list would page through, in its order, as the cursor reads them. */
    @QueryHandler
    Flux<RunView> handle(ExportRunsQuery query) {
        return Pages.stream(mongo, COLLECTION, RunDocument.class, filter(query.list()),
                LISTING.order(query.list().criteria()), query.limit(), run -> run.toView(linkBase));
    }

    private static Query filter(ListRunsQuery query) {
        Query filter = new Query();
        if (query.status() != null) {
            filter.addCriteria(where("status").is(query.status()));
        }
        return LISTING.filter(filter, query.criteria());
    }

    @QueryHandler
    List<RunView> handle(FindAllRunsQuery query) {
        return mongo.find(new Query().with(NEWEST_FIRST).limit(ALL_LIMIT), RunDocument.class, COLLECTION).stream()
                .map(run -> run.toView(linkBase))
                .toList();
    }

    /** The initial answer of the run watch: that run if one is named (none if unknown yet), else the newest runs. */
    @QueryHandler
    List<RunView> handle(WatchRunsQuery query) {
        if (query.runId() != null) {
            RunView run = handle(new FindRunQuery(query.runId()));
            return run == null ? List.of() : List.of(run);
        }
        return page(new ListRunsQuery(null, 0, WATCH_INITIAL_SIZE)).content();
    }

    private void end(String runId, RunStatus status, Instant finishedAt, String reason, long sequence) {
        Update update = new Update()
                .set("status", status)
                .set("finishedAt", finishedAt)
                .set("reason", reason)
                .set("sequence", sequence);
        RunDocument ended = mongo.findAndModify(notYetApplied(runId, sequence), update,
                FindAndModifyOptions.options().returnNew(true), RunDocument.class, COLLECTION);
        if (ended != null) {
            publish(ended);
        }
    }

    /** Applies a slot change unless the slots document applied this event of the slots aggregate (or a later one). */
    private void slots(String slotsId, Update change, long sequence) {
        try {
            mongo.upsert(query(where("_id").is(slotsId).and(SEQUENCE).lt(sequence)), change.set(SEQUENCE, sequence),
                    SLOTS_COLLECTION);
        } catch (DuplicateKeyException alreadyApplied) {
            // the document exists at this sequence or later: nothing to do
        }
    }

    private static Query notYetApplied(String runId, long sequence) {
        return query(where("runId").is(runId).and("sequence").lt(sequence));
    }

    private void publish(RunDocument run) {
        RunView view = run.toView(linkBase);
        updateEmitter.emit(FindRunQuery.class, query -> run.runId().equals(query.runId()), view);
        updateEmitter.emit(WatchRunsQuery.class, query -> query.runId() == null || query.runId().equals(run.runId()),
                view);
    }
}
