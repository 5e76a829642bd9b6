package io.axle.api.webhook;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Removes a webhook for good. {@code actingCustomerId} is the partner's customer when a partner asks (the webhook must
 * be its own), null for an administrator.
 */
public record RemoveWebhookCommand(@TargetAggregateIdentifier String webhookId, String actingCustomerId,
                                   String removedBy) {
}
