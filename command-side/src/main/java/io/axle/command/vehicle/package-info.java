/**
 * The vehicle registry: the Vehicle aggregate (registration, dongle pairing, trouble codes, threshold alarms), the
 * claims that keep VINs and dongles unique, the fleet's alarm rules and the REST edge.
 */
package io.axle.command.vehicle;
