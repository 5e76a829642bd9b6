package io.axle.gateway.mqtt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The credential the built-in simulator presents to this node's broker: the user name {@value #USERNAME} and a secret
 * drawn at start that never leaves the process.
 */
public final class SimulatorCredentials {

    public static final String USERNAME = "axle-simulator";

    private final String secret;

    public SimulatorCredentials() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        this.secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public String username() {
        return USERNAME;
    }

    public String secret() {
        return secret;
    }

    /** Constant-time check of a presented user name and password. */
    public boolean matches(String username, String password) {
        return USERNAME.equals(username) && password != null && MessageDigest.isEqual(
                secret.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
    }
}
