/**
 * Messages of vehicles: the Vehicle aggregate (registry, dongle pairing, trouble codes and threshold alarms), the
 * OBD-II frames the device gateway puts on Kafka, and the read models' queries and views.
 */
package io.axle.api.vehicle;
