package io.axle.api.webhook;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Points a webhook at another URL or other events. {@code actingCustomerId} is the partner's customer when a partner
 * asks (the webhook must be its own), null for an administrator.
 */
public record ChangeWebhookCommand(@TargetAggregateIdentifier String webhookId, String url, List<String> events,
                                   String actingCustomerId, String changedBy) {
}
