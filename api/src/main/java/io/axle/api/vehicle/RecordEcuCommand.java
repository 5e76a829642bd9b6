package io.axle.api.vehicle;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records an ECU of the vehicle: its name ({@code engine}, {@code transmission}, ...), its hardware part number and
 * the firmware version it runs, as a technician or the dongle read them. Recording what is known already changes
 * nothing; a version changes here only outside a flash (a flash changes it when it completes).
 */
public record RecordEcuCommand(@TargetAggregateIdentifier String vehicleId, String ecu, String hardware,
                               String version, String recordedBy) {
}
