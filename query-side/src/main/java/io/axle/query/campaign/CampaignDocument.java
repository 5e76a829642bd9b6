package io.axle.query.campaign;

import io.axle.api.campaign.CampaignStatus;
import io.axle.api.campaign.CampaignTarget;
import io.axle.api.campaign.CampaignVehicleOutcome;
import io.axle.api.campaign.CampaignView;
import io.axle.api.campaign.CampaignView.Totals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.annotation.Id;

/**
 * A flash campaign as stored in the {@value CampaignProjection#COLLECTION} collection, every field written from the
 * campaign's events; each group keeps its vehicles with their job and outcome, from which the counts are derived.
 * {@code sequence} is the aggregate sequence number of the last event applied.
 */
record CampaignDocument(
        @Id String campaignId,
        String name,
        String firmwareId,
        String ecu,
        String toVersion,
        CampaignTarget target,
        CampaignStatus status,
        int successThresholdPct,
        int errorThresholdPct,
        boolean requiresApproval,
        Instant deadline,
        String createdBy,
        Instant createdAt,
        String approvedBy,
        Instant startedAt,
        Instant finishedAt,
        String pauseReason,
        int currentGroup,
        List<GroupEntry> groups,
        long sequence) {

    static final String READY = "READY";
    static final String SCHEDULED = "SCHEDULED";
    static final String RUNNING = "RUNNING";
    static final String FINISHED = "FINISHED";
    static final String ERROR = "ERROR";

    /** One group: whether it started and finished (below the success threshold: {@code error}), and its vehicles. */
    record GroupEntry(int group, boolean started, boolean finished, boolean error, List<VehicleEntry> vehicles) {

        /** READY before the campaign starts, SCHEDULED until its turn, RUNNING, then FINISHED or ERROR. */
        String status(boolean campaignStarted) {
            if (finished) {
                return error ? ERROR : FINISHED;
            }
            if (started) {
                return RUNNING;
            }
            return campaignStarted ? SCHEDULED : READY;
        }

        Totals totals() {
            int waiting = 0;
            int running = 0;
            int[] outcomes = new int[CampaignVehicleOutcome.values().length];
            for (VehicleEntry vehicle : vehicles) {
                if (vehicle.outcome() != null) {
                    outcomes[vehicle.outcome().ordinal()]++;
                } else if (vehicle.flashJobId() != null) {
                    running++;
                } else {
                    waiting++;
                }
            }
            return new Totals(vehicles.size(), waiting, running, outcomes[CampaignVehicleOutcome.FLASHED.ordinal()],
                    outcomes[CampaignVehicleOutcome.FAILED.ordinal()],
                    outcomes[CampaignVehicleOutcome.CANCELLED.ordinal()],
                    outcomes[CampaignVehicleOutcome.EXPIRED.ordinal()]);
        }
    }

    /** One vehicle of a group: its job once started ({@code null} before), its outcome once known. */
    record VehicleEntry(String vehicleId, String flashJobId, CampaignVehicleOutcome outcome) {
    }

    /** The groups as first created from the campaign's split, none started. */
    static List<GroupEntry> groupsOf(List<List<String>> split) {
        List<GroupEntry> groups = new ArrayList<>();
        for (int group = 0; group < split.size(); group++) {
            groups.add(new GroupEntry(group, false, false, false,
                    split.get(group).stream().map(id -> new VehicleEntry(id, null, null)).toList()));
        }
        return groups;
    }

    CampaignView toView() {
        boolean campaignStarted = startedAt != null;
        List<CampaignView.Group> views = groups.stream()
                .map(group -> new CampaignView.Group(group.group(), group.status(campaignStarted), group.totals()))
                .toList();
        return new CampaignView(campaignId, name, firmwareId, ecu, toVersion, target, status, successThresholdPct,
                errorThresholdPct, requiresApproval, deadline, createdBy, createdAt, approvedBy, startedAt,
                finishedAt, pauseReason, currentGroup, sum(views), views);
    }

    private static Totals sum(List<CampaignView.Group> groups) {
        int vehicles = 0;
        int waiting = 0;
        int running = 0;
        int flashed = 0;
        int failed = 0;
        int cancelled = 0;
        int expired = 0;
        for (CampaignView.Group group : groups) {
            Totals totals = group.totals();
            vehicles += totals.vehicles();
            waiting += totals.waiting();
            running += totals.running();
            flashed += totals.flashed();
            failed += totals.failed();
            cancelled += totals.cancelled();
            expired += totals.expired();
        }
        return new Totals(vehicles, waiting, running, flashed, failed, cancelled, expired);
    }
}
