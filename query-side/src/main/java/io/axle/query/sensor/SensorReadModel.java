package io.axle.query.sensor;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.axle.api.common.PageResult;
import io.axle.api.sensor.FindReadingsQuery;
import io.axle.api.sensor.FindRunSeriesQuery;
import io.axle.api.sensor.FindRunStatisticsQuery;
import io.axle.api.sensor.MeasureStatistics;
import io.axle.api.sensor.MinuteBucket;
import io.axle.api.sensor.RunSeries;
import io.axle.api.sensor.RunStatistics;
import io.axle.api.sensor.SensorReading;
import io.axle.api.sensor.SensorStatistics;
import io.axle.api.sensor.WatchRunReadingsQuery;
import io.axle.query.Pages;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Answers the sensor queries from the raw readings, the run statistics and the minute buckets (and series from them). */
@Component
public class SensorReadModel {

    /** How many of a run's newest readings a {@link WatchRunReadingsQuery} answers with before its updates. */
    static final int WATCH_INITIAL_SIZE = 200;

    private static final Sort OLDEST_FIRST = Sort.by(Sort.Order.asc(RawReadings.TIMESTAMP), Sort.Order.asc("_id"));
    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc(RawReadings.TIMESTAMP), Sort.Order.desc("_id"));
    private static final Duration MINUTE = Duration.ofMinutes(1);
    /** The finest bucket of a series, one second: finer is more than a chart can show. */
    private static final Duration MIN_BUCKET = Duration.ofSeconds(1);
    /** The longest range a series is computed from raw readings; longer ones always come from the minute figures. */
    static final Duration RAW_RANGE = Duration.ofMinutes(30);
    private static final MeasureStatistics NOTHING = new MeasureStatistics(0, null, null, null);

    private final MongoTemplate mongo;

    public SensorReadModel(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * A page of a run's readings, oldest first (by reading timestamp, then reading id): of one sensor if given, with a
     * timestamp at or after {@code from} and before {@code to} where those are given. Declared with the raw
     * {@link PageResult} (see {@link Pages#queryPage}); the content is {@link SensorReading}.
     */
    @QueryHandler
    @SuppressWarnings("rawtypes")
    PageResult handle(FindReadingsQuery query) {
        return page(query);
    }

    PageResult<SensorReading> page(FindReadingsQuery query) {
        return Pages.page(mongo, RawReadings.COLLECTION, Document.class,
                new Query(readings(query.runId(), query.sensorId(), query.from(), query.to())), OLDEST_FIRST,
                query.page(), query.size(), RawReadings::toReading);
    }

    /** The raw readings of a run, of one sensor if given, with a timestamp in [from, to) where those are given. */
    static Criteria readings(String runId, String sensorId, Instant from, Instant to) {
        Criteria criteria = where("runId").is(runId);
        if (sensorId != null) {
            criteria.and("sensorId").is(sensorId);
        }
        if (from != null || to != null) {
            Criteria timestamp = criteria.and(RawReadings.TIMESTAMP);
            if (from != null) {
                timestamp.gte(from);
            }
            if (to != null) {
                timestamp.lt(to);
            }
        }
        return criteria;
    }

    /** A run's readings oldest first, for a query that reads them one by one. */
    static Query oldestFirst(Criteria readings) {
        return new Query(readings).with(OLDEST_FIRST);
    }

    /** The initial answer of the reading watch: the run's newest {@value #WATCH_INITIAL_SIZE} readings, oldest first. */
    @QueryHandler
    List<SensorReading> handle(WatchRunReadingsQuery query) {
        Query newest = new Query(where("runId").is(query.runId())).with(NEWEST_FIRST).limit(WATCH_INITIAL_SIZE);
        List<SensorReading> readings = new ArrayList<>(mongo.find(newest, Document.class, RawReadings.COLLECTION)
                .stream().map(RawReadings::toReading).toList());
        Collections.reverse(readings);
        return readings;
    }

    /**
     * The run's statistics: the whole run, each sensor (by sensor id) and the minute series (by minute, then sensor);
     * averages are sums divided by counts. A run without readings answers zero counts and empty lists.
     */
    @QueryHandler
    RunStatistics handle(FindRunStatisticsQuery query) {
        SensorStatistics overall = new SensorStatistics(null, 0, NOTHING, NOTHING, NOTHING);
        Instant lastReadingAt = null;
        List<SensorStatistics> sensors = new ArrayList<>();
        for (Document document : mongo.find(new Query(where(Tally.RUN_ID).is(query.runId())), Document.class,
                RunStatisticsWriter.STATISTICS)) {
            Tally tally = Tally.from(document);
            if (tally.sensorId() == null) {
                overall = tally.toSensorStatistics();
                lastReadingAt = tally.lastReadingAt();
            } else {
                sensors.add(tally.toSensorStatistics());
            }
        }
        sensors.sort(Comparator.comparing(SensorStatistics::sensorId));
        Query series = new Query(where(Tally.RUN_ID).is(query.runId()))
                .with(Sort.by(Sort.Order.asc(Tally.MINUTE), Sort.Order.asc(Tally.SENSOR_ID)));
        List<MinuteBucket> buckets = mongo.find(series, Document.class, RunStatisticsWriter.BUCKETS).stream()
                .map(document -> Tally.from(document).toBucket())
                .toList();
        return new RunStatistics(query.runId(), overall, sensors, buckets, lastReadingAt);
    }

    /**
     * The run's readings downsampled into at most {@code buckets} buckets per sensor. Without bounds the range is the
     * whole run: from its first reading to just after its last. Buckets of a minute or more, and every bucket of a
     * range longer than {@link #RAW_RANGE}, are summed from the stored minute figures (whole minutes, the range widened
     * to them), so a long run costs one document per sensor and minute; shorter buckets of a short range are computed
     * from the raw readings of the range.
     */
    @QueryHandler
    RunSeries handle(FindRunSeriesQuery query) {
        Instant from = query.from() != null ? query.from() : firstReading(query.runId());
        Instant to = query.to() != null ? query.to() : afterLastReading(query.runId());
        if (from == null || to == null || !to.isAfter(from)) {
            return new RunSeries(query.runId(), from, to, 0, List.of());
        }
        long millis = Duration.between(from, to).toMillis();
        long width = Math.max(MIN_BUCKET.toMillis(), ceilDiv(millis, Math.max(1, query.buckets())));
        if (width < MINUTE.toMillis() && millis <= RAW_RANGE.toMillis()) {
            width = ceilDiv(width, MIN_BUCKET.toMillis()) * MIN_BUCKET.toMillis();
            SeriesBuckets series = new SeriesBuckets(from, Duration.ofMillis(width));
            try (Stream<Document> readings = mongo.stream(new Query(readings(query.runId(), null, from, to)),
                    Document.class, RawReadings.COLLECTION)) {
                readings.map(RawReadings::toReading).forEach(r -> series.addReading(r.sensorId(), r.timestamp(),
                        r.temperature(), r.humidity(), r.pressure()));
            }
            return new RunSeries(query.runId(), from, to, width / 1000, series.toList());
        }
        Duration minutes = MINUTE.multipliedBy(ceilDiv(width, MINUTE.toMillis()));
        Instant start = from.truncatedTo(ChronoUnit.MINUTES);
        Instant end = to.truncatedTo(ChronoUnit.MINUTES).equals(to) ? to
                : to.truncatedTo(ChronoUnit.MINUTES).plus(MINUTE);
        SeriesBuckets series = new SeriesBuckets(start, minutes);
        Query stored = new Query(where(Tally.RUN_ID).is(query.runId()).and(Tally.MINUTE).gte(start).lt(end));
        try (Stream<Document> figures = mongo.stream(stored, Document.class, RunStatisticsWriter.BUCKETS)) {
            figures.map(Tally::from).forEach(series::addMinute);
        }
        return new RunSeries(query.runId(), start, end, minutes.toSeconds(), series.toList());
    }

    private Instant firstReading(String runId) {
        Document first = mongo.findOne(oldestFirst(readings(runId, null, null, null)).limit(1), Document.class,
                RawReadings.COLLECTION);
        return first == null ? null : RawReadings.toReading(first).timestamp();
    }

    private Instant afterLastReading(String runId) {
        Document run = mongo.findById(RunStatisticsWriter.statisticsId(runId, null), Document.class,
                RunStatisticsWriter.STATISTICS);
        Instant last = run == null ? null : Tally.from(run).lastReadingAt();
        return last == null ? null : last.plusMillis(1);
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }
}
