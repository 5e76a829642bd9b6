/** Which runs are RUNNING, shared by every gateway node through Hazelcast and settled by the event store on a miss. */
package io.axle.gateway.registry;
