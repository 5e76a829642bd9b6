package io.axle.api.invoice;

import java.math.BigDecimal;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks for the invoice of an order; creates the Invoice aggregate {@code invoiceId} ({@link Invoices#idForOrder}), so
 * an order is invoiced once. {@code templateId} null means the template matching the company, the customer's language
 * and type; {@code globalDiscountPercent} null means none; {@code customFields} are shown by templates that name them.
 */
public record RequestInvoiceCommand(@TargetAggregateIdentifier String invoiceId, String orderId, String customerId,
                                    String templateId, Map<String, String> customFields,
                                    BigDecimal globalDiscountPercent, String requestedBy) {
}
