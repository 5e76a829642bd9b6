/** An application with one dead-lettering processing group, for tests of the dead-letter queues end to end. */
package io.axle.platform.deadletter;
