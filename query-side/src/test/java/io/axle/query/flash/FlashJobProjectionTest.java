package io.axle.query.flash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.axle.api.common.ListCriteria;
import io.axle.api.common.PageResult;
import io.axle.api.flash.ExportFlashJobsQuery;
import io.axle.api.flash.FindFlashJobQuery;
import io.axle.api.flash.FlashJobAbortedEvent;
import io.axle.api.flash.FlashJobCancelledEvent;
import io.axle.api.flash.FlashJobCompletedEvent;
import io.axle.api.flash.FlashJobFailedEvent;
import io.axle.api.flash.FlashJobRequestedEvent;
import io.axle.api.flash.FlashJobRolledBackEvent;
import io.axle.api.flash.FlashJobStatus;
import io.axle.api.flash.FlashJobView;
import io.axle.api.flash.FlashJobView.StepEntry;
import io.axle.api.flash.FlashProgressReportedEvent;
import io.axle.api.flash.FlashRollbackStartedEvent;
import io.axle.api.flash.FlashStep;
import io.axle.api.flash.FlashStepConfirmedEvent;
import io.axle.api.flash.FlashStepFailedEvent;
import io.axle.api.flash.FlashStepRequestedEvent;
import io.axle.api.flash.ListFlashJobsQuery;
import io.axle.api.flash.WatchFlashJobQuery;
import io.axle.query.InMemoryMongo;
import io.axle.query.SubscriberProbe;
import java.time.Instant;
import java.util.List;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The flash job projection's handlers called directly on the embedded MongoDB server: every event, twice, late. */
class FlashJobProjectionTest {

    private static final Instant AT = Instant.parse("2026-03-01T09:00:00Z");

    private InMemoryMongo mongo;
    private SimpleQueryUpdateEmitter emitter;
    private FlashJobProjection projection;
    /** The next aggregate sequence number of job fj-1. */
    private long sequence;

