/** Which devices are connected to which gateway node, kept in Hazelcast for the whole cluster and shown to admins. */
package io.axle.gateway.session;
