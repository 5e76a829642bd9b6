/** Kafka for Axle: the in-process single-node KRaft broker, its client wiring and the topics Axle declares. */
package io.axle.platform.kafka;
