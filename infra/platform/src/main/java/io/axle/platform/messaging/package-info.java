/** How messages travel: the command gateway with retries, the metadata every message carries, event processor defaults. */
package io.axle.platform.messaging;
