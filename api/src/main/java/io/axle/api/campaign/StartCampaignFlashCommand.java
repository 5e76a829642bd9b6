package io.axle.api.campaign;

/**
 * Asks the command side to start one campaign vehicle's flash exactly as {@code POST /api/v1/flash-jobs} would (the
 * same preconditions, the same refusals) and answers the job's id. Handled by a command-side component, not an
 * aggregate: {@code flashJobId} is chosen by the process so that a retry finds the job it already started.
 */
public record StartCampaignFlashCommand(String campaignId, String vehicleId, String ecu, String firmwareId,
                                        String flashJobId, String requestedBy) {
}
