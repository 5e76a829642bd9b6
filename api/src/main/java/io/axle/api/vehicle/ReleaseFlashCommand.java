package io.axle.api.vehicle;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Releases the vehicle from flash job {@code flashJobId} when it ended: {@code installedVersion} is the ECU's new
 * version when the flash completed, null when the version is unchanged. {@code outcome} is the job's final status
 * ({@code COMPLETED}, {@code ROLLED_BACK}, {@code ABORTED}, {@code FAILED}, {@code CANCELLED}); {@code FAILED} raises
 * the vehicle's critical {@code flash-failed} alarm. Releasing a job that does not hold the vehicle changes nothing.
 */
public record ReleaseFlashCommand(@TargetAggregateIdentifier String vehicleId, String flashJobId,
                                  String installedVersion, String outcome, String reason) {
}
