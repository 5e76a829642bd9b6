/**
 * How messages travel: the command gateway with retries, the metadata every message carries, event processor defaults,
 * and the dead-letter queues of the processors that must never skip an event.
 */
package io.axle.platform.messaging;
