package io.axle.query;

import java.time.Instant;

import io.axle.platform.security.ApiKeyAuthenticationFilter.ApiKeyAuthentication;
import io.axle.platform.security.ApiKeys;
import org.springframework.security.core.context.SecurityContextHolder;

/** Signs tests in as a partner API key bound to one customer, as the API key filter does. */
public final class Partners {

    private Partners() {
    }

    public static void signInAsPartnerOf(String customerId) {
        SecurityContextHolder.getContext().setAuthentication(new ApiKeyAuthentication(new ApiKeys.ApiKey("key-1",
                "partner-of-" + customerId, "PARTNER", customerId, null, Instant.now(), null)));
    }
}
