package io.axle.webhooks;

import io.axle.platform.security.PartnerScope;
import io.axle.platform.web.NotFoundException;
import io.axle.webhooks.WebhookDeliveries.Delivery;
import io.axle.webhooks.WebhookSubscriptions.Webhook;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reads webhooks and their delivery logs, and lets an administrator retry a dead delivery; registering, changing and
 * removing are commands (the command side's {@code WebhookCommandController}). A partner sees its own customer's
 * webhooks only, another's answering 404 as if it did not exist. Secrets are never answered.
 */
@RestController
@RequestMapping("/api/v1/webhooks")
public class WebhookController {

    /** Most deliveries one log answers, newest first. */
    static final int LOG_SIZE = 200;

    private final WebhookSubscriptions subscriptions;
    private final WebhookDeliveries deliveries;
    private final Clock clock;

    public WebhookController(WebhookSubscriptions subscriptions, WebhookDeliveries deliveries, Clock clock) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('ADMIN','PARTNER')")
    public List<WebhookView> list() {
        return subscriptions.active(PartnerScope.customer().orElse(null)).stream().map(WebhookView::of).toList();
    }

    @GetMapping("/{webhookId}")
    @PreAuthorize("hasAnyRole('ADMIN','PARTNER')")
    public WebhookView get(@PathVariable String webhookId) {
        return WebhookView.of(visible(webhookId));
    }

    @GetMapping("/{webhookId}/deliveries")
    @PreAuthorize("hasAnyRole('ADMIN','PARTNER')")
    public List<Delivery> deliveries(@PathVariable String webhookId) {
        visible(webhookId);
        return deliveries.of(webhookId, LOG_SIZE);
    }

    /** Makes a dead delivery due at once, with its attempts counted afresh; 404 unless it is dead. */
    @PostMapping("/{webhookId}/deliveries/{deliveryId}/retry")
    @PreAuthorize("hasRole('ADMIN')")
    public Delivery retry(@PathVariable String webhookId, @PathVariable String deliveryId) {
        if (!deliveries.retry(webhookId, deliveryId, clock.instant())) {
            throw new NotFoundException("dead webhook delivery", deliveryId);
        }
        return deliveries.find(webhookId, deliveryId).orElseThrow();
    }

    private Webhook visible(String webhookId) {
        return subscriptions.find(webhookId)
                .filter(webhook -> !webhook.removed() && PartnerScope.mayAccess(webhook.customerId()))
                .orElseThrow(() -> new NotFoundException("webhook", webhookId));
    }

    /** A webhook as the API shows it; {@code customerId} null for one receiving every customer's events. */
    public record WebhookView(String webhookId, String customerId, String url, List<String> events,
                              String registeredBy, Instant registeredAt) {

        static WebhookView of(Webhook webhook) {
            return new WebhookView(webhook.webhookId(), webhook.customerId(), webhook.url(), webhook.events(),
                    webhook.registeredBy(), webhook.registeredAt());
        }
    }
}
