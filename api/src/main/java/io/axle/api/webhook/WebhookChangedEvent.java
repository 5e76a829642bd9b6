package io.axle.api.webhook;

import java.time.Instant;
import java.util.List;

/** A webhook now posts to {@code url} for {@code events}. */
public record WebhookChangedEvent(String webhookId, String url, List<String> events, String changedBy,
                                  Instant changedAt) {
}
