/** Tests of durable deadlines on a real Axon configuration. */
package io.axle.platform.deadline;
