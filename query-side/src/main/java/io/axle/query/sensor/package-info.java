/** The sensor read models fed from the telemetry topic: raw readings, per-run statistics and per-minute buckets, their queries, REST and live (SSE) endpoints and the per-run temperature gauge. */
package io.axle.query.sensor;
