package io.axle.command.vehicle;

import io.axle.platform.security.ApiKeys;
import io.axle.platform.security.Roles;
import org.springframework.stereotype.Component;

/** Dongle keys as the platform's device API keys ({@link Roles#DEVICE}, device id = dongle id). */
@Component
public class ApiKeyDongleKeys implements DongleKeys {

    private final ApiKeys apiKeys;

    public ApiKeyDongleKeys(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Override
    public IssuedKey issue(String vehicleId, String dongleId) {
        ApiKeys.ApiKey key = apiKeys.create("dongle " + dongleId + " of vehicle " + vehicleId, Roles.DEVICE, null,
                dongleId);
        return new IssuedKey(key.id(), key.key());
    }

    @Override
    public void revoke(String keyId) {
        apiKeys.revoke(keyId);
    }
}
