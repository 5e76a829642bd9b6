/** The numeric bounds of every command, and the bean-validation constraints that hold the REST edge to them. */
package io.axle.command.bounds;
