package io.axle.query;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Writes shared by the projections: best-effort index creation and the update guarded by the aggregate sequence
 * number stored in each document's {@code sequence} field.
 */
public final class ReadModels {

    private static final Logger log = LoggerFactory.getLogger(ReadModels.class);

    private ReadModels() {
    }

    /** Creates {@code index} on {@code collection}; a server that refuses it only costs speed, so that is logged. */
    public static void createIndex(MongoTemplate mongo, String collection, Index index) {
        try {
            mongo.indexOps(collection).createIndex(index);
        } catch (RuntimeException e) {
            log.warn("Could not create index {} on {}: {}", index.getIndexKeys(), collection, e.getMessage());
        }
    }

    /**
     * Applies the event with aggregate sequence number {@code sequence} to the document {@code id}: if its stored
     * sequence is lower, the fields {@code change} sets and the new sequence are written, conditional on the stored
     * sequence still being the one read; an event already applied, or older, changes nothing.
     *
     * @return the outcome: {@link Outcome#NO_DOCUMENT} if there is no such document (nothing is written),
     *         {@link Outcome#ALREADY_APPLIED} if the event, or a later one, was applied already, otherwise
     *         {@link Outcome#APPLIED}, together with the document as written (only for {@link Outcome#APPLIED})
     * @throws IllegalStateException if the conditional write changed nothing although the stored sequence is still
     *         lower than the event's, so that the event is retried rather than lost
     */
    public static <D> Result<D> updateIfNewer(MongoTemplate mongo, String collection, Class<D> type, String idField,
            String id, long sequence, ToLongFunction<? super D> sequenceOf, Function<? super D, Update> change) {
        return updateIfNewer(mongo, collection, type, idField, id, "sequence", sequence, sequenceOf, change);
    }

    /**
     * As {@link #updateIfNewer(MongoTemplate, String, Class, String, String, long, ToLongFunction, Function)}, with the
     * sequence kept in {@code sequenceField}: for a document fed by the events of two aggregates, one sequence field
     * for each.
     */
    public static <D> Result<D> updateIfNewer(MongoTemplate mongo, String collection, Class<D> type, String idField,
            String id, String sequenceField, long sequence, ToLongFunction<? super D> sequenceOf,
            Function<? super D, Update> change) {
        D current = mongo.findById(id, type, collection);
        if (current == null) {
            return Result.none(Outcome.NO_DOCUMENT);
        }
        long read = sequenceOf.applyAsLong(current);
        if (sequence <= read) {
            return Result.none(Outcome.ALREADY_APPLIED);
        }
        Update update = change.apply(current).set(sequenceField, sequence);
        // a sequence never written (a document older than its field) reads as -1 and is matched as missing
        Criteria unchanged = read < 0 ? where(sequenceField).in(read, null) : where(sequenceField).is(read);
        D written = mongo.findAndModify(query(where(idField).is(id)).addCriteria(unchanged), update,
                FindAndModifyOptions.options().returnNew(true), type, collection);
        if (written == null) {
            D now = mongo.findById(id, type, collection);
            if (now != null && sequenceOf.applyAsLong(now) < sequence) {
                throw new IllegalStateException("Update of " + collection + " " + id + " to sequence " + sequence
                        + " changed nothing: read at sequence " + read + ", now at " + sequenceOf.applyAsLong(now));
            }
            return Result.none(Outcome.ALREADY_APPLIED);
        }
        return new Result<>(Outcome.APPLIED, written);
    }

    /**
     * What {@link #updateIfNewer} did with an event, and the document as it wrote it: null unless the outcome is
     * {@link Outcome#APPLIED}.
     */
    public record Result<D>(Outcome outcome, D document) {

        private static <D> Result<D> none(Outcome outcome) {
            return new Result<>(outcome, null);
        }
    }

    /** What {@link #updateIfNewer} did with an event. */
    public enum Outcome {
        NO_DOCUMENT, ALREADY_APPLIED, APPLIED
    }
}
