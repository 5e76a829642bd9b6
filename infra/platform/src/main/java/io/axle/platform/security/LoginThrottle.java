package io.axle.platform.security;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import io.axle.platform.ratelimit.HazelcastRateLimiter;
import io.axle.platform.ratelimit.RateLimiter;

/**
 * Throttles failed sign-ins per user name and per client address, across the cluster: each failure takes a token of
 * the name's bucket and of the address's (token buckets in the rate-limit map, each allowing so many failures a
 * minute; an address gets more, as several people may share one); while either bucket is empty, sign-ins under that name or from that address are refused before the password is checked,
 * so that guessing cannot go on, not even to learn that a guess was right.
 */
public class LoginThrottle {

    private final Supplier<HazelcastRateLimiter> perUser;
    private final Supplier<HazelcastRateLimiter> perAddress;

    /** The limiters are resolved at each use (the suppliers may create them at first use, once the member is up). */
    public LoginThrottle(Supplier<HazelcastRateLimiter> perUser, Supplier<HazelcastRateLimiter> perAddress) {
        this.perUser = perUser;
        this.perAddress = perAddress;
    }

    /** The wait before a sign-in of {@code username} from {@code address} may be tried, when it must wait. */
    public Optional<Duration> blocked(String username, String address) {
        long wait = Math.max(waitOf(perUser.get().peek(userKey(username))),
                waitOf(perAddress.get().peek(addressKey(address))));
        return wait > 0 ? Optional.of(Duration.ofMillis(wait)) : Optional.empty();
    }

    /** Counts a failed sign-in against the name and the address. */
    public void failed(String username, String address) {
        perUser.get().tryAcquire(userKey(username));
        perAddress.get().tryAcquire(addressKey(address));
    }

    private static long waitOf(RateLimiter.Decision decision) {
        return decision.allowed() ? 0 : decision.retryAfterMillis();
    }

    private static String userKey(String username) {
        return "login-user:" + (username == null ? "" : username.toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "login-address:" + address;
    }
}
