package io.axle.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** A node's name survives a restart unless it had to be made of the process id. */
class GatewayNodeTest {

    @Test
    void aConfiguredNameIsStable() {
        GatewayNode node = GatewayNode.from(new MockEnvironment().withProperty("axle.node-name", " edge-1 ")
                .withProperty("server.port", "0"));

        assertThat(node).isEqualTo(new GatewayNode("edge-1", true));
    }

    @Test
    void theHostAndAFixedPortAreStable() {
        GatewayNode node = GatewayNode.from(new MockEnvironment().withProperty("server.port", "8081"));

        assertThat(node.name()).endsWith("-8081");
        assertThat(node.stable()).isTrue();
    }

    @Test
    void aRandomPortLeavesOnlyTheProcessIdWhichIsNotStable() {
        GatewayNode node = GatewayNode.from(new MockEnvironment().withProperty("server.port", "0"));

        assertThat(node.name()).endsWith("-" + ProcessHandle.current().pid());
        assertThat(node.stable()).isFalse();
    }
}
