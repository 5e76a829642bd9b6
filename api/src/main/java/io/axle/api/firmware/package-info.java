/** Messages of the firmware catalogue (the Firmware aggregate) and its read model. */
package io.axle.api.firmware;
