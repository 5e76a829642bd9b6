/** The per-client request allowance, shared by all nodes through Hazelcast. */
package io.axle.platform.ratelimit;
