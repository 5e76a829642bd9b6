/** The built-in sensor simulator: runs started with {@code simulate} get sensors that publish over MQTT while they run. */
package io.axle.gateway.simulator;
