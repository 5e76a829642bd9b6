package io.axle.gateway.mqtt;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;

import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.auth.ModifiableDefaultPermissions;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import io.axle.api.flash.FlashTopics;
import io.axle.gateway.vehicle.ObdTopic;
import io.axle.platform.security.ApiKeys;
import io.axle.platform.security.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a device connect when its CONNECT password is an API key of a role that may send readings (DEVICE, ADMIN,
 * OPERATOR, TECHNICIAN, as for HTTP); the user name is free. The simulator of this node connects with its own
 * credential. What a connection may then do: devices, operators and the simulator only publish readings
 * ({@value SensorTopic#FILTER}, QoS 0 or 1), so that no device reads another run's readings; ADMIN and TECHNICIAN
 * keys publish and subscribe anywhere (tooling, benchmarks). A device key is bound to its device and publishes only
 * that device's readings ({@code axle/runs/+/sensors/<deviceId>}). Every restricted connection may also publish
 * OBD-II frames ({@value ObdTopic#FILTER}): whether it may speak for that vehicle (a dongle only for the vehicle it is
 * paired with) is the frame interceptor's check. A device key bound to device D may also subscribe to D's flash
 * commands ({@code axle/dongles/D/flash/commands}) and publish D's flash answers ({@code axle/dongles/D/flash/status}),
 * QoS 0 or 1. A device key that names no device (made before keys were
 * bound) is refused with NOT_AUTHORIZED. A client id belongs to the first credential that connects
 * with it ({@link ClientIdOwners}): another credential presenting it is refused at CONNECT with NOT_AUTHORIZED. The
 * key lookup may reach MongoDB, so it runs off HiveMQ's threads.
 */
class DeviceAuthenticator implements SimpleAuthenticator {

    static final Set<String> ROLES = Set.of(Roles.DEVICE, Roles.ADMIN, Roles.OPERATOR, Roles.TECHNICIAN);
    /** The roles whose connections may also subscribe, and publish outside the reading topics. */
    static final Set<String> UNRESTRICTED_ROLES = Set.of(Roles.ADMIN, Roles.TECHNICIAN);
    private static final Logger log = LoggerFactory.getLogger(DeviceAuthenticator.class);
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(10);

    private final ApiKeys apiKeys;
    private final SimulatorCredentials simulator;
    private final Executor executor;
    private final ClientIdOwners owners;

    DeviceAuthenticator(ApiKeys apiKeys, SimulatorCredentials simulator, Executor executor, ClientIdOwners owners) {
        this.apiKeys = apiKeys;
        this.simulator = simulator;
        this.executor = executor;
        this.owners = owners;
    }

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        ConnectPacket connect = input.getConnectPacket();
        String clientId = connect.getClientId();
        String username = connect.getUserName().orElse(null);
        String password = connect.getPassword().map(ConnectionAttributes::utf8).orElse(null);
        ConnectionAttributeStore attributes = input.getConnectionInformation().getConnectionAttributeStore();
        if (simulator.matches(username, password)) {
            // the simulator's client ids are its own: claiming them would reach MongoDB on HiveMQ's thread
            accept(attributes, "simulator", false, SensorTopic.FILTER, null, output);
            return;
        }
        if (password == null || password.isBlank()) {
            log.info("MQTT client {} refused: no API key as password", clientId);
            output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD,
                    "An API key is required as the password");
            return;
        }
        Async<SimpleAuthOutput> async = output.async(LOOKUP_TIMEOUT, TimeoutFallback.FAILURE,
                ConnackReasonCode.SERVER_UNAVAILABLE, "The credential could not be checked in time");
        executor.execute(() -> {
            try {
                Optional<ApiKeys.ApiKey> key = apiKeys.authenticate(password.strip());
                if (key.isEmpty()) {
                    log.info("MQTT client {} refused: unknown API key", clientId);
                    output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "Unknown API key");
                } else if (!ROLES.contains(key.get().role())) {
                    log.info("MQTT client {} refused: API key {} has role {}", clientId, key.get().name(),
                            key.get().role());
                    output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED,
                            "Role " + key.get().role() + " may not connect devices");
                } else if (key.get().unboundDevice()) {
                    log.info("MQTT client {} refused: device key {} names no device; an admin must issue a new key "
                            + "bound to the device", clientId, key.get().name());
                    output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED,
                            "This device key names no device; ask an admin for a key bound to your device");
                } else if (!owners.claim(clientId, "apikey:" + key.get().id())) {
                    log.info("MQTT client {} refused: the client id belongs to another credential, not API key {}",
                            clientId, key.get().name());
                    output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED,
                            "This client id belongs to another credential");
                } else {
                    String readings = key.get().deviceId() == null ? SensorTopic.FILTER
                            : "axle/runs/+/sensors/" + key.get().deviceId();
                    if (key.get().deviceId() != null) {
                        attributes.putAsString(ConnectionAttributes.DEVICE_ID, key.get().deviceId());
                    }
                    accept(attributes, "apikey:" + key.get().name(),
                            UNRESTRICTED_ROLES.contains(key.get().role()), readings, key.get().deviceId(), output);
                }
            } catch (RuntimeException e) {
                log.warn("MQTT client {} refused: its API key could not be checked", clientId, e);
                output.failAuthentication(ConnackReasonCode.SERVER_UNAVAILABLE, "The credential could not be checked");
            } finally {
                async.resume();
            }
        });
    }

    private static void accept(ConnectionAttributeStore attributes, String source, boolean unrestricted,
                               String readingTopics, String deviceId, SimpleAuthOutput output) {
        attributes.putAsString(ConnectionAttributes.SOURCE, source);
        attributes.putAsString(ConnectionAttributes.CONNECTION_ID, UUID.randomUUID().toString());
        ModifiableDefaultPermissions permissions = output.getDefaultPermissions();
        permissions.clear();
        if (unrestricted) {
            permissions.add(Builders.topicPermission().topicFilter("#")
                    .type(TopicPermission.PermissionType.ALLOW)
                    .activity(TopicPermission.MqttActivity.ALL)
                    .qos(TopicPermission.Qos.ALL)
                    .build());
        } else {
            for (String topics : List.of(readingTopics, ObdTopic.FILTER)) {
                permissions.add(allow(topics, TopicPermission.MqttActivity.PUBLISH));
            }
            if (deviceId != null) {
                FlashTopics flash = new FlashTopics(deviceId);
                permissions.add(allow(flash.commands(), TopicPermission.MqttActivity.SUBSCRIBE));
                permissions.add(allow(flash.status(), TopicPermission.MqttActivity.PUBLISH));
            }
        }
        permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
        output.authenticateSuccessfully();
    }

    private static TopicPermission allow(String topicFilter, TopicPermission.MqttActivity activity) {
        return Builders.topicPermission().topicFilter(topicFilter)
                .type(TopicPermission.PermissionType.ALLOW)
                .activity(activity)
                .qos(TopicPermission.Qos.ZERO_ONE)
                .build();
    }
}
