package io.axle.api.invoice;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Identifiers of invoices: an order's invoice has an id derived from the order's, so an order is invoiced once. */
public record Invoices() {

    /** The id of the invoice of order {@code orderId}: a name-based UUID, the same on every node. */
    public static String idForOrder(String orderId) {
        return UUID.nameUUIDFromBytes(("invoice:" + orderId).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
