/**
 * The simulation-run read model: one document per run and the held run slots, their queries, the REST and live (SSE)
 * endpoints, and run metrics.
 */
package io.axle.query.run;
