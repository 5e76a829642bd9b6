package io.axle.command.campaign;

import io.axle.api.campaign.ApproveFlashCampaignCommand;
import io.axle.api.campaign.CampaignFlashStartedEvent;
import io.axle.api.campaign.CampaignGroupFinishedEvent;
import io.axle.api.campaign.CampaignGroupStartedEvent;
import io.axle.api.campaign.CampaignTarget;
import io.axle.api.campaign.CampaignVehicleOutcome;
import io.axle.api.campaign.CampaignVehicleOutcomeRecordedEvent;
import io.axle.api.campaign.CreateFlashCampaignCommand;
import io.axle.api.campaign.FlashCampaignApprovedEvent;
import io.axle.api.campaign.FlashCampaignCreatedEvent;
import io.axle.api.campaign.FlashCampaignFinishedEvent;
import io.axle.api.campaign.FlashCampaignPausedEvent;
import io.axle.api.campaign.FlashCampaignResumedEvent;
import io.axle.api.campaign.FlashCampaignStartedEvent;
import io.axle.api.campaign.FlashCampaignStoppedEvent;
import io.axle.api.campaign.PauseFlashCampaignCommand;
import io.axle.api.campaign.RecordCampaignFlashStartedCommand;
import io.axle.api.campaign.RecordCampaignVehicleOutcomeCommand;
import io.axle.api.campaign.ResumeFlashCampaignCommand;
import io.axle.api.campaign.StartFlashCampaignCommand;
import io.axle.api.campaign.StopFlashCampaignCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.axle.api.campaign.CampaignVehicleOutcome.CANCELLED;
import static io.axle.api.campaign.CampaignVehicleOutcome.EXPIRED;
import static io.axle.api.campaign.CampaignVehicleOutcome.FAILED;
import static io.axle.api.campaign.CampaignVehicleOutcome.FLASHED;
import static io.axle.command.RefusalMatchers.refusal;
import static org.assertj.core.api.Assertions.assertThat;

class FlashCampaignTest {

    private static final String CAMPAIGN = "campaign-1";
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final CampaignTarget TARGET = new CampaignTarget("Buick", null, 2004, 2006, null);
    /** Three groups: 4, 2 and 2 vehicles. */
    private static final List<List<String>> GROUPS = List.of(List.of("a", "b", "c", "d"), List.of("e", "f"),
            List.of("g", "h"));

