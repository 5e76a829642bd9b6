/** Readings in: the one set of reading rules, the ingestion every transport shares, the HTTP endpoint and the Kafka publisher. */
package io.axle.gateway.ingest;
