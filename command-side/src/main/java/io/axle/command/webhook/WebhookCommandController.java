package io.axle.command.webhook;

import io.axle.api.webhook.ChangeWebhookCommand;
import io.axle.api.webhook.RegisterWebhookCommand;
import io.axle.api.webhook.RemoveWebhookCommand;
import io.axle.platform.security.PartnerScope;
import io.axle.platform.web.Problems;
import io.axle.webhooks.WebhookProperties;
import io.axle.webhooks.WebhookSecrets;
import io.axle.webhooks.WebhookUrls;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.UUID;

/**
 * Registers, changes and removes webhooks (reading them is {@code WebhookController}'s job). An administrator
 * registers for every customer or names one; a partner for its own customer only (naming another is 403
 * {@code other-customer}). The URL must not point at a private address unless
 * {@code axle.webhooks.allow-private-addresses} is set (422 {@code public-address}); the rest is the {@link Webhook}
 * aggregate's. The secret goes to the secret store, never into a command or event.
 */
@RestController
@RequestMapping("/api/v1/webhooks")
class WebhookCommandController {

    private final CommandGateway commandGateway;
    private final WebhookSecrets secrets;
    private final WebhookProperties properties;

    WebhookCommandController(CommandGateway commandGateway, WebhookSecrets secrets, WebhookProperties properties) {
        this.commandGateway = commandGateway;
        this.secrets = secrets;
        this.properties = properties;
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('ADMIN','PARTNER')")
    public ResponseEntity<?> register(@Valid @RequestBody RegisterWebhookRequest request, Principal principal) {
        String partnerCustomer = PartnerScope.customer().orElse(null);
        if (partnerCustomer != null && request.customerId() != null && !partnerCustomer.equals(request.customerId())) {
            return problem(HttpStatus.FORBIDDEN, "customerId", "other-customer",
                    "A partner key registers webhooks for its own customer only.");
        }
        ResponseEntity<?> refused = refusedAddress(request.url());
        if (refused != null) {
            return refused;
        }
        String webhookId = UUID.randomUUID().toString();
        String customerId = partnerCustomer != null ? partnerCustomer : request.customerId();
        secrets.put(webhookId, request.secret());
        try {
            commandGateway.sendAndWait(new RegisterWebhookCommand(webhookId, customerId, request.url(),
                    request.events(), who(principal)));
        } catch (RuntimeException e) {
            secrets.delete(webhookId);
            throw e;
        }
        return ResponseEntity.created(URI.create("/api/v1/webhooks/" + webhookId)).body(new WebhookAccepted(webhookId));
    }

    /** Points the webhook at another URL or other events; a secret given replaces the one it had. */
    @PutMapping("/{webhookId}")
    @PreAuthorize("hasAnyRole('ADMIN','PARTNER')")
    public ResponseEntity<?> change(@PathVariable String webhookId, @Valid @RequestBody ChangeWebhookRequest request,
                                    Principal principal) {
        ResponseEntity<?> refused = refusedAddress(request.url());
        if (refused != null) {
            return refused;
        }
        commandGateway.sendAndWait(new ChangeWebhookCommand(webhookId, request.url(), request.events(),
                PartnerScope.customer().orElse(null), who(principal)));
        if (request.secret() != null) {
            secrets.put(webhookId, request.secret());
        }
        return ResponseEntity.ok(new WebhookAccepted(webhookId));
    }

    /** Removes the webhook and erases its secret; pending deliveries to it end dead. */
    @DeleteMapping("/{webhookId}")
    @PreAuthorize("hasAnyRole('ADMIN','PARTNER')")
    public ResponseEntity<Void> remove(@PathVariable String webhookId, Principal principal) {
        commandGateway.sendAndWait(new RemoveWebhookCommand(webhookId, PartnerScope.customer().orElse(null),
                who(principal)));
        secrets.delete(webhookId);
        return ResponseEntity.noContent().build();
    }

    /** A 422 problem when the URL points where webhooks may not; the other URL rules are the aggregate's. */
    private ResponseEntity<?> refusedAddress(String url) {
        if (properties.isAllowPrivateAddresses()) {
            return null;
        }
        WebhookUrls.Violation violation = WebhookUrls.check(url.strip(), false);
        if (violation == null || !"public-address".equals(violation.rule())
                && !"resolvable-host".equals(violation.rule())) {
            return null;
        }
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, "url", violation.rule(), "url " + violation.detail());
    }

    private static ResponseEntity<?> problem(HttpStatus status, String field, String rule, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.refusal(status, field, rule, detail));
    }

    private static String who(Principal principal) {
        return principal == null ? "anonymous" : principal.getName();
    }

    record RegisterWebhookRequest(
            @NotBlank @Size(max = 2000) String url,
            @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 50) String> events,
            @NotBlank @Size(min = 16, max = 200) String secret,
            @Size(max = 100) String customerId) {
    }

    record ChangeWebhookRequest(
            @NotBlank @Size(max = 2000) String url,
            @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 50) String> events,
            @Size(min = 16, max = 200) String secret) {
    }

    record WebhookAccepted(String webhookId) {
    }
}
