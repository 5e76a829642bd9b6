package io.axle.platform.security;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.axle.platform.web.Problems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import io.axle.platform.web.NotFoundException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin endpoints for users and API keys. An admin cannot delete their own account, nor take the admin role from it,
 * so that there is always someone left to manage the others.
 */
@RestController
public class UserAdminController {

    /** A new user. */
    public record CreateUserRequest(
            @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._@-]+") String username,
            @NotBlank @Size(min = 8, max = 200) String password,
            @NotEmpty Set<@NotBlank String> roles) {
    }

    /** The roles a user is to have from their next sign-in on. */
    public record ChangeRolesRequest(@NotEmpty Set<@NotBlank String> roles) {
    }

    /** A new API key; a partner key names its customer, a device key may name its device. */
    public record CreateApiKeyRequest(@NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._@-]+") String name,
                                      @NotBlank String role,
                                      @Size(min = 1, max = 100) @Pattern(regexp = "[^\\p{Cntrl}]+") String customerId,
                                      @Size(min = 1, max = 100) @Pattern(regexp = "[A-Za-z0-9._:-]+") String deviceId) {
    }

    private final UserAccounts users;
    private final ApiKeys apiKeys;

    public UserAdminController(UserAccounts users, ApiKeys apiKeys) {
        this.users = users;
        this.apiKeys = apiKeys;
    }

    @PostMapping("/api/v1/users")
    @PreAuthorize("hasRole('ADMIN')")
    public ResponseEntity<?> createUser(@Valid @RequestBody CreateUserRequest request) {
        Optional<ResponseEntity<?>> refused = refusedRoles(request.roles());
        if (refused.isPresent()) {
            return refused.get();
        }
        Set<String> roles = normalized(request.roles());
        if (!users.create(request.username(), request.password(), roles)) {
            return problem(HttpStatus.CONFLICT, "username", "already-exists",
                    "User " + request.username() + " already exists (user names are unique regardless of case).");
        }
        UserAccounts.UserAccount created = users.find(request.username()).orElseThrow();
        return ResponseEntity.created(URI.create("/api/v1/users/" + created.username())).body(created);
    }

    /** Gives a user exactly these roles; their tokens keep the old roles until they sign in again. */
    @PutMapping("/api/v1/users/{username}/roles")
    @PreAuthorize("hasRole('ADMIN')")
    public ResponseEntity<?> changeRoles(@PathVariable String username,
                                         @Valid @RequestBody ChangeRolesRequest request, Authentication caller) {
        Optional<ResponseEntity<?>> refused = refusedRoles(request.roles());
        if (refused.isPresent()) {
            return refused.get();
        }
        Set<String> roles = normalized(request.roles());
        if (isCaller(username, caller) && !roles.contains(Roles.ADMIN)) {
            return problem(HttpStatus.CONFLICT, "roles", "cannot-demote-yourself",
                    "You cannot take the admin role from your own account; another admin can.");
        }
        if (!users.changeRoles(username, roles)) {
            throw new NotFoundException("user", username);
        }
        return ResponseEntity.ok(users.find(username).orElseThrow());
    }

    /** Deletes a user; its tokens are refused from then on (within a few seconds on other nodes). */
    @DeleteMapping("/api/v1/users/{username}")
    @PreAuthorize("hasRole('ADMIN')")
    public ResponseEntity<?> deleteUser(@PathVariable String username, Authentication caller) {
        if (isCaller(username, caller)) {
            return problem(HttpStatus.CONFLICT, "username", "cannot-delete-yourself",
                    "You cannot delete your own account; another admin can.");
        }
        if (!users.delete(username)) {
            throw new NotFoundException("user", username);
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/users")
    @PreAuthorize("hasRole('ADMIN')")
    public List<UserAccounts.UserAccount> listUsers() {
        return users.list();
    }

    @PostMapping("/api/v1/api-keys")
    @PreAuthorize("hasRole('ADMIN')")
    public ResponseEntity<?> createApiKey(@Valid @RequestBody CreateApiKeyRequest request) {
        ApiKeys.ApiKey key;
        try {
            key = apiKeys.create(request.name(), request.role(), request.customerId(), request.deviceId());
        } catch (ApiKeys.InvalidBindingException binding) {
            return problem(HttpStatus.BAD_REQUEST, binding.field(), "invalid-binding", binding.getMessage());
        } catch (IllegalArgumentException unknown) {
            return problem(HttpStatus.BAD_REQUEST, "role", "unknown-role", unknown.getMessage());
        }
        return ResponseEntity.created(URI.create("/api/v1/api-keys/" + key.id())).body(key);
    }

    @GetMapping("/api/v1/api-keys")
    @PreAuthorize("hasRole('ADMIN')")
    public List<ApiKeys.ApiKey> listApiKeys() {
        return apiKeys.list();
    }

    /** Revokes a key: it is refused from then on, and stays listed with the time it was revoked. */
    @PostMapping("/api/v1/api-keys/{id}/revoke")
    @PreAuthorize("hasRole('ADMIN')")
    public ApiKeys.ApiKey revokeApiKey(@PathVariable String id) {
        return apiKeys.revoke(id).orElseThrow(() -> new NotFoundException("API key", id));
    }

    /** Why a user cannot have these roles (400 on {@code roles}): unknown, or partner (partners act through keys). */
    private static Optional<ResponseEntity<?>> refusedRoles(Set<String> requested) {
        Set<String> roles;
        try {
            roles = normalized(requested);
        } catch (IllegalArgumentException unknown) {
            return Optional.of(problem(HttpStatus.BAD_REQUEST, "roles", "unknown-role", unknown.getMessage()));
        }
        if (roles.contains(Roles.PARTNER)) {
            return Optional.of(problem(HttpStatus.BAD_REQUEST, "roles", "partner-is-a-key",
                    "Partners act through an API key bound to their customer, not as users."));
        }
        return Optional.empty();
    }

    private static Set<String> normalized(Set<String> roles) {
        return roles.stream().map(Roles::normalize).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Whether the signed-in caller is that user (names compared regardless of case, as they are unique so). */
    private static boolean isCaller(String username, Authentication caller) {
        return caller != null && caller.getName().equalsIgnoreCase(username);
    }

    private static ResponseEntity<?> problem(HttpStatus status, String field, String rule, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.refusal(status, field, rule, detail));
    }
}
