package io.axle.webhooks;

import java.util.List;

/** The names of the events a webhook may ask for, as they appear in a delivery's {@code event} field. */
public final class WebhookEvents {

    public static final String ORDER_CONFIRMED = "order.confirmed";
    public static final String ORDER_REJECTED = "order.rejected";
    public static final String ORDER_SHIPPED = "order.shipped";
    public static final String INVOICE_ISSUED = "invoice.issued";
    public static final String INVOICE_PAID = "invoice.paid";
    public static final String RUN_COMPLETED = "run.completed";

    /** Every name, in the order the API documents them. */
    public static final List<String> ALL = List.of(ORDER_CONFIRMED, ORDER_REJECTED, ORDER_SHIPPED, INVOICE_ISSUED,
            INVOICE_PAID, RUN_COMPLETED);

    private WebhookEvents() {
    }
}
