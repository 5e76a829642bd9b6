package io.axle.api.product;

import java.math.BigDecimal;
import java.time.Instant;

/** A product was added to the catalogue at {@code unitPrice}; optional details are null when not given. */
public record ProductCreatedEvent(String sku, String name, String description, BigDecimal unitPrice, String currency,
                                  String vatCategory, String unit, Integer reorderPoint, String createdBy,
                                  Instant createdAt) {
}
