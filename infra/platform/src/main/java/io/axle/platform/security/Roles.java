package io.axle.platform.security;

import java.util.Locale;
import java.util.Set;

/** The roles Axle knows; authorities are these names with the {@code ROLE_} prefix. */
public final class Roles {

    public static final String ADMIN = "ADMIN";
    public static final String OPERATOR = "OPERATOR";
    public static final String TECHNICIAN = "TECHNICIAN";
    public static final String ANALYST = "ANALYST";
    public static final String DEVICE = "DEVICE";
    public static final String PARTNER = "PARTNER";
    public static final Set<String> ALL = Set.of(ADMIN, OPERATOR, TECHNICIAN, ANALYST, DEVICE, PARTNER);

    private Roles() {
    }

    /** {@code operator} or {@code ROLE_OPERATOR} becomes {@code OPERATOR}; unknown roles are refused. */
    public static String normalize(String role) {
        if (role == null) {
            throw new IllegalArgumentException("role must not be null");
        }
        String name = role.strip().toUpperCase(Locale.ROOT);
        if (name.startsWith("ROLE_")) {
            name = name.substring(5);
        }
        if (!ALL.contains(name)) {
            throw new IllegalArgumentException("Unknown role " + role + "; known roles are " + ALL);
        }
        return name;
    }
}
