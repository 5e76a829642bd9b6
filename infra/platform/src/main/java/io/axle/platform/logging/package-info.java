/** How every Axle process writes its log: messages with their control characters escaped. */
package io.axle.platform.logging;
