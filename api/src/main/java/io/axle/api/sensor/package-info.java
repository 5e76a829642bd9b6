/** Sensor readings as they travel from the device gateway over Kafka to the read models, and the queries on them. */
package io.axle.api.sensor;
