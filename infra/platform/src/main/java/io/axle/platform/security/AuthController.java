package io.axle.platform.security;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.axle.platform.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Exchanges a username and password for a bearer token, answered with the user's preferred language when they have
 * chosen one (so the UI speaks it from the first screen). Failed sign-ins are throttled per user name and per address
 * ({@link LoginThrottle}): past the allowance, 429 with {@code Retry-After}, before the password is even checked.
 */
@RestController
@RequestMapping("/api/v1/auth")
public class AuthController {

    /** Login request. */
    public record TokenRequest(@NotBlank String username, @NotBlank String password) {
    }

    private final UserAccounts users;
    private final JwtTokens tokens;
    private final LoginThrottle throttle;

    public AuthController(UserAccounts users, JwtTokens tokens, LoginThrottle throttle) {
        this.users = users;
        this.tokens = tokens;
        this.throttle = throttle;
    }

    @PostMapping("/token")
    public ResponseEntity<?> token(@Valid @RequestBody TokenRequest request, HttpServletRequest http) {
        String address = http.getRemoteAddr();
        Optional<Duration> wait = throttle.blocked(request.username(), address);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.refusal(HttpStatus.TOO_MANY_REQUESTS, "username", "too-many-failed-sign-ins",
                            "Too many failed sign-ins for this user name or from this address; retry in " + seconds
                                    + " s."));
        }
        Optional<UserAccounts.UserAccount> account = users.authenticate(request.username(), request.password());
        if (account.isEmpty()) {
            throttle.failed(request.username(), address);
        }
        return account
                .<ResponseEntity<?>>map(user -> {
                    JwtTokens.IssuedToken token = tokens.issue(user.username(), user.roles());
                    Map<String, Object> answer = new LinkedHashMap<>(Map.of("access_token", token.value(),
                            "token_type", "Bearer", "expires_in", token.expiresInSeconds()));
                    if (user.language() != null) {
                        answer.put("language", user.language());
                    }
                    return ResponseEntity.ok(answer);
                })
                .orElseGet(() -> ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .body(Problems.refusal(HttpStatus.UNAUTHORIZED, "password", "invalid-credentials",
                                "Unknown user or wrong password.")));
    }
}
