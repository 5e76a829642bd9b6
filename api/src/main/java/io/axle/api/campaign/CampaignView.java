package io.axle.api.campaign;

import java.time.Instant;
import java.util.List;

/** A campaign as {@code GET /api/v1/flash-campaigns/{id}} answers it, with live counts per group. */
public record CampaignView(String campaignId, String name, String firmwareId, String ecu, String toVersion,
                           CampaignTarget target, CampaignStatus status, int successThresholdPct,
                           int errorThresholdPct, boolean requiresApproval, Instant deadline, String createdBy,
                           Instant createdAt, String approvedBy, Instant startedAt, Instant finishedAt,
                           String pauseReason, int currentGroup, Totals totals, List<Group> groups) {

    /** Counts of vehicles: in all, waiting for their turn, flashing now, and by outcome. */
    public record Totals(int vehicles, int waiting, int running, int flashed, int failed, int cancelled,
                         int expired) {
    }

    /** One group: its status (READY, SCHEDULED, RUNNING, FINISHED, ERROR as hawkBit names them) and its counts. */
    public record Group(int group, String status, Totals totals) {
    }
}
