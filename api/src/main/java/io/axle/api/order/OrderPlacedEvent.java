package io.axle.api.order;

import io.axle.api.privacy.DataSubject;
import io.axle.api.privacy.PersonalData;
import java.math.BigDecimal;
import java.util.List;

/**
 * An order was placed as number {@code number} ({@code SO-2026-000001}); {@code number} is null in the events of
 * orders placed before orders were numbered. The shipping address is the customer's personal data: null once the
 * customer is erased.
 */
public record OrderPlacedEvent(String orderId, @DataSubject String customerId, String currency, List<OrderLine> lines,
                               @PersonalData ShippingAddress shippingAddress, BigDecimal total, String number) {

    /** An order placed before orders were numbered, as such events are stored. */
    public OrderPlacedEvent(String orderId, String customerId, String currency, List<OrderLine> lines,
                            ShippingAddress shippingAddress, BigDecimal total) {
        this(orderId, customerId, currency, lines, shippingAddress, total, null);
    }
}
