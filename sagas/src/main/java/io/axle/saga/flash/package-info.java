/** The ECU flash process: drives a flash job's steps over the dongle, waits for each, and rolls back on failure. */
package io.axle.saga.flash;
