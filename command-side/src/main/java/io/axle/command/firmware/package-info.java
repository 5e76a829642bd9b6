/** The firmware catalogue: the Firmware aggregate, its stored images, its endpoints, and the look-up flashes check. */
package io.axle.command.firmware;
