/** The lifecycle of a simulation run: it ends when its duration is over, and its slot is given back once it ended. */
package io.axle.saga.run;
