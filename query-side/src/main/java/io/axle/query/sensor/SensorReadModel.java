package io.axle.query.sensor;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.axle.api.common.PageResult;
import io.axle.api.sensor.FindReadingsQuery;
import io.axle.api.sensor.FindRunStatisticsQuery;
import io.axle.api.sensor.MeasureStatistics;
import io.axle.api.sensor.MinuteBucket;
import io.axle.api.sensor.RunStatistics;
import io.axle.api.sensor.SensorReading;
import io.axle.api.sensor.SensorStatistics;
import io.axle.api.sensor.WatchRunReadingsQuery;
import io.axle.query.Pages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Answers the sensor queries from the raw readings, the run statistics and the minute buckets. */
@Component
public class SensorReadModel {

    /** How many of a run's newest readings a {@link WatchRunReadingsQuery} answers with before its updates. */
    static final int WATCH_INITIAL_SIZE = 200;

    private static final Sort OLDEST_FIRST = Sort.by(Sort.Order.asc(RawReadings.TIMESTAMP), Sort.Order.asc("_id"));
    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc(RawReadings.TIMESTAMP), Sort.Order.desc("_id"));
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
        Criteria criteria = where("runId").is(query.runId());
        if (query.sensorId() != null) {
            criteria.and("sensorId").is(query.sensorId());
        }
        if (query.from() != null || query.to() != null) {
            Criteria timestamp = criteria.and(RawReadings.TIMESTAMP);
            if (query.from() != null) {
                timestamp.gte(query.from());
            }
            if (query.to() != null) {
                timestamp.lt(query.to());
            }
        }
        return Pages.page(mongo, RawReadings.COLLECTION, Document.class, new Query(criteria), OLDEST_FIRST,
                query.page(), query.size(), RawReadings::toReading);
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
}
