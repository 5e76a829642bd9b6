package io.axle.platform.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.axle.platform.messaging.DeadLetters;
import io.axle.platform.messaging.Processors;
import io.axle.platform.messaging.ProjectionVersions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;

/**
 * The home page's live figures over the last minute, from the HTTP metrics the application already records
 * ({@code http.server.requests}, with its histogram): orders placed per minute, the share of requests that failed on
 * Axle's side, the 95th percentile of response times; and now, the projections' lag and the dead letters waiting.
 * Micrometer's counts only grow from zero at start, so each look keeps a sample and the figures are the differences
 * with the newest sample at least a minute old (or the start): {@code windowSeconds} says over how long.
 */
public class Kpis {

    /** The figures; a rate is null until a request has been seen in the window. */
    public record Figures(Instant at, long windowSeconds, double ordersPerMinute, Double errorRate,
                          Double p95LatencyMs, long projectionLagEvents, long deadLetters) {
    }

    private record Sample(Instant at, double orders, double requests, double errors, Map<Double, Double> buckets) {
    }

    private static final String REQUESTS = "http.server.requests";
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final MeterRegistry meters;
    private final Processors processors;
    private final DeadLetters deadLetters;
    private final Clock clock;
    private final Deque<Sample> samples = new ArrayDeque<>();

    public Kpis(MeterRegistry meters, Processors processors, DeadLetters deadLetters, Clock clock) {
        this.meters = meters;
        this.processors = processors;
        this.deadLetters = deadLetters;
        this.clock = clock;
        samples.add(new Sample(clock.instant(), 0, 0, 0, Map.of()));
    }

    /** The figures now, over the last minute (or since the first look, when that is more recent). */
    public Figures now() {
        Sample latest = sample();
        Sample oldest;
        synchronized (samples) {
            samples.addLast(latest);
            Instant windowStart = latest.at().minus(WINDOW);
            while (samples.size() > 2 && !secondOldest().at().isAfter(windowStart)) {
                samples.removeFirst();
            }
            oldest = samples.peekFirst();
        }
        double seconds = Math.max(1, Duration.between(oldest.at(), latest.at()).toSeconds());
        double requests = latest.requests() - oldest.requests();
        long lag = processors.list().stream().filter(Processors.Status::replayable).filter(Kpis::answersQueries)
                .mapToLong(status -> status.lagEvents() == null ? 0 : status.lagEvents()).max().orElse(0);
        long letters = deadLetters.sizes().values().stream().mapToLong(Long::longValue).sum();
        return new Figures(latest.at(), (long) seconds, round((latest.orders() - oldest.orders()) * 60 / seconds),
                requests > 0 ? round((latest.errors() - oldest.errors()) / requests) : null,
                p95(oldest, latest, requests), lag, letters);
    }

    /** A version of a read model being built, or replaced, is behind no screen (ADR 0020). */
    private static boolean answersQueries(Processors.Status status) {
        return status.version() == null || status.version().role() == ProjectionVersions.Role.ACTIVE;
    }

    private Sample secondOldest() {
        return samples.stream().skip(1).findFirst().orElseThrow();
    }

    /** The smallest histogram bucket holding 95% of the window's requests. */
    private static Double p95(Sample oldest, Sample latest, double requests) {
        if (requests <= 0) {
            return null;
        }
        for (Map.Entry<Double, Double> bucket : latest.buckets().entrySet()) {
            double within = bucket.getValue() - oldest.buckets().getOrDefault(bucket.getKey(), 0.0);
            if (within >= 0.95 * requests) {
                return round(bucket.getKey());
            }
        }
        return null;
    }

    private Sample sample() {
        double orders = 0;
        double requests = 0;
        double errors = 0;
        TreeMap<Double, Double> buckets = new TreeMap<>();
        for (Timer timer : meters.find(REQUESTS).timers()) {
            long count = timer.count();
            requests += count;
            if ("SERVER_ERROR".equals(timer.getId().getTag("outcome"))) {
                errors += count;
            }
            if ("POST".equals(timer.getId().getTag("method")) && "/api/v1/orders".equals(timer.getId().getTag("uri"))
                    && "SUCCESS".equals(timer.getId().getTag("outcome"))) {
                orders += count;
            }
            for (CountAtBucket bucket : timer.takeSnapshot().histogramCounts()) {
                buckets.merge(bucket.bucket(TimeUnit.MILLISECONDS), bucket.count(), Double::sum);
            }
        }
        return new Sample(clock.instant(), orders, requests, errors, buckets);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
