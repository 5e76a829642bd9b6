package io.axle.api.campaign;

/**
 * A campaign's state, after Eclipse hawkBit's rollouts: WAITING_FOR_APPROVAL (created, an admin must approve), READY,
 * RUNNING, PAUSED (by hand, or by the error threshold: the emergency brake), STOPPED (emergency stop: jobs not yet
 * erasing were cancelled), FINISHED (every group done, or the deadline passed).
 */
public enum CampaignStatus {
    WAITING_FOR_APPROVAL,
    READY,
    RUNNING,
    PAUSED,
    STOPPED,
    FINISHED
}
