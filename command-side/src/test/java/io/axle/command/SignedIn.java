package io.axle.command;

import io.axle.platform.security.ApiKeyAuthenticationFilter.ApiKeyAuthentication;
import io.axle.platform.security.ApiKeys;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import java.time.Instant;

/** Signs a caller with one role into the current thread's security context, for tests of method security. */
public final class SignedIn {

    private SignedIn() {
    }

    /** Signs in {@code someone} with {@code role} ({@code OPERATOR} becomes {@code ROLE_OPERATOR}). */
    public static void as(String role) {
        SecurityContextHolder.getContext().setAuthentication(
                new TestingAuthenticationToken("someone", "n/a", "ROLE_" + role));
    }

    /** Signs in a partner API key bound to {@code customerId}, as a partner's system calls the API. */
    public static void asPartnerOf(String customerId) {
        SecurityContextHolder.getContext().setAuthentication(new ApiKeyAuthentication(new ApiKeys.ApiKey("k-1",
                "partner-" + customerId, "PARTNER", customerId, null, Instant.now(), null)));
    }
}
