/**
 * Vehicle telemetry in: OBD-II frames from paired dongles over MQTT and HTTP, decoded at the edge, checked against the
 * dongle pairings the registry learns from the Vehicle's events, and put on Kafka keyed by vehicle.
 */
package io.axle.gateway.vehicle;
