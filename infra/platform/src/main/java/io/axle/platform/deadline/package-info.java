/** Durable deadlines that fire only in a process hosting the saga or aggregate that owns them. */
package io.axle.platform.deadline;