    private AggregateTestFixture<FlashCampaign> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(FlashCampaign.class);
    }

    private Instant deadline() {
        return fixture.currentTime().plus(Duration.ofDays(7));
    }

    private CreateFlashCampaignCommand create(String name, List<List<String>> groups, int successPct, int errorPct,
                                              boolean requiresApproval, Instant deadline) {
        return new CreateFlashCampaignCommand(CAMPAIGN, name, "fw-15", "engine", "1.5.0", TARGET, groups,
                successPct, errorPct, requiresApproval, deadline, "alice");
    }

    private CreateFlashCampaignCommand create() {
        return create("Engine 1.5.0", GROUPS, 50, 50, false, deadline());
    }

    private static FlashCampaignCreatedEvent created(List<List<String>> groups, int successPct, int errorPct,
                                                     boolean requiresApproval) {
        return new FlashCampaignCreatedEvent(CAMPAIGN, "Engine 1.5.0", "fw-15", "engine", "1.5.0", TARGET, groups,
                successPct, errorPct, requiresApproval, T0.plus(Duration.ofDays(7)), "alice", T0);
    }

    private static final FlashCampaignCreatedEvent CREATED = created(GROUPS, 50, 50, false);
    private static final FlashCampaignCreatedEvent CREATED_FOR_APPROVAL = created(GROUPS, 50, 50, true);

    private static CampaignGroupStartedEvent groupStarted(int group, Instant at) {
        return new CampaignGroupStartedEvent(CAMPAIGN, group, GROUPS.get(group), "fw-15", "engine", at);
    }

    /** A created and started campaign with its first group running, then {@code more}. */
    private static List<Object> running(Object... more) {
        List<Object> events = new ArrayList<>(List.of(CREATED, new FlashCampaignStartedEvent(CAMPAIGN, "tom", T0),
                groupStarted(0, T0)));
        events.addAll(Arrays.asList(more));
        return events;
    }

    private static CampaignVehicleOutcomeRecordedEvent ended(String vehicleId, CampaignVehicleOutcome outcome) {
        return ended(vehicleId, outcome, T0);
    }

    private static CampaignVehicleOutcomeRecordedEvent ended(String vehicleId, CampaignVehicleOutcome outcome,
                                                             Instant at) {
        int group = GROUPS.get(0).contains(vehicleId) ? 0 : GROUPS.get(1).contains(vehicleId) ? 1 : 2;
        return new CampaignVehicleOutcomeRecordedEvent(CAMPAIGN, group, vehicleId, "job-" + vehicleId, outcome,
                outcome == FLASHED ? null : "why", at);
    }

    private static RecordCampaignVehicleOutcomeCommand outcome(String vehicleId, CampaignVehicleOutcome outcome) {
        return new RecordCampaignVehicleOutcomeCommand(CAMPAIGN, vehicleId, "job-" + vehicleId, outcome,
                outcome == FLASHED ? null : "why");
    }

    private static final FlashCampaignPausedEvent PAUSED = new FlashCampaignPausedEvent(CAMPAIGN, "look", false,
            "tom", T0);
    private static final FlashCampaignStoppedEvent STOPPED = new FlashCampaignStoppedEvent(CAMPAIGN, "halt", "tom",
            T0);

    @Nested
    class Creating {

        @Test
        void aCampaignRecordsItsGroupsAndThresholds() {
            Instant deadline = deadline();
            fixture.givenNoPriorActivity()
                    .when(create("  Engine 1.5.0 ", GROUPS, 50, 50, true, deadline))
                    .expectEvents(new FlashCampaignCreatedEvent(CAMPAIGN, "Engine 1.5.0", "fw-15", "engine", "1.5.0",
                            TARGET, GROUPS, 50, 50, true, deadline, "alice", fixture.currentTime()));
        }

        @Test
        void aNameIsRequired() {
            fixture.givenNoPriorActivity()
                    .when(create(" ", GROUPS, 50, 50, false, deadline()))
                    .expectException(refusal(422, "name", "required"));
        }

        @Test
        void aNameHasAtMost200Characters() {
            fixture.givenNoPriorActivity()
                    .when(create("n".repeat(200), GROUPS, 50, 50, false, deadline()))
                    .expectSuccessfulHandlerExecution();
            fixture.givenNoPriorActivity()
                    .when(create("n".repeat(201), GROUPS, 50, 50, false, deadline()))
                    .expectException(refusal(422, "name", "max-length"));
        }

        @ParameterizedTest(name = "success {0}, error {1} → {2}")
        @CsvSource({"0,50,successThresholdPct", "101,50,successThresholdPct", "50,0,errorThresholdPct",
                "50,101,errorThresholdPct"})
        void thresholdsAreFrom1To100Percent(int successPct, int errorPct, String field) {
            fixture.givenNoPriorActivity()
                    .when(create("Engine 1.5.0", GROUPS, successPct, errorPct, false, deadline()))
                    .expectException(refusal(422, field, "percent-range"));
        }

        @Test
        void thresholdsOf1And100AreAccepted() {
            fixture.givenNoPriorActivity()
                    .when(create("Engine 1.5.0", GROUPS, 100, 1, false, deadline()))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void atLeastOneGroup() {
            fixture.givenNoPriorActivity()
                    .when(create("Engine 1.5.0", List.of(), 50, 50, false, deadline()))
                    .expectException(refusal(422, "groups", "required"));
        }

        @Test
        void noEmptyGroup() {
            fixture.givenNoPriorActivity()
                    .when(create("Engine 1.5.0", List.of(List.of("a"), List.of()), 50, 50, false, deadline()))
                    .expectException(refusal(422, "groups", "empty-group"));
        }

        @Test
        void noVehicleTwice() {
            fixture.givenNoPriorActivity()
                    .when(create("Engine 1.5.0", List.of(List.of("a", "b"), List.of("c", "a")), 50, 50, false,
                            deadline()))
                    .expectException(refusal(422, "groups", "duplicate-vehicle"));
        }

        @Test
        void theDeadlineIsInTheFuture() {
            fixture.givenNoPriorActivity()
                    .when(create("Engine 1.5.0", GROUPS, 50, 50, false, fixture.currentTime()))
                    .expectException(refusal(422, "deadline", "future"));
            fixture.givenNoPriorActivity()
                    .when(create("Engine 1.5.0", GROUPS, 50, 50, false, null))
                    .expectException(refusal(422, "deadline", "required"));
        }
    }

    @Nested
    class Approving {

        @Test
        void anotherPersonApproves() {
            fixture.given(CREATED_FOR_APPROVAL)
                    .when(new ApproveFlashCampaignCommand(CAMPAIGN, "ada"))
                    .expectEvents(new FlashCampaignApprovedEvent(CAMPAIGN, "ada", fixture.currentTime()));
        }

        @Test
        void theCreatorMayNotApprove() {
            fixture.given(CREATED_FOR_APPROVAL)
                    .when(new ApproveFlashCampaignCommand(CAMPAIGN, "alice"))
                    .expectException(refusal(403, "approvedBy", "four-eyes"));
        }

        @Test
        void onlyACampaignWaitingForApprovalIsApproved() {
            fixture.given(CREATED)
                    .when(new ApproveFlashCampaignCommand(CAMPAIGN, "ada"))
                    .expectException(refusal(409, "status", "not-waiting-for-approval"));
            fixture.given(CREATED_FOR_APPROVAL, new FlashCampaignApprovedEvent(CAMPAIGN, "ada", T0))
                    .when(new ApproveFlashCampaignCommand(CAMPAIGN, "bob"))
                    .expectException(refusal(409, "status", "not-waiting-for-approval"));
        }
    }

    @Nested
    class Starting {

        @Test
        void aReadyCampaignStartsWithItsFirstGroup() {
            fixture.given(CREATED)
                    .when(new StartFlashCampaignCommand(CAMPAIGN, "tom"))
                    .expectEvents(new FlashCampaignStartedEvent(CAMPAIGN, "tom", fixture.currentTime()),
                            groupStarted(0, fixture.currentTime()));
        }

        @Test
        void anApprovedCampaignStarts() {
            fixture.given(CREATED_FOR_APPROVAL, new FlashCampaignApprovedEvent(CAMPAIGN, "ada", T0))
                    .when(new StartFlashCampaignCommand(CAMPAIGN, "tom"))
                    .expectEvents(new FlashCampaignStartedEvent(CAMPAIGN, "tom", fixture.currentTime()),
                            groupStarted(0, fixture.currentTime()));
        }

        @Test
        void aCampaignWaitingForApprovalDoesNotStart() {
            fixture.given(CREATED_FOR_APPROVAL)
                    .when(new StartFlashCampaignCommand(CAMPAIGN, "tom"))
                    .expectException(refusal(409, "status", "not-ready"));
        }

        @Test
        void aCampaignStartsOnce() {
            fixture.given(running())
                    .when(new StartFlashCampaignCommand(CAMPAIGN, "tom"))
                    .expectException(refusal(409, "status", "not-ready"));
        }
    }

    @Nested
    class PausingResumingAndStopping {

        @Test
        void aRunningCampaignPausesByHand() {
            fixture.given(running())
                    .when(new PauseFlashCampaignCommand(CAMPAIGN, "look", "tom"))
                    .expectEvents(new FlashCampaignPausedEvent(CAMPAIGN, "look", false, "tom",
                            fixture.currentTime()));
        }

        @Test
        void aPauseWithoutReasonSaysItWasAsked() {
            fixture.given(running())
                    .when(new PauseFlashCampaignCommand(CAMPAIGN, null, "tom"))
                    .expectEvents(new FlashCampaignPausedEvent(CAMPAIGN, FlashCampaign.DEFAULT_PAUSE_REASON, false,
                            "tom", fixture.currentTime()));
        }

        @Test
        void pausingAPausedCampaignChangesNothing() {
            fixture.given(running(PAUSED))
                    .when(new PauseFlashCampaignCommand(CAMPAIGN, "again", "tom"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void onlyARunningCampaignPauses() {
            fixture.given(CREATED)
                    .when(new PauseFlashCampaignCommand(CAMPAIGN, "look", "tom"))
                    .expectException(refusal(409, "status", "not-running"));
            fixture.given(running(STOPPED))
                    .when(new PauseFlashCampaignCommand(CAMPAIGN, "look", "tom"))
                    .expectException(refusal(409, "status", "not-running"));
        }

        @Test
        void aPausedCampaignResumes() {
            fixture.given(running(PAUSED))
                    .when(new ResumeFlashCampaignCommand(CAMPAIGN, "tom"))
                    .expectEvents(new FlashCampaignResumedEvent(CAMPAIGN, "tom", fixture.currentTime()));
        }

        @Test
        void onlyAPausedCampaignResumes() {
            fixture.given(running())
                    .when(new ResumeFlashCampaignCommand(CAMPAIGN, "tom"))
                    .expectException(refusal(409, "status", "not-paused"));
            fixture.given(running(STOPPED))
                    .when(new ResumeFlashCampaignCommand(CAMPAIGN, "tom"))
                    .expectException(refusal(409, "status", "not-paused"));
        }

        @Test
        void anyCampaignNotFinishedStopsAndCancelsTheGroupsThatNeverStarted() {
            for (List<Object> history : List.of(List.<Object>of(CREATED_FOR_APPROVAL), List.<Object>of(CREATED))) {
                fixture.given(history)
                        .when(new StopFlashCampaignCommand(CAMPAIGN, "halt", "tom"))
                        .expectEvents(stoppedCancelling(0, "halt").toArray());
            }
            for (List<Object> history : List.of(running(), running(PAUSED))) {
                fixture.given(history)
                        .when(new StopFlashCampaignCommand(CAMPAIGN, "halt", "tom"))
                        .expectEvents(stoppedCancelling(1, "halt").toArray());
            }
        }

        /** The stop for {@code reason}, then every vehicle of the groups from {@code firstNotStarted} cancelled, group by group. */
        private List<Object> stoppedCancelling(int firstNotStarted, String reason) {
            Instant now = fixture.currentTime();
            List<Object> events = new ArrayList<>(List.of(new FlashCampaignStoppedEvent(CAMPAIGN, reason, "tom", now)));
            for (int group = firstNotStarted; group < GROUPS.size(); group++) {
                for (String vehicleId : GROUPS.get(group)) {
                    events.add(new CampaignVehicleOutcomeRecordedEvent(CAMPAIGN, group, vehicleId, null, CANCELLED,
                            FlashCampaign.NEVER_STARTED, now));
                }
                events.add(new CampaignGroupFinishedEvent(CAMPAIGN, group, GROUPS.get(group).size(), 0, 0, now));
            }
            return events;
        }

        @Test
        void aStopWithoutReasonIsAnEmergencyStop() {
            fixture.given(running())
                    .when(new StopFlashCampaignCommand(CAMPAIGN, " ", "tom"))
                    .expectEvents(stoppedCancelling(1, FlashCampaign.DEFAULT_STOP_REASON).toArray());
        }

        @Test
        void stoppingAStoppedCampaignChangesNothing() {
            fixture.given(running(STOPPED))
                    .when(new StopFlashCampaignCommand(CAMPAIGN, "again", "tom"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aFinishedCampaignDoesNotStop() {
            fixture.given(running(new FlashCampaignFinishedEvent(CAMPAIGN, 8, 8, 0, 0, 0, T0)))
                    .when(new StopFlashCampaignCommand(CAMPAIGN, "halt", "tom"))
                    .expectException(refusal(409, "status", "finished"));
        }
    }

    @Nested
    class RecordingFlashes {

        @Test
        void aStartedFlashIsRecordedWithItsGroup() {
            fixture.given(running())
                    .when(new RecordCampaignFlashStartedCommand(CAMPAIGN, "b", "job-b"))
                    .expectEvents(new CampaignFlashStartedEvent(CAMPAIGN, 0, "b", "job-b", fixture.currentTime()));
        }

        @Test
        void aRepeatChangesNothing() {
            fixture.given(running(new CampaignFlashStartedEvent(CAMPAIGN, 0, "b", "job-b", T0)))
                    .when(new RecordCampaignFlashStartedCommand(CAMPAIGN, "b", "job-b"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aVehicleOutsideTheCampaignIsRefused() {
            fixture.given(running())
                    .when(new RecordCampaignFlashStartedCommand(CAMPAIGN, "z", "job-z"))
                    .expectException(refusal(422, "vehicleId", "not-in-campaign"));
            fixture.given(running())
                    .when(outcome("z", FLASHED))
                    .expectException(refusal(422, "vehicleId", "not-in-campaign"));
        }

        @Test
        void anOutcomeIsRecordedOnce() {
            fixture.given(running())
                    .when(outcome("a", CANCELLED))
                    .expectEvents(ended("a", CANCELLED, fixture.currentTime()));
            fixture.given(running(ended("a", CANCELLED)))
                    .when(outcome("a", FLASHED))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void anOutcomeNeedsAnOutcome() {
            fixture.given(running())
                    .when(outcome("a", null))
                    .expectException(refusal(422, "outcome", "required"));
        }
    }

    @Nested
    class Counting {

        @Test
        void theNextGroupStartsWhenTheCurrentOneReachesTheSuccessThreshold() {
            fixture.given(running(ended("a", FLASHED)))
                    .when(outcome("b", FLASHED))
                    .expectEvents(ended("b", FLASHED, fixture.currentTime()), groupStarted(1, fixture.currentTime()));
        }

        @Test
        void belowTheSuccessThresholdTheGroupWaits() {
            fixture.given(running(ended("a", CANCELLED)))
                    .when(outcome("b", FLASHED))
                    .expectEvents(ended("b", FLASHED, fixture.currentTime()));
        }

        @Test
        void theSuccessThresholdIsRoundedUp() {
            // 50 % of 2 vehicles is 1, of 4 vehicles 2; 60 % of 4 is 2.4, so 3 vehicles.
            assertThat(FlashCampaign.percentOf(50, 2)).isEqualTo(1);
            assertThat(FlashCampaign.percentOf(60, 4)).isEqualTo(3);
            assertThat(FlashCampaign.percentOf(100, 4)).isEqualTo(4);
            assertThat(FlashCampaign.percentOf(1, 4)).isEqualTo(1);
        }

        @Test
        void aPausedCampaignStartsTheNextGroupOnResume() {
            fixture.given(running(PAUSED, ended("a", FLASHED)))
                    .when(outcome("b", FLASHED))
                    .expectEvents(ended("b", FLASHED, fixture.currentTime()));
            fixture.given(running(PAUSED, ended("a", FLASHED), ended("b", FLASHED)))
                    .when(new ResumeFlashCampaignCommand(CAMPAIGN, "tom"))
                    .expectEvents(new FlashCampaignResumedEvent(CAMPAIGN, "tom", fixture.currentTime()),
                            groupStarted(1, fixture.currentTime()));
        }

        @Test
        void aGroupWhoseVehiclesAllEndedIsFinished() {
            fixture.given(running(ended("a", FLASHED), ended("b", FLASHED), groupStarted(1, T0),
                            ended("c", FAILED)))
                    .when(outcome("d", CANCELLED))
                    .expectEvents(ended("d", CANCELLED, fixture.currentTime()),
                            new CampaignGroupFinishedEvent(CAMPAIGN, 0, 4, 2, 1, fixture.currentTime()));
        }

        @Test
        void theCurrentGroupFinishingBelowTheSuccessThresholdPausesTheCampaign() {
            fixture.given(running(ended("a", CANCELLED), ended("b", CANCELLED), ended("c", CANCELLED)))
                    .when(outcome("d", FLASHED))
                    .expectEvents(ended("d", FLASHED, fixture.currentTime()),
                            new CampaignGroupFinishedEvent(CAMPAIGN, 0, 4, 1, 0, fixture.currentTime()),
                            new FlashCampaignPausedEvent(CAMPAIGN, "group 0: 1 of 4 flashed, below 50 %", false,
                                    null, fixture.currentTime()));
        }

        @Test
        void resumingAfterAGroupFinishedBelowItsThresholdStartsTheNextGroup() {
            fixture.given(running(ended("a", CANCELLED), ended("b", CANCELLED), ended("c", CANCELLED),
                            ended("d", FLASHED), new FlashCampaignPausedEvent(CAMPAIGN, "group 0", false, null, T0)))
                    .when(new ResumeFlashCampaignCommand(CAMPAIGN, "tom"))
                    .expectEvents(new FlashCampaignResumedEvent(CAMPAIGN, "tom", fixture.currentTime()),
                            groupStarted(1, fixture.currentTime()));
        }

        @Test
        void anEarlierGroupFinishingLateDoesNotPause() {
            fixture.given(running(ended("a", FLASHED), ended("b", FLASHED), groupStarted(1, T0),
                            ended("c", CANCELLED)))
                    .when(outcome("d", CANCELLED))
                    .expectEvents(ended("d", CANCELLED, fixture.currentTime()),
                            new CampaignGroupFinishedEvent(CAMPAIGN, 0, 4, 2, 0, fixture.currentTime()));
        }

        @Test
        void errorsReachingTheErrorThresholdPauseTheCampaign() {
            // 50 % of the 4 vehicles started: the second error pauses.
            fixture.given(running())
                    .when(outcome("a", FAILED))
                    .expectEvents(ended("a", FAILED, fixture.currentTime()));
            fixture.given(running(ended("a", FAILED)))
                    .when(outcome("b", EXPIRED))
                    .expectEvents(ended("b", EXPIRED, fixture.currentTime()),
                            new FlashCampaignPausedEvent(CAMPAIGN, "2 errors among the 4 vehicles of the started "
                                    + "groups, at the error threshold of 50 %", true, null, fixture.currentTime()));
        }

        @Test
        void theErrorThresholdCountsTheVehiclesOfEveryStartedGroup() {
            // groups 0 and 1 started: 6 vehicles, 50 % is 3 errors.
            fixture.given(running(ended("a", FLASHED), ended("b", FLASHED), groupStarted(1, T0), ended("c", FAILED)))
                    .when(outcome("e", FAILED))
                    .expectEvents(ended("e", FAILED, fixture.currentTime()));
        }

        @Test
        void theErrorThresholdIsAtLeastOneError() {
            fixture.given(created(GROUPS, 50, 1, false), new FlashCampaignStartedEvent(CAMPAIGN, "tom", T0),
                            groupStarted(0, T0))
                    .when(outcome("a", FAILED))
                    .expectEvents(ended("a", FAILED, fixture.currentTime()),
                            new FlashCampaignPausedEvent(CAMPAIGN, "1 errors among the 4 vehicles of the started "
                                    + "groups, at the error threshold of 1 %", true, null, fixture.currentTime()));
        }

        @Test
        void aCancellationIsNoError() {
            fixture.given(running(ended("a", FAILED)))
                    .when(outcome("b", CANCELLED))
                    .expectEvents(ended("b", CANCELLED, fixture.currentTime()));
        }

        @Test
        void aPausedCampaignIsNotPausedAgain() {
            fixture.given(running(PAUSED, ended("a", FAILED)))
                    .when(outcome("b", FAILED))
                    .expectEvents(ended("b", FAILED, fixture.currentTime()));
        }

        @Test
        void everyVehicleWithAnOutcomeFinishesTheCampaign() {
            List<List<String>> groups = List.of(List.of("a", "b"), List.of("c"));
            fixture.given(created(groups, 50, 100, false), new FlashCampaignStartedEvent(CAMPAIGN, "tom", T0),
                            new CampaignGroupStartedEvent(CAMPAIGN, 0, groups.get(0), "fw-15", "engine", T0),
                            ended("a", FLASHED),
                            new CampaignGroupStartedEvent(CAMPAIGN, 1, groups.get(1), "fw-15", "engine", T0),
                            new CampaignVehicleOutcomeRecordedEvent(CAMPAIGN, 1, "c", null, EXPIRED, "offline", T0))
                    .when(outcome("b", FAILED))
                    .expectEvents(ended("b", FAILED, fixture.currentTime()),
                            new CampaignGroupFinishedEvent(CAMPAIGN, 0, 2, 1, 1, fixture.currentTime()),
                            new FlashCampaignFinishedEvent(CAMPAIGN, 3, 1, 1, 0, 1, fixture.currentTime()));
        }

        @Test
        void aStoppedCampaignRecordsOutcomesButStaysStopped() {
            List<List<String>> groups = List.of(List.of("a", "b"));
            fixture.given(created(groups, 50, 100, false), new FlashCampaignStartedEvent(CAMPAIGN, "tom", T0),
                            new CampaignGroupStartedEvent(CAMPAIGN, 0, groups.get(0), "fw-15", "engine", T0),
                            STOPPED, ended("a", CANCELLED))
                    .when(outcome("b", FLASHED))
                    .expectEvents(ended("b", FLASHED, fixture.currentTime()),
                            new CampaignGroupFinishedEvent(CAMPAIGN, 0, 2, 1, 0, fixture.currentTime()));
        }

        @Test
        void aStoppedCampaignStartsNoGroup() {
            fixture.given(running(STOPPED, ended("a", FLASHED)))
                    .when(outcome("b", FLASHED))
                    .expectEvents(ended("b", FLASHED, fixture.currentTime()));
        }
    }
}