    @BeforeEach
    void start() {
        mongo = InMemoryMongo.start();
        emitter = SimpleQueryUpdateEmitter.builder().build();
        projection = new FlashJobProjection(mongo.template(), emitter);
        projection.createIndexes();
        sequence = 0;
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    private FlashJobView find(String flashJobId) {
        return projection.handle(new FindFlashJobQuery(flashJobId));
    }

    private static Instant at(long seconds) {
        return AT.plusSeconds(seconds);
    }

    private static FlashJobRequestedEvent requested(String flashJobId, String vehicleId, String campaignId,
            Instant requestedAt) {
        return new FlashJobRequestedEvent(flashJobId, vehicleId, "d-1", "ECM", "fw-2", "1.0.0", "1.1.0", "abc", 1024,
                campaignId, "operator", requestedAt);
    }

    private void request() {
        projection.on(requested("fj-1", "v-1", null, AT), sequence++);
    }

    private void step(FlashStep step, int attempt, long seconds) {
        projection.on(new FlashStepRequestedEvent("fj-1", "v-1", "d-1", "ECM", step, attempt,
                step == FlashStep.RESTORE ? null : "fw-2", "abc", 1024, "operator", at(seconds)), sequence++);
    }

    private void confirm(FlashStep step, int attempt, String checksum, String version, long seconds) {
        projection.on(new FlashStepConfirmedEvent("fj-1", "v-1", step, attempt, checksum, version, at(seconds)),
                sequence++);
    }

    private void fail(FlashStep step, int attempt, String reason, boolean timedOut, long seconds) {
        projection.on(new FlashStepFailedEvent("fj-1", "v-1", step, attempt, reason, timedOut, at(seconds)),
                sequence++);
    }

    private static StepEntry entry(FlashStep step, int attempt, String status, String detail, long seconds) {
        return new StepEntry(step, attempt, status, detail, at(seconds));
    }

    /** Steps up to and including the backup, confirmed, from second 1 on. */
    private void upToTheBackup() {
        step(FlashStep.DIAGNOSTIC_SESSION, 1, 1);
        confirm(FlashStep.DIAGNOSTIC_SESSION, 1, null, null, 2);
        step(FlashStep.SECURITY_ACCESS, 1, 3);
        confirm(FlashStep.SECURITY_ACCESS, 1, null, null, 4);
        step(FlashStep.BACKUP, 1, 5);
        confirm(FlashStep.BACKUP, 1, "bak", "1.0.0", 6);
    }

    @Nested
    class Request {

        @Test
        void aRequestedJobShowsEveryFieldAndNoStepYet() {
            request();

            assertThat(find("fj-1")).isEqualTo(new FlashJobView("fj-1", "v-1", "ECM", "fw-2", "1.0.0", "1.1.0",
                    FlashJobStatus.REQUESTED, null, 0, AT, null, null, null, List.of(), "operator", null));
        }

        @Test
        void requestingTwiceChangesNothing() {
            request();
            step(FlashStep.DIAGNOSTIC_SESSION, 1, 1);
            projection.on(requested("fj-1", "v-9", "c-1", at(50)), 0);

            FlashJobView job = find("fj-1");
            assertThat(job.vehicleId()).isEqualTo("v-1");
            assertThat(job.status()).isEqualTo(FlashJobStatus.RUNNING);
        }

        @Test
        void anUnknownJobIsNull() {
            assertThat(find("fj-x")).isNull();
        }
    }

    @Nested
    class Steps {

        @Test
        void theFirstStepStartsTheJobAndEveryStepAndAnswerIsALineOfTheTimeline() {
            request();
            upToTheBackup();

            FlashJobView job = find("fj-1");
            assertThat(job.status()).isEqualTo(FlashJobStatus.RUNNING);
            assertThat(job.step()).isEqualTo(FlashStep.BACKUP);
            assertThat(job.startedAt()).isEqualTo(at(1));
            assertThat(job.steps()).containsExactly(
                    entry(FlashStep.DIAGNOSTIC_SESSION, 1, "REQUESTED", null, 1),
                    entry(FlashStep.DIAGNOSTIC_SESSION, 1, "CONFIRMED", null, 2),
                    entry(FlashStep.SECURITY_ACCESS, 1, "REQUESTED", null, 3),
                    entry(FlashStep.SECURITY_ACCESS, 1, "CONFIRMED", null, 4),
                    entry(FlashStep.BACKUP, 1, "REQUESTED", null, 5),
                    entry(FlashStep.BACKUP, 1, "CONFIRMED", "1.0.0 bak", 6));
        }

        @Test
        void aStepAppliedTwiceOrLateAddsNoLine() {
            request();
            step(FlashStep.DIAGNOSTIC_SESSION, 1, 1);
            confirm(FlashStep.DIAGNOSTIC_SESSION, 1, null, null, 2);
            projection.on(new FlashStepConfirmedEvent("fj-1", "v-1", FlashStep.DIAGNOSTIC_SESSION, 1, null, null,
                    at(2)), sequence - 1);
            projection.on(new FlashStepRequestedEvent("fj-1", "v-1", "d-1", "ECM", FlashStep.DIAGNOSTIC_SESSION, 1,
                    "fw-2", "abc", 1024, "operator", at(1)), 1);

            assertThat(find("fj-1").steps()).hasSize(2);
        }

        @Test
        void progressMovesThePercentageWithoutALineAndTheConfirmedTransferIsAHundred() {
            request();
            upToTheBackup();
            step(FlashStep.ERASE, 1, 7);
            confirm(FlashStep.ERASE, 1, null, null, 8);
            step(FlashStep.TRANSFER, 1, 9);
            projection.on(new FlashProgressReportedEvent("fj-1", "v-1", FlashStep.TRANSFER, 40, at(10)), sequence++);
            assertThat(find("fj-1").progressPct()).isEqualTo(40);
            projection.on(new FlashProgressReportedEvent("fj-1", "v-1", FlashStep.TRANSFER, 30, at(10)), sequence++);
            assertThat(find("fj-1").progressPct()).as("never backwards").isEqualTo(40);
            projection.on(new FlashProgressReportedEvent("fj-1", "v-1", FlashStep.TRANSFER, 90, at(10)), sequence - 2);
            assertThat(find("fj-1").progressPct()).as("a late one").isEqualTo(40);
            int lines = find("fj-1").steps().size();

            confirm(FlashStep.TRANSFER, 1, null, null, 11);

            FlashJobView job = find("fj-1");
            assertThat(job.progressPct()).isEqualTo(100);
            assertThat(job.steps()).hasSize(lines + 1);
        }

        @Test
        void aTimeoutAndAFailureAreLinesWithTheirReasonAndTheResendIsTheNextAttempt() {
            request();
            step(FlashStep.DIAGNOSTIC_SESSION, 1, 1);
            fail(FlashStep.DIAGNOSTIC_SESSION, 1, "no answer in 30s", true, 31);
            step(FlashStep.DIAGNOSTIC_SESSION, 2, 31);
            fail(FlashStep.DIAGNOSTIC_SESSION, 2, "NRC 0x22", false, 32);

            FlashJobView job = find("fj-1");
            assertThat(job.steps()).containsExactly(
                    entry(FlashStep.DIAGNOSTIC_SESSION, 1, "REQUESTED", null, 1),
                    entry(FlashStep.DIAGNOSTIC_SESSION, 1, "TIMED_OUT", "no answer in 30s", 31),
                    entry(FlashStep.DIAGNOSTIC_SESSION, 2, "REQUESTED", null, 31),
                    entry(FlashStep.DIAGNOSTIC_SESSION, 2, "FAILED", "NRC 0x22", 32));
            assertThat(job.reason()).isEqualTo("NRC 0x22");
            assertThat(job.startedAt()).as("the first step's").isEqualTo(at(1));
            assertThat(job.status()).isEqualTo(FlashJobStatus.RUNNING);
        }
    }

    @Nested
    class Ends {

        @Test
        void aCompletedJobIsFinishedAtItsEndWithoutReasonAfterARetriedStep() {
            request();
            step(FlashStep.DIAGNOSTIC_SESSION, 1, 1);
            fail(FlashStep.DIAGNOSTIC_SESSION, 1, "no answer", true, 2);
            step(FlashStep.DIAGNOSTIC_SESSION, 2, 2);
            confirm(FlashStep.DIAGNOSTIC_SESSION, 2, null, null, 3);
            projection.on(new FlashJobCompletedEvent("fj-1", "v-1", "ECM", "fw-2", "1.0.0", "1.1.0", null, at(90)),
                    sequence++);

            FlashJobView job = find("fj-1");
            assertThat(job.status()).isEqualTo(FlashJobStatus.COMPLETED);
            assertThat(job.finishedAt()).isEqualTo(at(90));
            assertThat(job.reason()).isNull();
        }

        @Test
        void aFailureAfterTheEraseRollsBackThroughTheRestore() {
            request();
            upToTheBackup();
            step(FlashStep.ERASE, 1, 7);
            fail(FlashStep.ERASE, 1, "erase failed", false, 8);
            projection.on(new FlashRollbackStartedEvent("fj-1", "v-1", "erase failed", at(8)), sequence++);
            assertThat(find("fj-1").status()).isEqualTo(FlashJobStatus.ROLLING_BACK);
            step(FlashStep.RESTORE, 1, 9);
            assertThat(find("fj-1").status()).as("a restore step keeps it rolling back")
                    .isEqualTo(FlashJobStatus.ROLLING_BACK);
            confirm(FlashStep.RESTORE, 1, "bak", null, 20);
            projection.on(new FlashJobRolledBackEvent("fj-1", "v-1", "ECM", "1.0.0", "erase failed", null, at(21)),
                    sequence++);
            projection.on(new FlashJobRolledBackEvent("fj-1", "v-1", "ECM", "1.0.0", "other", null, at(99)),
                    sequence - 1);

            FlashJobView job = find("fj-1");
            assertThat(job.status()).isEqualTo(FlashJobStatus.ROLLED_BACK);
            assertThat(job.step()).isEqualTo(FlashStep.RESTORE);
            assertThat(job.reason()).isEqualTo("erase failed");
            assertThat(job.finishedAt()).isEqualTo(at(21));
            assertThat(job.steps()).endsWith(entry(FlashStep.RESTORE, 1, "REQUESTED", null, 9),
                    entry(FlashStep.RESTORE, 1, "CONFIRMED", "bak", 20));
        }

        @Test
        void aFailedRestoreFailsTheJob() {
            request();
            projection.on(new FlashRollbackStartedEvent("fj-1", "v-1", "verify failed", at(8)), sequence++);
            projection.on(new FlashJobFailedEvent("fj-1", "v-1", "ECM", "restore failed", null, at(30)), sequence++);

            assertThat(find("fj-1").status()).isEqualTo(FlashJobStatus.FAILED);
            assertThat(find("fj-1").reason()).isEqualTo("restore failed");
        }

        @Test
        void aCancelledAndAnAbortedJobEndWithTheirReason() {
            request();
            projection.on(new FlashJobCancelledEvent("fj-1", "v-1", "ECM", "wrong car", "operator", null, at(5)),
                    sequence++);
            projection.on(requested("fj-2", "v-2", null, AT), 0);
            projection.on(new FlashJobAbortedEvent("fj-2", "v-2", "ECM", "no security access", null, at(6)), 1);

            assertThat(find("fj-1")).extracting(FlashJobView::status, FlashJobView::reason, FlashJobView::finishedAt)
                    .containsExactly(FlashJobStatus.CANCELLED, "wrong car", at(5));
            assertThat(find("fj-2")).extracting(FlashJobView::status, FlashJobView::reason, FlashJobView::finishedAt)
                    .containsExactly(FlashJobStatus.ABORTED, "no security access", at(6));
        }
    }

    @Nested
    class List_ {

        @BeforeEach
        void requestThree() {
            projection.on(requested("fj-1", "v-1", null, at(1)), 0);
            projection.on(requested("fj-2", "v-2", "c-1", at(2)), 0);
            projection.on(requested("fj-3", "v-1", "c-1", at(3)), 0);
            projection.on(new FlashJobCompletedEvent("fj-1", "v-1", "ECM", "fw-2", "1.0.0", "1.1.0", null, at(9)),
                    1);
        }

        private List<String> ids(String vehicleId, FlashJobStatus status, String campaignId) {
            return projection.page(new ListFlashJobsQuery(vehicleId, status, campaignId, ListCriteria.NONE, 0, 20))
                    .content().stream().map(FlashJobView::flashJobId).toList();
        }

        @Test
        void newestFirstFilteredByVehicleStatusAndCampaign() {
            assertThat(ids(null, null, null)).containsExactly("fj-3", "fj-2", "fj-1");
            assertThat(ids("v-1", null, null)).containsExactly("fj-3", "fj-1");
            assertThat(ids(null, FlashJobStatus.COMPLETED, null)).containsExactly("fj-1");
            assertThat(ids(null, null, "c-1")).containsExactly("fj-3", "fj-2");
            assertThat(ids("v-1", FlashJobStatus.REQUESTED, "c-1")).containsExactly("fj-3");
        }

        @Test
        void theSearchMatchesTheJobVehicleAndVersionsIgnoringCase() {
            List<String> byJob = projection.page(new ListFlashJobsQuery(null, null, null,
                    ListCriteria.searching("FJ-2"), 0, 20)).content().stream().map(FlashJobView::flashJobId).toList();
            List<String> byVehicle = projection.page(new ListFlashJobsQuery(null, null, null,
                    ListCriteria.searching("v-1"), 0, 20)).content().stream().map(FlashJobView::flashJobId).toList();

            assertThat(byJob).containsExactly("fj-2");
            assertThat(byVehicle).containsExactly("fj-3", "fj-1");
        }

        @Test
        void pagesSortAndCount() {
            PageResult<FlashJobView> page = projection.page(new ListFlashJobsQuery(null, null, null,
                    new ListCriteria(null, null, null, "requestedAt", false), 1, 2));

            assertThat(page.content()).extracting(FlashJobView::flashJobId).containsExactly("fj-3");
            assertThat(page.totalElements()).isEqualTo(3);
        }

        @Test
        void theExportStreamsWhatTheListMatchesInItsOrder() {
            List<FlashJobView> rows = projection.handle(new ExportFlashJobsQuery(new ListFlashJobsQuery("v-1", null,
                    null, ListCriteria.NONE, 0, 1), 10)).collectList().block();

            assertThat(rows).extracting(FlashJobView::flashJobId).containsExactly("fj-3", "fj-1");
        }
    }

    @Nested
    class WatchAndReplay {

        @Test
        void watchersGetTheNewViewAfterEachChangeAndNothingForARepeat() {
            request();
            assertThat(projection.handle(new WatchFlashJobQuery("fj-1")).status())
                    .isEqualTo(FlashJobStatus.REQUESTED);
            SubscriberProbe<FlashJobView> watching =
                    SubscriberProbe.subscribe(emitter, new WatchFlashJobQuery("fj-1"), FlashJobView.class);
            SubscriberProbe<FlashJobView> other =
                    SubscriberProbe.subscribe(emitter, new WatchFlashJobQuery("fj-2"), FlashJobView.class);

            step(FlashStep.DIAGNOSTIC_SESSION, 1, 1);
            projection.on(new FlashStepRequestedEvent("fj-1", "v-1", "d-1", "ECM", FlashStep.DIAGNOSTIC_SESSION, 1,
                    "fw-2", "abc", 1024, "operator", at(1)), sequence - 1);
            projection.on(new FlashProgressReportedEvent("fj-1", "v-1", FlashStep.TRANSFER, 10, at(2)), sequence++);

            assertThat(watching.updates()).extracting(FlashJobView::status, FlashJobView::progressPct)
                    .containsExactly(
                            tuple(FlashJobStatus.RUNNING, 0),
                            tuple(FlashJobStatus.RUNNING, 10));
            assertThat(other.updates()).isEmpty();
        }

        @Test
        void aResetEmptiesTheJobsAndAReplayWritesThemAgain() {
            request();
            step(FlashStep.DIAGNOSTIC_SESSION, 1, 1);

            projection.reset();
            assertThat(find("fj-1")).isNull();

            sequence = 0;
            request();
            step(FlashStep.DIAGNOSTIC_SESSION, 1, 1);
            assertThat(find("fj-1").steps()).hasSize(1);
        }
    }
}
