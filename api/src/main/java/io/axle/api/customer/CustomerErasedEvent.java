package io.axle.api.customer;

/**
 * A customer's personal data was erased: from then on their name, e-mail, phone and addresses read as null in every
 * event, snapshot and read model. Holds no personal data itself.
 */
public record CustomerErasedEvent(String customerId) {
}
