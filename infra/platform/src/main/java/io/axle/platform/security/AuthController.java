package io.axle.platform.security;

import java.util.Map;

import io.axle.platform.web.Problems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Exchanges a username and password for a bearer token. */
@RestController
@RequestMapping("/api/v1/auth")
public class AuthController {

    /** Login request. */
    public record TokenRequest(@NotBlank String username, @NotBlank String password) {
    }

    private final UserAccounts users;
    private final JwtTokens tokens;

    public AuthController(UserAccounts users, JwtTokens tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    @PostMapping("/token")
    public ResponseEntity<?> token(@Valid @RequestBody TokenRequest request) {
        return users.authenticate(request.username(), request.password())
                .<ResponseEntity<?>>map(user -> {
                    JwtTokens.IssuedToken token = tokens.issue(user.username(), user.roles());
                    return ResponseEntity.ok(Map.of("access_token", token.value(), "token_type", "Bearer",
                            "expires_in", token.expiresInSeconds()));
                })
                .orElseGet(() -> ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .body(Problems.refusal(HttpStatus.UNAUTHORIZED, "password", "invalid-credentials",
                                "Unknown user or wrong password.")));
    }
}
