/** The Order aggregate with its status machine, and the endpoints that place and move orders. */
package io.axle.command.order;
