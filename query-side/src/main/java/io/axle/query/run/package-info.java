/** The simulation-run read model: one document per run, its queries, the REST and live (SSE) endpoints, and run metrics. */
package io.axle.query.run;
