package io.axle.api.webhook;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Registers an endpoint for the named events. {@code customerId} confines it to one customer's events; null (an
 * administrator's webhook) receives every customer's. The secret is kept apart from the event store, by webhook id.
 */
public record RegisterWebhookCommand(@TargetAggregateIdentifier String webhookId, String customerId, String url,
                                     List<String> events, String registeredBy) {
}
