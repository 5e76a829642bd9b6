package io.axle.gateway;

import com.hazelcast.core.HazelcastInstance;
import io.axle.gateway.session.DeviceSessions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** What the gateway's features share: the node's name and the cluster-wide device sessions. */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    @Bean
    GatewayNode gatewayNode(Environment environment) {
        return GatewayNode.from(environment);
    }

    @Bean(destroyMethod = "forgetThisNode")
    DeviceSessions deviceSessions(HazelcastInstance hazelcast, GatewayNode node) {
        return new DeviceSessions(hazelcast, node.name());
    }
}
