/**
 * Readings over MQTT: the in-process HiveMQ broker with its extension (API-key authentication, reading interceptor,
 * device sessions), the bridge from an external broker, and where simulated sensors connect.
 */
package io.axle.gateway.mqtt;
