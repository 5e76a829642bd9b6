/** ECU flash traffic with the dongles: the steps of a flash job sent out, and the dongle's answers taken in. */
package io.axle.gateway.flash;
