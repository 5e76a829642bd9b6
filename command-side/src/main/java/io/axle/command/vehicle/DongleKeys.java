package io.axle.command.vehicle;

/** The device API keys of dongles: issued when a dongle is paired (the secret shown once), revoked when unpaired. */
public interface DongleKeys {

    /** A new device key bound to {@code dongleId} (its device id). */
    IssuedKey issue(String vehicleId, String dongleId);

    /** Revokes key {@code keyId}; nothing happens for an unknown or already revoked key. */
    void revoke(String keyId);

    /** A key as issued: its id and its secret, which is never shown again. */
    record IssuedKey(String keyId, String apiKey) {
    }
}
