/** A minimal application booting the platform auto-configuration, for tests of the whole web edge. */
package io.axle.platform.testapp;
