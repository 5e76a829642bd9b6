package io.axle.query.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.axle.api.campaign.CampaignFlashStartedEvent;
import io.axle.api.campaign.CampaignGroupFinishedEvent;
import io.axle.api.campaign.CampaignGroupStartedEvent;
import io.axle.api.campaign.CampaignStatus;
import io.axle.api.campaign.CampaignTarget;
import io.axle.api.campaign.CampaignVehicleOutcome;
import io.axle.api.campaign.CampaignVehicleOutcomeRecordedEvent;
import io.axle.api.campaign.CampaignView;
import io.axle.api.campaign.CampaignView.Group;
import io.axle.api.campaign.CampaignView.Totals;
import io.axle.api.campaign.FindCampaignQuery;
import io.axle.api.campaign.FlashCampaignApprovedEvent;
import io.axle.api.campaign.FlashCampaignCreatedEvent;
import io.axle.api.campaign.FlashCampaignFinishedEvent;
import io.axle.api.campaign.FlashCampaignPausedEvent;
import io.axle.api.campaign.FlashCampaignResumedEvent;
import io.axle.api.campaign.FlashCampaignStartedEvent;
import io.axle.api.campaign.FlashCampaignStoppedEvent;
import io.axle.api.campaign.ListCampaignsQuery;
import io.axle.api.campaign.WatchCampaignQuery;
import io.axle.api.common.ListCriteria;
import io.axle.api.common.PageResult;
import io.axle.query.InMemoryMongo;
import io.axle.query.Pages;
import io.axle.query.SubscriberProbe;
import io.axle.query.campaign.CampaignDocument.VehicleState;
import java.time.Instant;
import java.util.List;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Flux;

/** The campaign projection's handlers called directly on the embedded MongoDB server: every event, twice, late. */
class CampaignProjectionTest {

    private static final Instant AT = Instant.parse("2026-03-01T09:00:00Z");
    private static final Instant DEADLINE = Instant.parse("2026-03-08T09:00:00Z");
    private static final CampaignTarget TARGET = new CampaignTarget("Renault", "Master", 2019, 2022, null);

    private InMemoryMongo mongo;
    private SimpleQueryUpdateEmitter emitter;
    private CampaignProjection projection;
    /** The next aggregate sequence number of campaign c-1. */
    private long sequence;

