package io.axle.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.axle.gateway.GatewayNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The bridge's MQTT client id names its persistent session: one made of a process id is not found again after a
 * restart, which the bridge warns about at start.
 */
@ExtendWith(OutputCaptureExtension.class)
class ExternalBrokerClientIdTest {

    private static ExternalBrokerBridge bridge(String clientId, GatewayNode node) {
        return new ExternalBrokerBridge(new MqttProperties.External("tcp://127.0.0.1:1883", null, null, clientId,
                "axle-gateway", Duration.ofDays(1)), node, null);
    }

    @Test
    void aClientIdMadeOfAProcessIdIsWarnedAbout(CapturedOutput output) {
        ExternalBrokerBridge bridge = bridge(null, new GatewayNode("host-4242", false));
        bridge.close();

        assertThat(bridge.clientId()).isEqualTo("axle-gateway-host-4242");
        assertThat(output.getOut() + output.getErr()).contains("WARN")
                .contains("axle-gateway-host-4242").contains("set axle.mqtt.external.client-id");
    }

    @Test
    void aConfiguredClientIdOrAStableNodeNeedsNoWarning(CapturedOutput output) {
        bridge("gateway-a", new GatewayNode("host-4242", false)).close();
        ExternalBrokerBridge named = bridge(" ", new GatewayNode("edge-1"));
        named.close();

        assertThat(named.clientId()).isEqualTo("axle-gateway-edge-1");
        assertThat(output.getOut() + output.getErr()).doesNotContain("axle.mqtt.external.client-id");
    }
}
