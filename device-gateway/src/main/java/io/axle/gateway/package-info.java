/** The device gateway: readings in over HTTP and MQTT, checked, and onto the Kafka telemetry stream. */
package io.axle.gateway;
