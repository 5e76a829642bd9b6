package io.axle.api.invoice;

/**
 * Asks for every invoice {@code list} would page through (its page and size are ignored), streamed in its order, at
 * most {@code limit} of them.
 */
public record ExportInvoicesQuery(ListInvoicesQuery list, int limit) {
}
