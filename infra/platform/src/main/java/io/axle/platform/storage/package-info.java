/** Where Axle keeps its data: the event store database, the read-model MongoDB and the durable deadline scheduler. */
package io.axle.platform.storage;
