package io.axle.api.webhook;

import java.time.Instant;

/** A webhook was removed: nothing more is delivered to it. */
public record WebhookRemovedEvent(String webhookId, String removedBy, Instant removedAt) {
}
