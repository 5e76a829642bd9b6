/** Firmware versions, version ranges and hardware patterns: what a flash checks a firmware against an ECU with. */
package io.axle.vehicles.firmware;
