package io.axle.api.invoice;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ends a request that cannot be issued (unknown order or customer, bad template, …) before a number is taken. */
public record RejectInvoiceRequestCommand(@TargetAggregateIdentifier String invoiceId, String field, String rule,
                                          String reason) {
}
