/**
 * The vehicle-facts watcher: reads decoded OBD-II frames from Kafka and tells each Vehicle only what changed (its
 * trouble codes, its threshold alarms with hysteresis).
 */
package io.axle.command.vehicle.facts;
