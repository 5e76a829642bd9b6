/** The write model: aggregates that decide, the endpoints that send them commands, and how their refusals travel. */
package io.axle.command;
