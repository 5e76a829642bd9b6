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
 * campaign's events, with the counts of each group (where each vehicle is, one per vehicle, is kept apart in
 * {@link CampaignVehicleDocument}s so that this document stays small however many vehicles the campaign has).
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

    /** Where one vehicle of a campaign is: waiting for its turn, flashing, or ended as its outcome. */
    enum VehicleState {
        WAITING, RUNNING, FLASHED, FAILED, CANCELLED, EXPIRED;

        static VehicleState of(CampaignVehicleOutcome outcome) {
            return valueOf(outcome.name());
        }

        /** {@code totals} with {@code delta} vehicles more in this state. */
        Totals add(Totals totals, int delta) {
            return new Totals(totals.vehicles(),
                    totals.waiting() + (this == WAITING ? delta : 0),
                    totals.running() + (this == RUNNING ? delta : 0),
                    totals.flashed() + (this == FLASHED ? delta : 0),
                    totals.failed() + (this == FAILED ? delta : 0),
                    totals.cancelled() + (this == CANCELLED ? delta : 0),
                    totals.expired() + (this == EXPIRED ? delta : 0));
        }
    }

    /** One group: whether it started and finished (below the success threshold: {@code error}), and its counts. */
    record GroupEntry(int group, boolean started, boolean finished, boolean error, Totals totals) {

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

        GroupEntry with(boolean started, boolean finished, boolean error) {
            return new GroupEntry(group, started, finished, error, totals);
        }

        /** The group with one vehicle moved from {@code from} to {@code to}. */
        GroupEntry moved(VehicleState from, VehicleState to) {
            return new GroupEntry(group, started, finished, error, to.add(from.add(totals, -1), 1));
        }
    }

    /** The groups as first created from the campaign's split: none started, every vehicle waiting. */
    static List<GroupEntry> groupsOf(List<List<String>> split) {
        List<GroupEntry> groups = new ArrayList<>();
        for (int group = 0; group < split.size(); group++) {
            int size = split.get(group).size();
            groups.add(new GroupEntry(group, false, false, false, new Totals(size, size, 0, 0, 0, 0, 0)));
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
        Totals sum = new Totals(0, 0, 0, 0, 0, 0, 0);
        for (CampaignView.Group group : groups) {
            Totals totals = group.totals();
            sum = new Totals(sum.vehicles() + totals.vehicles(), sum.waiting() + totals.waiting(),
                    sum.running() + totals.running(), sum.flashed() + totals.flashed(),
                    sum.failed() + totals.failed(), sum.cancelled() + totals.cancelled(),
                    sum.expired() + totals.expired());
        }
        return sum;
    }
}
