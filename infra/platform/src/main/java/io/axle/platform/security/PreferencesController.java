package io.axle.platform.security;

import io.axle.platform.web.NotFoundException;
import io.axle.platform.web.Problems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in user's own preferences, kept with their account so that every browser they sign in from speaks their
 * language. API keys are not people and have none: they are answered a 403 problem saying so.
 */
@RestController
@RequestMapping("/api/v1/me/preferences")
public class PreferencesController {

    /** What a user prefers; {@code language} is null until they choose one. */
    public record Preferences(@NotBlank @Pattern(regexp = "en|fr", message = "must be en or fr") String language) {
    }

    private final UserAccounts users;

    public PreferencesController(UserAccounts users) {
        this.users = users;
    }

    @GetMapping
    public ResponseEntity<?> preferences(Authentication caller) {
        if (caller instanceof ApiKeyAuthenticationFilter.ApiKeyAuthentication) {
            return apiKeysHaveNone();
        }
        UserAccounts.UserAccount user = users.find(caller.getName())
                .orElseThrow(() -> new NotFoundException("user", caller.getName()));
        return ResponseEntity.ok(new Preferences(user.language()));
    }

    @PutMapping
    public ResponseEntity<?> change(@Valid @RequestBody Preferences preferences, Authentication caller) {
        if (caller instanceof ApiKeyAuthenticationFilter.ApiKeyAuthentication) {
            return apiKeysHaveNone();
        }
        if (!users.changeLanguage(caller.getName(), preferences.language())) {
            throw new NotFoundException("user", caller.getName());
        }
        return ResponseEntity.ok(preferences);
    }

    private static ResponseEntity<?> apiKeysHaveNone() {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.refusal(HttpStatus.FORBIDDEN, null, "users-only",
                        "Preferences belong to users who sign in; an API key has none."));
    }
}
