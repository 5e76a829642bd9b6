package io.axle.command;

import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** Signs a caller with one role into the current thread's security context, for tests of method security. */
public final class SignedIn {

    private SignedIn() {
    }

    /** Signs in {@code someone} with {@code role} ({@code OPERATOR} becomes {@code ROLE_OPERATOR}). */
    public static void as(String role) {
        SecurityContextHolder.getContext().setAuthentication(
                new TestingAuthenticationToken("someone", "n/a", "ROLE_" + role));
    }
}
