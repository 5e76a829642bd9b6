package io.axle.api.customer;

import java.math.BigDecimal;

/**
 * A customer's credit limit was changed from {@code previousLimit} to {@code creditLimit}; {@code availableCredit} is
 * what is left once the reservations held are counted (negative when they exceed the new limit: later orders are then
 * refused credit until enough is released).
 */
public record CreditLimitChangedEvent(String customerId, BigDecimal previousLimit, BigDecimal creditLimit,
                                      BigDecimal availableCredit) {
}
