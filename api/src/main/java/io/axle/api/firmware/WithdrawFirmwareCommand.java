package io.axle.api.firmware;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Withdraws a firmware: no new flash may use it; flashes already running finish. Withdrawing twice changes nothing. */
public record WithdrawFirmwareCommand(@TargetAggregateIdentifier String firmwareId, String reason,
                                      String withdrawnBy) {
}
