package io.axle.api.webhook;

import java.time.Instant;
import java.util.List;

/** An endpoint was registered for {@code events}; {@code customerId} is null for one that receives every customer's. */
public record WebhookRegisteredEvent(String webhookId, String customerId, String url, List<String> events,
                                     String registeredBy, Instant registeredAt) {
}
