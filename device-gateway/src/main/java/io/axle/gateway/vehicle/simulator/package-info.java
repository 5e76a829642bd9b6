/** The built-in OBD-II dongle simulator: registered, paired vehicles whose dongles publish hex frames over MQTT. */
package io.axle.gateway.vehicle.simulator;
