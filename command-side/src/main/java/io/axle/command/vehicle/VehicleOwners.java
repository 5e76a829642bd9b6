package io.axle.command.vehicle;

/**
 * Who may own a vehicle: a customer, as the customer's own events tell at the moment of asking (not a read model,
 * which may lag). Injected into the {@link Vehicle}'s registration.
 */
public interface VehicleOwners {

    /** What the event store knows of customer {@code customerId}. */
    OwnerStatus status(String customerId);

    /** A customer as an owner: never registered, registered, or registered and erased. */
    enum OwnerStatus {
        UNKNOWN, KNOWN, ERASED
    }
}
