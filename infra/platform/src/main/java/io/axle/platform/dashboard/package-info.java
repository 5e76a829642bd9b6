/** The figures of the home page: business pace, errors, latency, and how far the read models lag. */
package io.axle.platform.dashboard;
