package io.axle.gateway.mqtt;

import java.time.Clock;

import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionInformation;
import com.hivemq.extension.sdk.api.events.client.ClientLifecycleEventListener;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationSuccessfulInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionStartInput;
import com.hivemq.extension.sdk.api.events.client.parameters.DisconnectEventInput;
import io.axle.gateway.session.DeviceSession;
import io.axle.gateway.session.DeviceSessions;
import io.axle.gateway.vehicle.DonglePairings;

/**
 * Records each authenticated connection of the in-process broker as a device session, and forgets it on disconnect. A
 * dongle's session names its vehicle when the pairing is known at connect time (else its first accepted frame does).
 */
class SessionListener implements ClientLifecycleEventListener {

    private final DeviceSessions sessions;
    private final DonglePairings pairings;
    private final Clock clock;

    SessionListener(DeviceSessions sessions, DonglePairings pairings, Clock clock) {
        this.sessions = sessions;
        this.pairings = pairings;
        this.clock = clock;
    }

    @Override
    public void onMqttConnectionStart(ConnectionStartInput input) {
        // recorded once authenticated
    }

    @Override
    public void onAuthenticationSuccessful(AuthenticationSuccessfulInput input) {
        ConnectionInformation connection = input.getConnectionInformation();
        ConnectionAttributeStore attributes = connection.getConnectionAttributeStore();
        String clientId = input.getClientInformation().getClientId();
        String connectionId = attributes.getAsString(ConnectionAttributes.CONNECTION_ID).orElse(null);
        if (connectionId == null) {
            return;
        }
        String deviceId = attributes.getAsString(ConnectionAttributes.DEVICE_ID).orElse(null);
        String vehicleId = deviceId == null ? null : pairings.vehicleOf(deviceId).orElse(null);
        if (vehicleId != null) {
            attributes.putAsString(ConnectionAttributes.VEHICLE_ID, vehicleId);
        }
        sessions.connected(new DeviceSession(clientId,
                attributes.getAsString(ConnectionAttributes.SOURCE).orElse("unknown"),
                sessions.node(), clock.instant(),
                connection.getInetAddress().map(address -> address.getHostAddress()).orElse(null),
                "MQTT " + connection.getMqttVersion().name().replace("V_", "").replace('_', '.'),
                connectionId, deviceId, vehicleId));
    }

    @Override
    public void onDisconnect(DisconnectEventInput input) {
        input.getConnectionInformation().getConnectionAttributeStore()
                .getAsString(ConnectionAttributes.CONNECTION_ID)
                .ifPresent(connectionId -> sessions.disconnected(input.getClientInformation().getClientId(),
                        connectionId));
    }
}
