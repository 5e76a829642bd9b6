package io.axle.platform.security;

import java.util.Optional;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The customer a partner caller is confined to. A partner key names one customer and sees and acts on that customer's
 * data only; what belongs to another customer answers as if it did not exist (404), so that a partner learns nothing of
 * other customers. Callers of every other role are not confined. A partner that names no customer (a user given the
 * partner role, say) is refused rather than left unconfined.
 */
public final class PartnerScope {

    private PartnerScope() {
    }

    /** The current caller's customer when it is a partner, empty for every other caller. */
    public static Optional<String> customer() {
        return customerOf(SecurityContextHolder.getContext().getAuthentication());
    }

    /** The customer {@code caller} is confined to when it is a partner, empty for every other caller. */
    public static Optional<String> customerOf(Authentication caller) {
        if (caller == null) {
            return Optional.empty();
        }
        if (caller.getPrincipal() instanceof ApiKeys.ApiKey key && Roles.PARTNER.equals(key.role())) {
            if (key.unboundPartner()) {
                throw new AccessDeniedException("This partner key names no customer");
            }
            return Optional.of(key.customerId());
        }
        boolean partner = caller.getAuthorities().stream()
                .anyMatch(authority -> ("ROLE_" + Roles.PARTNER).equals(authority.getAuthority()));
        if (partner && !isUnconfinedStaff(caller)) {
            throw new AccessDeniedException("Only a partner API key bound to a customer may act as a partner");
        }
        return Optional.empty();
    }

    /** Whether {@code customerId} is visible to the current caller: always, unless a partner of another customer. */
    public static boolean mayAccess(String customerId) {
        return customer().map(own -> own.equals(customerId)).orElse(true);
    }

    private static boolean isUnconfinedStaff(Authentication caller) {
        return caller.getAuthorities().stream().map(Object::toString)
                .anyMatch(authority -> authority.equals("ROLE_" + Roles.ADMIN) || authority.equals("ROLE_" + Roles.OPERATOR)
                        || authority.equals("ROLE_" + Roles.ANALYST));
    }
}
