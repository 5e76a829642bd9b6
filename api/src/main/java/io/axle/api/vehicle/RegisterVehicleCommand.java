package io.axle.api.vehicle;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Registers a vehicle. {@code vin} is checked by the aggregate (17 characters, no I, O or Q, the check digit where it
 * is mandatory); {@code plateCountry} (ISO 3166-1 alpha-2, optional) chooses the plate format checked, free text when
 * absent or not one of the known formats; {@code make}, {@code model}, {@code year} and {@code ownerCustomerId} are
 * optional; {@code registeredBy} names the user or key that asked.
 */
public record RegisterVehicleCommand(@TargetAggregateIdentifier String vehicleId, String vin, String plate,
                                     String plateCountry, String make, String model, Integer year,
                                     String ownerCustomerId, String registeredBy) {
}
