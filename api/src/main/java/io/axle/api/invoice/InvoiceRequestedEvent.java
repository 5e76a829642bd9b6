package io.axle.api.invoice;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** An invoice was asked for; the issuing process now numbers, renders and issues it. */
public record InvoiceRequestedEvent(String invoiceId, String orderId, String customerId, String templateId,
                                    Map<String, String> customFields, BigDecimal globalDiscountPercent,
                                    String requestedBy, Instant requestedAt) {
}
