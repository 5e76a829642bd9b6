package io.axle.api.invoice;

/**
 * Subscribes to invoice views as they change; {@code invoiceId} null watches every invoice, {@code customerId} non-null
 * only that customer's invoices.
 */
public record WatchInvoicesQuery(String invoiceId, String customerId) {

    /** Watches one invoice (or every invoice when null), of any customer. */
    public WatchInvoicesQuery(String invoiceId) {
        this(invoiceId, null);
    }

    /** Whether an invoice of {@code invoiceCustomerId} with id {@code id} is one this query watches. */
    public boolean watches(String id, String invoiceCustomerId) {
        return (invoiceId == null || invoiceId.equals(id))
                && (customerId == null || customerId.equals(invoiceCustomerId));
    }
}
