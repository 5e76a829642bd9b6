package io.axle.api.product;

import java.time.Instant;

/** The product was taken out of sale. */
public record ProductDiscontinuedEvent(String sku, String reason, String discontinuedBy, Instant discontinuedAt) {
}
