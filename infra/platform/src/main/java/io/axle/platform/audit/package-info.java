/** The full event history of any aggregate, read straight from the event store. */
package io.axle.platform.audit;
