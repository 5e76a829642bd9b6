package io.axle.api.run;

import java.time.Instant;
import java.util.Map;

/**
 * A run as the seed API shows it; {@code grafanaUrl} keeps the seed name and points at the run live page of Axle UI.
 * Duration and interval are in seconds; {@code name} is the run's optional label, null when it has none.
 */
public record RunView(String id, String username, RunStatus status, Instant startedAt, Instant finishedAt, int duration, int interval, Map<String, Object> params, String grafanaUrl, String name) {

    /** A run without a name. */
    public RunView(String id, String username, RunStatus status, Instant startedAt, Instant finishedAt, int duration,
                   int interval, Map<String, Object> params, String grafanaUrl) {
        this(id, username, status, startedAt, finishedAt, duration, interval, params, grafanaUrl, null);
    }

    /** The same run linking to {@code url}. */
    public RunView withGrafanaUrl(String url) {
        return new RunView(id, username, status, startedAt, finishedAt, duration, interval, params, url, name);
    }
}