    @BeforeEach
    void start() {
        mongo = InMemoryMongo.start();
        emitter = SimpleQueryUpdateEmitter.builder().build();
        projection = new CampaignProjection(mongo.template(), emitter);
        projection.createIndexes();
        sequence = 0;
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    private CampaignView find(String campaignId) {
        return projection.handle(new FindCampaignQuery(campaignId));
    }

    private static Instant at(long seconds) {
        return AT.plusSeconds(seconds);
    }

    private static FlashCampaignCreatedEvent created(String campaignId, String name, boolean requiresApproval,
            Instant createdAt) {
        return new FlashCampaignCreatedEvent(campaignId, name, "fw-2", "ECM", "1.1.0", TARGET,
                List.of(List.of("v-1", "v-2"), List.of("v-3", "v-4", "v-5")), 50, 40, requiresApproval, DEADLINE,
                "operator", createdAt);
    }

    private void create(boolean requiresApproval) {
        projection.on(created("c-1", "Spring update", requiresApproval, AT), sequence++);
    }

    private void startCampaign() {
        projection.on(new FlashCampaignStartedEvent("c-1", "operator", at(1)), sequence++);
        projection.on(new CampaignGroupStartedEvent("c-1", 0, List.of("v-1", "v-2"), "fw-2", "ECM", at(1)),
                sequence++);
    }

    private void flashStarted(int group, String vehicleId, long seconds) {
        projection.on(new CampaignFlashStartedEvent("c-1", group, vehicleId, "fj-" + vehicleId, at(seconds)),
                sequence++);
    }

    private void outcome(int group, String vehicleId, CampaignVehicleOutcome outcome, long seconds) {
        projection.on(new CampaignVehicleOutcomeRecordedEvent("c-1", group, vehicleId, "fj-" + vehicleId, outcome,
                outcome == CampaignVehicleOutcome.FLASHED ? null : "verify failed", at(seconds)), sequence++);
    }

    private static Totals totals(int vehicles, int waiting, int running, int flashed, int failed, int cancelled,
            int expired) {
        return new Totals(vehicles, waiting, running, flashed, failed, cancelled, expired);
    }

    @Nested
    class Creation {

        @Test
        void aCreatedCampaignShowsEveryFieldAndItsGroupsReady() {
            create(false);

            assertThat(find("c-1")).isEqualTo(new CampaignView("c-1", "Spring update", "fw-2", "ECM", "1.1.0",
                    TARGET, CampaignStatus.READY, 50, 40, false, DEADLINE, "operator", AT, null, null, null, null, 0,
                    totals(5, 5, 0, 0, 0, 0, 0), List.of(
                            new Group(0, "READY", totals(2, 2, 0, 0, 0, 0, 0)),
                            new Group(1, "READY", totals(3, 3, 0, 0, 0, 0, 0)))));
        }

        @Test
        void aCampaignRequiringApprovalWaitsForItThenIsReady() {
            create(true);
            assertThat(find("c-1").status()).isEqualTo(CampaignStatus.WAITING_FOR_APPROVAL);

            projection.on(new FlashCampaignApprovedEvent("c-1", "admin", at(1)), sequence++);

            assertThat(find("c-1")).extracting(CampaignView::status, CampaignView::approvedBy,
                    CampaignView::requiresApproval).containsExactly(CampaignStatus.READY, "admin", true);
        }

        @Test
        void aRepeatedCreationChangesNothing() {
            create(false);
            projection.on(new FlashCampaignStartedEvent("c-1", "operator", at(1)), sequence++);

            projection.on(created("c-1", "Other", false, at(5)), 0);

            assertThat(find("c-1")).extracting(CampaignView::name, CampaignView::status)
                    .containsExactly("Spring update", CampaignStatus.RUNNING);
        }

        @Test
        void anUnknownCampaignIsNull() {
            assertThat(find("c-x")).isNull();
        }
    }

    @Nested
    class Groups {

        @Test
        void theStartedCampaignRunsItsFirstGroupAndSchedulesTheOthers() {
            create(false);
            startCampaign();

            CampaignView campaign = find("c-1");
            assertThat(campaign.status()).isEqualTo(CampaignStatus.RUNNING);
            assertThat(campaign.startedAt()).isEqualTo(at(1));
            assertThat(campaign.currentGroup()).isZero();
            assertThat(campaign.groups()).extracting(Group::status).containsExactly("RUNNING", "SCHEDULED");
        }

        @Test
        void vehiclesCountAsWaitingThenRunningThenUnderTheirOutcome() {
            create(false);
            startCampaign();
            flashStarted(0, "v-1", 2);
            flashStarted(0, "v-2", 2);
            outcome(0, "v-1", CampaignVehicleOutcome.FLASHED, 3);

            CampaignView campaign = find("c-1");
            assertThat(campaign.groups().get(0).totals()).isEqualTo(totals(2, 0, 1, 1, 0, 0, 0));
            assertThat(campaign.totals()).isEqualTo(totals(5, 3, 1, 1, 0, 0, 0));
        }

        @Test
        void everyOutcomeIsCountedAndAnOutcomeWithoutAJobLeavesWaiting() {
            create(false);
            startCampaign();
            flashStarted(0, "v-1", 2);
            outcome(0, "v-1", CampaignVehicleOutcome.CANCELLED, 3);
            projection.on(new CampaignVehicleOutcomeRecordedEvent("c-1", 0, "v-2", null,
                    CampaignVehicleOutcome.EXPIRED, "offline", at(4)), sequence++);
            projection.on(new CampaignGroupStartedEvent("c-1", 1, List.of("v-3", "v-4", "v-5"), "fw-2", "ECM",
                    at(5)), sequence++);
            flashStarted(1, "v-3", 5);
            outcome(1, "v-3", CampaignVehicleOutcome.FAILED, 6);

            CampaignView campaign = find("c-1");
            assertThat(campaign.groups()).extracting(Group::totals).containsExactly(
                    totals(2, 0, 0, 0, 0, 1, 1),
                    totals(3, 2, 0, 0, 1, 0, 0));
            assertThat(campaign.totals()).isEqualTo(totals(5, 2, 0, 0, 1, 1, 1));
            assertThat(campaign.currentGroup()).isEqualTo(1);
        }

        @Test
        void aGroupFinishedAtItsSuccessThresholdIsFinishedAndOneBelowIsInError() {
            create(false);
            startCampaign();
            flashStarted(0, "v-1", 2);
            flashStarted(0, "v-2", 2);
            outcome(0, "v-1", CampaignVehicleOutcome.FLASHED, 3);
            outcome(0, "v-2", CampaignVehicleOutcome.FAILED, 3);
            projection.on(new CampaignGroupFinishedEvent("c-1", 0, 2, 1, 1, at(3)), sequence++);
            projection.on(new CampaignGroupStartedEvent("c-1", 1, List.of("v-3", "v-4", "v-5"), "fw-2", "ECM",
                    at(4)), sequence++);
            for (String vehicle : List.of("v-3", "v-4", "v-5")) {
                flashStarted(1, vehicle, 5);
            }
            outcome(1, "v-3", CampaignVehicleOutcome.FLASHED, 6);
            outcome(1, "v-4", CampaignVehicleOutcome.FAILED, 6);
            outcome(1, "v-5", CampaignVehicleOutcome.FAILED, 6);
            projection.on(new CampaignGroupFinishedEvent("c-1", 1, 3, 1, 2, at(6)), sequence++);

            assertThat(find("c-1").groups()).extracting(Group::status).containsExactly("FINISHED", "ERROR");
        }
    }

    @Nested
    class Status {

        @Test
        void theErrorThresholdPausesWithItsReasonAndAResumeClearsIt() {
            create(false);
            startCampaign();
            projection.on(new FlashCampaignPausedEvent("c-1", "errors reached 40%", true, null, at(2)), sequence++);

            assertThat(find("c-1")).extracting(CampaignView::status, CampaignView::pauseReason)
                    .containsExactly(CampaignStatus.PAUSED, "errors reached 40%");

            projection.on(new FlashCampaignResumedEvent("c-1", "operator", at(3)), sequence++);

            assertThat(find("c-1")).extracting(CampaignView::status, CampaignView::pauseReason)
                    .containsExactly(CampaignStatus.RUNNING, null);
        }

        @Test
        void aFinishedCampaignIsDatedByItsEnd() {
            create(false);
            startCampaign();
            projection.on(new FlashCampaignFinishedEvent("c-1", 5, 5, 0, 0, 0, at(9)), sequence++);

            assertThat(find("c-1")).extracting(CampaignView::status, CampaignView::finishedAt)
                    .containsExactly(CampaignStatus.FINISHED, at(9));
        }

        @Test
        void aStoppedCampaignStaysStoppedWithItsReasonWhenItsLastJobsEnd() {
            create(false);
            startCampaign();
            projection.on(new FlashCampaignStoppedEvent("c-1", "bricked ECUs", "admin", at(2)), sequence++);
            projection.on(new FlashCampaignFinishedEvent("c-1", 5, 0, 0, 5, 0, at(9)), sequence++);

            assertThat(find("c-1")).extracting(CampaignView::status, CampaignView::pauseReason,
                    CampaignView::finishedAt).containsExactly(CampaignStatus.STOPPED, "bricked ECUs", at(2));
        }
    }

    @Nested
    class RepeatsAndLateEvents {

        @Test
        void anEventAppliedTwiceCountsOnce() {
            create(false);
            startCampaign();
            CampaignVehicleOutcomeRecordedEvent flashed = new CampaignVehicleOutcomeRecordedEvent("c-1", 0, "v-1",
                    "fj-v-1", CampaignVehicleOutcome.FLASHED, null, at(3));
            flashStarted(0, "v-1", 2);
            projection.on(flashed, sequence);
            projection.on(flashed, sequence++);

            assertThat(find("c-1").totals()).isEqualTo(totals(5, 4, 0, 1, 0, 0, 0));
        }

        @Test
        void anOlderEventLateChangesNothing() {
            create(false);
            startCampaign();
            long pausedAt = sequence++;
            projection.on(new FlashCampaignResumedEvent("c-1", "operator", at(3)), sequence++);

            projection.on(new FlashCampaignPausedEvent("c-1", "by hand", false, "operator", at(2)), pausedAt);

            assertThat(find("c-1")).extracting(CampaignView::status, CampaignView::pauseReason)
                    .containsExactly(CampaignStatus.RUNNING, null);
        }

        @Test
        void anEventBeforeTheCreationIsLeftAndTheCreationStillWritesTheCampaign() {
            projection.on(new FlashCampaignStartedEvent("c-1", "operator", at(1)), 1);
            assertThat(find("c-1")).isNull();

            projection.on(created("c-1", "Spring update", false, AT), 0);

            assertThat(find("c-1").status()).isEqualTo(CampaignStatus.READY);
        }

        @Test
        void aVehicleThatEndedIsNotCountedAgainByALaterEvent() {
            create(false);
            startCampaign();
            flashStarted(0, "v-1", 2);
            outcome(0, "v-1", CampaignVehicleOutcome.FLASHED, 3);

            outcome(0, "v-1", CampaignVehicleOutcome.FAILED, 4);
            flashStarted(0, "v-1", 5);

            assertThat(find("c-1").groups().get(0).totals()).isEqualTo(totals(2, 1, 0, 1, 0, 0, 0));
        }

        @Test
        void anEventAppliedAgainAfterACrashBetweenItsTwoWritesCountsOnce() {
            create(false);
            startCampaign();
            long startedAt = sequence;
            flashStarted(0, "v-1", 2);
            // as if the process died after the vehicle's write: the campaign's sequence goes back before the event
            mongo.template().updateFirst(new Query(where("_id").is("c-1")), new Update()
                    .set("sequence", startedAt - 1)
                    .set("groups.0.totals.waiting", 2).set("groups.0.totals.running", 0),
                    CampaignProjection.COLLECTION);

            projection.on(new CampaignFlashStartedEvent("c-1", 0, "v-1", "fj-v-1", at(2)), startedAt);

            assertThat(find("c-1").groups().get(0).totals()).isEqualTo(totals(2, 1, 1, 0, 0, 0, 0));
        }

        @Test
        void eachVehicleKeepsItsJobAndWhereItIs() {
            create(false);
            startCampaign();
            flashStarted(0, "v-1", 2);
            projection.on(new CampaignVehicleOutcomeRecordedEvent("c-1", 0, "v-1", null,
                    CampaignVehicleOutcome.FAILED, "rolled back", at(3)), sequence++);

            assertThat(mongo.template().findById("c-1/v-1", CampaignVehicleDocument.class,
                    CampaignProjection.VEHICLES)).isEqualTo(new CampaignVehicleDocument("c-1/v-1", "c-1", "v-1", 0,
                            "fj-v-1", VehicleState.FAILED, VehicleState.RUNNING, sequence - 1));
        }
    }

    @Nested
    class List_ {

        @BeforeEach
        void createThree() {
            projection.on(created("c-1", "Spring update", false, at(1)), 0);
            projection.on(created("c-2", "Brake fix", true, at(2)), 0);
            projection.on(created("c-3", "Summer update", false, at(3)), 0);
            projection.on(new FlashCampaignStartedEvent("c-1", "operator", at(4)), 1);
        }

        private List<String> ids(CampaignStatus status, ListCriteria criteria) {
            return projection.page(new ListCampaignsQuery(status, criteria, 0, 20)).content().stream()
                    .map(CampaignView::campaignId).toList();
        }

        @Test
        void newestFirstFilteredByStatus() {
            assertThat(ids(null, ListCriteria.NONE)).containsExactly("c-3", "c-2", "c-1");
            assertThat(ids(CampaignStatus.READY, ListCriteria.NONE)).containsExactly("c-3");
            assertThat(ids(CampaignStatus.RUNNING, ListCriteria.NONE)).containsExactly("c-1");
            assertThat(ids(CampaignStatus.WAITING_FOR_APPROVAL, ListCriteria.NONE)).containsExactly("c-2");
        }

        @Test
        void theSearchMatchesTheNameIgnoringCase() {
            assertThat(ids(null, ListCriteria.searching("UPDATE"))).containsExactly("c-3", "c-1");
        }

        @Test
        void pagesSortAndCount() {
            PageResult<CampaignView> page = projection.page(new ListCampaignsQuery(null,
                    new ListCriteria(null, null, null, "name", false), 1, 2));

            assertThat(page.content()).extracting(CampaignView::campaignId).containsExactly("c-3");
            assertThat(page.totalElements()).isEqualTo(3);
        }

        @Test
        void theReadApiFindsPagesAndStreamsThroughTheQueryBus() {
            SimpleQueryBus bus = SimpleQueryBus.builder().build();
            new AnnotationQueryHandlerAdapter<>(projection).subscribe(bus);
            QueryGateway gateway = DefaultQueryGateway.builder().queryBus(bus).build();

            PageResult<CampaignView> page = Pages.queryPage(gateway,
                    new ListCampaignsQuery(CampaignStatus.RUNNING, ListCriteria.NONE, 0, 20));
            CampaignView one = gateway.query(new FindCampaignQuery("c-2"), CampaignView.class).join();
            List<CampaignView> all = Flux.from(gateway.streamingQuery(new ExportCampaignsQuery(
                    new ListCampaignsQuery(null, ListCriteria.NONE, 0, 20), 2), CampaignView.class)).collectList()
                    .block();

            assertThat(page.content()).extracting(CampaignView::campaignId).containsExactly("c-1");
            assertThat(one.name()).isEqualTo("Brake fix");
            assertThat(all).extracting(CampaignView::campaignId).containsExactly("c-3", "c-2");
        }

        @Test
        void theExportStreamsWhatTheListMatchesInItsOrder() {
            List<CampaignView> rows = projection.handle(new ExportCampaignsQuery(new ListCampaignsQuery(null,
                    ListCriteria.searching("update"), 0, 1), 10)).collectList().block();

            assertThat(rows).extracting(CampaignView::campaignId).containsExactly("c-3", "c-1");
        }
    }

    @Nested
    class WatchAndReplay {

        @Test
        void watchersGetTheNewViewAfterEachChangeAndNothingForARepeat() {
            create(false);
            assertThat(projection.handle(new WatchCampaignQuery("c-1")).status()).isEqualTo(CampaignStatus.READY);
            SubscriberProbe<CampaignView> watching =
                    SubscriberProbe.subscribe(emitter, new WatchCampaignQuery("c-1"), CampaignView.class);
            SubscriberProbe<CampaignView> other =
                    SubscriberProbe.subscribe(emitter, new WatchCampaignQuery("c-2"), CampaignView.class);

            startCampaign();
            projection.on(new FlashCampaignStartedEvent("c-1", "operator", at(1)), 1);
            flashStarted(0, "v-1", 2);

            assertThat(watching.updates()).extracting(CampaignView::status, view -> view.totals().running())
                    .containsExactly(
                            tuple(CampaignStatus.RUNNING, 0),
                            tuple(CampaignStatus.RUNNING, 0),
                            tuple(CampaignStatus.RUNNING, 1));
            assertThat(other.updates()).isEmpty();
        }

        @Test
        void aResetEmptiesTheCampaignsAndAReplayWritesThemAgain() {
            create(false);
            startCampaign();

            flashStarted(0, "v-1", 2);

            projection.reset();
            assertThat(find("c-1")).isNull();
            assertThat(mongo.template().count(new Query(), CampaignProjection.VEHICLES)).isZero();

            sequence = 0;
            create(false);
            startCampaign();
            flashStarted(0, "v-1", 2);
            assertThat(find("c-1").status()).isEqualTo(CampaignStatus.RUNNING);
            assertThat(find("c-1").totals().running()).isEqualTo(1);
        }
    }
}
