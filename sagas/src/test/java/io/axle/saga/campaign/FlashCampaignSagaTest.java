package io.axle.saga.campaign;

import static io.axle.saga.campaign.FlashCampaignSaga.ANSWER;
import static io.axle.saga.campaign.FlashCampaignSaga.COMMAND_RETRY;
import static io.axle.saga.campaign.FlashCampaignSaga.WAIT_RETRY;
import static io.axle.saga.campaign.FlashCampaignSaga.flashJobIdOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.axle.api.campaign.CampaignFlashStartedEvent;
import io.axle.api.campaign.CampaignGroupStartedEvent;
import io.axle.api.campaign.CampaignTarget;
import io.axle.api.campaign.CampaignVehicleOutcome;
import io.axle.api.campaign.CampaignVehicleOutcomeRecordedEvent;
import io.axle.api.campaign.FlashCampaignCreatedEvent;
import io.axle.api.campaign.FlashCampaignFinishedEvent;
import io.axle.api.campaign.FlashCampaignPausedEvent;
import io.axle.api.campaign.FlashCampaignResumedEvent;
import io.axle.api.campaign.FlashCampaignStartedEvent;
import io.axle.api.campaign.FlashCampaignStoppedEvent;
import io.axle.api.campaign.RecordCampaignFlashStartedCommand;
import io.axle.api.campaign.RecordCampaignVehicleOutcomeCommand;
import io.axle.api.campaign.StartCampaignFlashCommand;
import io.axle.api.common.Refusal;
import io.axle.api.flash.CancelFlashJobCommand;
import io.axle.api.flash.FlashJobAbortedEvent;
import io.axle.api.flash.FlashJobCancelledEvent;
import io.axle.api.flash.FlashJobCompletedEvent;
import io.axle.api.flash.FlashJobFailedEvent;
import io.axle.api.flash.FlashJobRequestedEvent;
import io.axle.api.flash.FlashJobRolledBackEvent;
import org.axonframework.commandhandling.CommandExecutionException;
import io.axle.saga.campaign.FlashCampaignSaga.Answer;
import io.axle.saga.campaign.FlashCampaignSaga.Kind;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.AssociationValues;
import org.axonframework.modelling.saga.AssociationValuesImpl;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.SimpleResourceInjector;
import org.axonframework.test.saga.ContinuedGivenState;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FlashCampaignSagaTest {

    private static final String CAMPAIGN = "campaign-1";
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final Duration CAMPAIGN_LENGTH = Duration.ofSeconds(45);
    private static final Duration RETRY = CampaignProperties.DEFAULT_RETRY;
    private static final Duration COMMAND_RETRY_FIRST = CampaignProperties.DEFAULT_COMMAND_RETRY;

    private static final FlashCampaignCreatedEvent CREATED = new FlashCampaignCreatedEvent(CAMPAIGN, "winter update",
            "firmware-7", "engine", "2.1.0", new CampaignTarget("Volvo", null, null, null, null),
            List.of(List.of("v-1", "v-2", "v-3")), 80, 20, false, T0.plus(CAMPAIGN_LENGTH), "alice", T0);

    private SagaTestFixture<FlashCampaignSaga> fixture;
    /** What the command side answers: a failure per vehicle's start, or per command type; accepted otherwise. */
    private final Map<String, RuntimeException> startFailures = new HashMap<>();
    private final Map<Class<?>, RuntimeException> commandFailures = new HashMap<>();

    @BeforeEach
    void setUp() {
        fixture = fixtureWith(CampaignProperties.defaults());
    }

    private SagaTestFixture<FlashCampaignSaga> fixtureWith(CampaignProperties properties) {
        SagaTestFixture<FlashCampaignSaga> created = new SagaTestFixture<>(FlashCampaignSaga.class);
        created.registerCommandGateway(CommandGateway.class);
        created.registerResource(properties);
        created.setCallbackBehavior((payload, metaData) -> {
            RuntimeException failure = payload instanceof StartCampaignFlashCommand start
                    ? startFailures.get(start.vehicleId()) : commandFailures.get(payload.getClass());
            if (failure != null) {
                throw failure;
            }
            return null;
        });
        return created;
    }

    private static RuntimeException refusal(String rule, String detail) {
        return new CommandExecutionException(detail, null, new Refusal(409, "vehicleId", rule, detail));
    }

    private static String job(String vehicleId) {
        return flashJobIdOf(CAMPAIGN, vehicleId);
    }

    private static CampaignGroupStartedEvent group(int group, String... vehicleIds) {
        return new CampaignGroupStartedEvent(CAMPAIGN, group, List.of(vehicleIds), "firmware-7", "engine", T0);
    }

    private static StartCampaignFlashCommand start(String vehicleId) {
        return new StartCampaignFlashCommand(CAMPAIGN, vehicleId, "engine", "firmware-7", job(vehicleId), "alice");
    }

    private static FlashJobRequestedEvent requested(String vehicleId) {
        return new FlashJobRequestedEvent(job(vehicleId), vehicleId, "dongle-" + vehicleId, "engine", "firmware-7",
                "2.0.3", "2.1.0", "ab12", 4096, CAMPAIGN, "alice", T0);
    }

    private static RecordCampaignFlashStartedCommand recordStarted(String vehicleId) {
        return new RecordCampaignFlashStartedCommand(CAMPAIGN, vehicleId, job(vehicleId));
    }

    private static RecordCampaignVehicleOutcomeCommand outcome(String vehicleId, boolean withJob,
                                                               CampaignVehicleOutcome outcome, String reason) {
        return new RecordCampaignVehicleOutcomeCommand(CAMPAIGN, vehicleId, withJob ? job(vehicleId) : null, outcome,
                reason);
    }

    private static FlashJobCompletedEvent completed(String vehicleId) {
        return new FlashJobCompletedEvent(job(vehicleId), vehicleId, "engine", "firmware-7", "2.0.3", "2.1.0",
                CAMPAIGN, T0.plusSeconds(5));
    }

    private static FlashJobRolledBackEvent rolledBack(String vehicleId) {
        return new FlashJobRolledBackEvent(job(vehicleId), vehicleId, "engine", "2.0.3", "VERIFY failed: checksum",
                CAMPAIGN, T0.plusSeconds(5));
    }

    private static FlashCampaignStoppedEvent stopped() {
        return new FlashCampaignStoppedEvent(CAMPAIGN, "wrong image", "bob", T0.plusSeconds(3));
    }

    private static CancelFlashJobCommand cancel(String vehicleId) {
        return new CancelFlashJobCommand(job(vehicleId), "campaign stopped: wrong image", "bob");
    }

    /** The campaign created and started; {@code vehicleIds} are the first group's. */
    private ContinuedGivenState givenGroup(String... vehicleIds) {
        return fixture.givenCurrentTime(T0)
                      .andThenAPublished(CREATED)
                      .andThenAPublished(new FlashCampaignStartedEvent(CAMPAIGN, "alice", T0))
                      .andThenAPublished(group(0, vehicleIds));
    }

    /** As {@link #givenGroup}, with at most {@code parallelStarts} starts awaiting their answer. */
    private ContinuedGivenState givenGroupStartingAtMost(int parallelStarts, String... vehicleIds) {
        fixture = fixtureWith(new CampaignProperties(parallelStarts, null, null));
        return givenGroup(vehicleIds);
    }

    @Nested
    class Start {

        @Test
        void aCreatedCampaignWaitsForItsDeadline() {
            fixture.givenCurrentTime(T0)
                   .whenPublishingA(CREATED)
                   .expectActiveSagas(1)
                   .expectAssociationWith("campaignId", CAMPAIGN)
                   .expectNoDispatchedCommands()
                   .expectScheduledDeadlineWithName(T0.plus(CAMPAIGN_LENGTH), FlashCampaignSaga.CAMPAIGN_DEADLINE);
        }

        @Test
        void aStartedGroupStartsItsVehiclesUpToTheParallelLimit() {
            fixture = fixtureWith(new CampaignProperties(2, null, null));

            fixture.givenCurrentTime(T0)
                   .andThenAPublished(CREATED)
                   .whenPublishingA(group(0, "v-1", "v-2", "v-3"))
                   .expectDispatchedCommands(start("v-1"), start("v-2"))
                   .expectAssociationWith("flashJobId", job("v-1"))
                   .expectAssociationWith("flashJobId", job("v-2"))
                   .expectNoAssociationWith("flashJobId", job("v-3"))
                   .expectScheduledDeadlineWithName(COMMAND_RETRY_FIRST, COMMAND_RETRY);
        }

        @Test
        void eachVehicleGetsItsOwnJobIdTheSameEveryTime() {
            assertThat(flashJobIdOf(CAMPAIGN, "v-1"))
                    .isEqualTo(flashJobIdOf(CAMPAIGN, "v-1"))
                    .isNotEqualTo(flashJobIdOf(CAMPAIGN, "v-2"))
                    .isNotEqualTo(flashJobIdOf("campaign-2", "v-1"))
                    .matches("[0-9a-f-]{36}");
        }

        @Test
        void aGroupSeenBeforeTheCampaignsCreationStartsInTheCampaignsName() {
            fixture.givenNoPriorActivity()
                   .whenPublishingA(group(0, "v-1"))
                   .expectActiveSagas(1)
                   .expectDispatchedCommands(new StartCampaignFlashCommand(CAMPAIGN, "v-1", "engine", "firmware-7",
                           job("v-1"), "campaign:" + CAMPAIGN));
        }

        @Test
        void aVehicleSeenInAnEarlierGroupIsNotStartedTwice() {
            givenGroup("v-1")
                    .whenPublishingA(group(1, "v-1", "v-2"))
                    .expectDispatchedCommands(start("v-2"));
        }
    }

    @Nested
    class StartsAnswered {

        @Test
        void theJobsRequestIsRecordedAndFreesASlotForTheNextVehicle() {
            givenGroupStartingAtMost(2, "v-1", "v-2", "v-3")
                    .whenPublishingA(requested("v-1"))
                    .expectDispatchedCommands(recordStarted("v-1"), start("v-3"));
        }

        @Test
        void aRepeatedJobRequestChangesNothing() {
            givenGroup("v-1")
                    .andThenAPublished(requested("v-1"))
                    .whenPublishingA(requested("v-1"))
                    .expectNoDispatchedCommands();
        }

        @Test
        void aStartNeitherRefusedNorSeenIsSentAgainAfterTwoRounds() throws Exception {
            givenGroup("v-1")
                    .andThenTimeElapses(COMMAND_RETRY_FIRST)
                    .whenTimeElapses(COMMAND_RETRY_FIRST.multipliedBy(2))
                    .expectDispatchedCommands(start("v-1"));
        }

        @Test
        void aStartThatFailedWithoutARefusalIsSentAgainWithTheSameJob() throws Exception {
            startFailures.put("v-1", new IllegalStateException("no handler: command bus down"));

            givenGroup("v-1")
                    .whenTimeElapses(COMMAND_RETRY_FIRST)
                    .expectTriggeredDeadlinesWithName(COMMAND_RETRY)
                    .expectDispatchedCommands(start("v-1"))
                    .expectScheduledDeadlineWithName(COMMAND_RETRY_FIRST.multipliedBy(2), COMMAND_RETRY);
        }

        @Test
        void theRetryWaitGoesBackToTheFirstOnceNothingWasSentAgain() throws Exception {
            startFailures.put("v-1", new IllegalStateException("no handler: command bus down"));
            ContinuedGivenState given = givenGroup("v-1").andThenTimeElapses(COMMAND_RETRY_FIRST);
            startFailures.clear();

            given.whenTimeElapses(Duration.ofSeconds(60))
                 .expectDispatchedCommands(start("v-1"))
                 .expectScheduledDeadlineWithName(COMMAND_RETRY_FIRST, COMMAND_RETRY);
        }

        @Test
        void aRecordedStartThatFailedIsSentAgain() throws Exception {
            commandFailures.put(RecordCampaignFlashStartedCommand.class, new IllegalStateException("timeout"));

            givenGroup("v-1")
                    .andThenAPublished(requested("v-1"))
                    .whenTimeElapses(COMMAND_RETRY_FIRST)
                    .expectDispatchedCommands(recordStarted("v-1"));
        }

        @Test
        void theRecordedStartStopsItsRetry() throws Exception {
            commandFailures.put(RecordCampaignFlashStartedCommand.class, new IllegalStateException("timeout"));

            givenGroup("v-1")
                    .andThenAPublished(requested("v-1"))
                    .andThenAPublished(new CampaignFlashStartedEvent(CAMPAIGN, 0, "v-1", job("v-1"), T0))
                    .whenTimeElapses(COMMAND_RETRY_FIRST)
                    .expectNoDispatchedCommands();
        }
    }

    @Nested
    class Waiting {

        @Test
        void anOfflineVehicleWaitsForTheRetry() {
            startFailures.put("v-1", refusal("vehicle-offline", "dongle d-1 is offline"));

            fixture.givenCurrentTime(T0)
                   .andThenAPublished(CREATED)
                   .whenPublishingA(group(0, "v-1"))
                   .expectDispatchedCommands(start("v-1"))
                   .expectScheduledDeadlineWithName(RETRY, WAIT_RETRY)
                   .expectNoScheduledDeadlineWithName(COMMAND_RETRY_FIRST, COMMAND_RETRY);
        }

        @Test
        void aWaitingVehicleIsTriedAgainWithTheSameJob() throws Exception {
            for (String rule : new String[] {"vehicle-offline", "battery-low", "battery-unknown", "flash-running"}) {
                setUp();
                startFailures.put("v-1", refusal(rule, "not now"));

                givenGroup("v-1")
                        .whenTimeElapses(RETRY)
                        .expectTriggeredDeadlinesWithName(WAIT_RETRY)
                        .expectDispatchedCommands(start("v-1"))
                        .expectScheduledDeadlineWithName(RETRY, WAIT_RETRY);
            }
        }

        @Test
        void aVehicleThatComesOnlineIsStartedOnTheRetry() throws Exception {
            startFailures.put("v-1", refusal("vehicle-offline", "dongle d-1 is offline"));
            ContinuedGivenState given = givenGroup("v-1");
            startFailures.clear();

            given.andThenTimeElapses(RETRY)
                 .whenPublishingA(requested("v-1"))
                 .expectDispatchedCommands(recordStarted("v-1"));
        }

        @Test
        void aVehicleStillWaitingAtTheCampaignsDeadlineExpires() throws Exception {
            startFailures.put("v-1", refusal("vehicle-offline", "dongle d-1 is offline"));

            givenGroup("v-1")
                    .whenTimeAdvancesTo(T0.plus(CAMPAIGN_LENGTH))
                    .expectDispatchedCommands(start("v-1"), outcome("v-1", false, CampaignVehicleOutcome.EXPIRED,
                            "the campaign's deadline passed (vehicle-offline: dongle d-1 is offline)"));
        }

        @Test
        void aStartRefusedAfterTheDeadlineExpiresAtOnce() throws Exception {
            ContinuedGivenState given = givenGroup("v-1").andThenTimeAdvancesTo(T0.plus(CAMPAIGN_LENGTH));
            startFailures.put("v-1", refusal("battery-low", "battery at 11.9 V"));

            given.whenTimeAdvancesTo(T0.plusSeconds(150))
                 .expectDispatchedCommands(start("v-1"), outcome("v-1", false, CampaignVehicleOutcome.EXPIRED,
                         "the campaign's deadline passed (battery-low: battery at 11.9 V)"))
                 .expectNoScheduledDeadlineWithName(RETRY, WAIT_RETRY);
        }

        @Test
        void aGroupStartedAfterTheDeadlineExpiresAtOnce() throws Exception {
            givenGroup("v-1")
                    .andThenTimeAdvancesTo(T0.plus(CAMPAIGN_LENGTH))
                    .whenPublishingA(group(1, "v-2"))
                    .expectDispatchedCommands(outcome("v-2", false, CampaignVehicleOutcome.EXPIRED,
                            "the campaign's deadline passed"));
        }

        @Test
        void queuedVehiclesExpireAtTheDeadlineToo() throws Exception {
            givenGroupStartingAtMost(1, "v-1", "v-2")
                    .whenTimeAdvancesTo(T0.plus(CAMPAIGN_LENGTH))
                    .expectDispatchedCommands(start("v-1"), outcome("v-2", false, CampaignVehicleOutcome.EXPIRED,
                            "the campaign's deadline passed"));
        }

        @Test
        void aRefusedStartFreesItsSlotAtOnce() {
            startFailures.put("v-1", refusal("vehicle-offline", "dongle d-1 is offline"));

            givenGroupStartingAtMost(1)
                    .whenPublishingA(group(1, "v-1", "v-2"))
                    .expectDispatchedCommands(start("v-1"), start("v-2"));
        }

        @Test
        void otherRefusalsFailTheVehicleWithTheRuleAndDetail() {
            startFailures.put("v-1", refusal("version-range", "ECU runs 1.0.0, the firmware needs 2.x"));

            fixture.givenCurrentTime(T0)
                   .andThenAPublished(CREATED)
                   .whenPublishingA(group(0, "v-1"))
                   .expectDispatchedCommands(start("v-1"), outcome("v-1", false, CampaignVehicleOutcome.FAILED,
                           "version-range: ECU runs 1.0.0, the firmware needs 2.x"))
                   .expectNoScheduledDeadlineWithName(RETRY, WAIT_RETRY);
        }

        @Test
        void aVehicleTheCampaignEndedItselfIsNotTriedAgain() throws Exception {
            startFailures.put("v-1", refusal("vehicle-offline", "dongle d-1 is offline"));

            givenGroup("v-1")
                    .andThenAPublished(new CampaignVehicleOutcomeRecordedEvent(CAMPAIGN, 0, "v-1", null,
                            CampaignVehicleOutcome.EXPIRED, "deadline", T0))
                    .whenTimeElapses(RETRY)
                    .expectNoDispatchedCommands();
        }
    }

    @Nested
    class JobOutcomes {

        private ContinuedGivenState givenRunning() {
            return givenGroup("v-1").andThenAPublished(requested("v-1"));
        }

        @Test
        void aCompletedJobIsFlashed() {
            givenRunning()
                    .whenPublishingA(completed("v-1"))
                    .expectDispatchedCommands(outcome("v-1", true, CampaignVehicleOutcome.FLASHED, null));
        }

        @Test
        void aRolledBackJobFailedWithItsReason() {
            givenRunning()
                    .whenPublishingA(rolledBack("v-1"))
                    .expectDispatchedCommands(outcome("v-1", true, CampaignVehicleOutcome.FAILED,
                            "rolled back: VERIFY failed: checksum"));
        }

        @Test
        void anAbortedJobFailed() {
            givenRunning()
                    .whenPublishingA(new FlashJobAbortedEvent(job("v-1"), "v-1", "engine", "BACKUP timed out",
                            CAMPAIGN, T0))
                    .expectDispatchedCommands(outcome("v-1", true, CampaignVehicleOutcome.FAILED,
                            "aborted: BACKUP timed out"));
        }

        @Test
        void aFailedJobFailed() {
            givenRunning()
                    .whenPublishingA(new FlashJobFailedEvent(job("v-1"), "v-1", "engine", "restore failed", CAMPAIGN,
                            T0))
                    .expectDispatchedCommands(outcome("v-1", true, CampaignVehicleOutcome.FAILED,
                            "failed: restore failed"));
        }

        @Test
        void aCancelledJobIsCancelled() {
            givenRunning()
                    .whenPublishingA(new FlashJobCancelledEvent(job("v-1"), "v-1", "engine", "operator", "bob",
                            CAMPAIGN, T0))
                    .expectDispatchedCommands(outcome("v-1", true, CampaignVehicleOutcome.CANCELLED, "operator"));
        }

        @Test
        void aRepeatedEndIsRecordedOnce() {
            givenRunning()
                    .andThenAPublished(completed("v-1"))
                    .whenPublishingA(completed("v-1"))
                    .expectNoDispatchedCommands();
        }

        @Test
        void anOutcomeThatFailedIsSentAgainUntilAnswered() throws Exception {
            commandFailures.put(RecordCampaignVehicleOutcomeCommand.class, new IllegalStateException("timeout"));

            givenRunning()
                    .andThenAPublished(completed("v-1"))
                    .whenTimeElapses(COMMAND_RETRY_FIRST)
                    .expectDispatchedCommands(outcome("v-1", true, CampaignVehicleOutcome.FLASHED, null))
                    .expectScheduledDeadlineWithName(COMMAND_RETRY_FIRST.multipliedBy(2), COMMAND_RETRY);
        }

        @Test
        void anOutcomeSeenRecordedIsNotSentAgain() throws Exception {
            commandFailures.put(RecordCampaignVehicleOutcomeCommand.class, new IllegalStateException("timeout"));

            givenRunning()
                    .andThenAPublished(completed("v-1"))
                    .andThenAPublished(new CampaignVehicleOutcomeRecordedEvent(CAMPAIGN, 0, "v-1", job("v-1"),
                            CampaignVehicleOutcome.FLASHED, null, T0))
                    .whenTimeElapses(COMMAND_RETRY_FIRST)
                    .expectNoDispatchedCommands();
        }

    }

    @Nested
    class PauseAndResume {

        private final FlashCampaignPausedEvent paused =
                new FlashCampaignPausedEvent(CAMPAIGN, "3 of 10 failed", true, null, T0.plusSeconds(1));
        private final FlashCampaignResumedEvent resumed =
                new FlashCampaignResumedEvent(CAMPAIGN, "bob", T0.plusSeconds(2));

        @Test
        void aPausedCampaignStartsNothing() {
            fixture.givenCurrentTime(T0)
                   .andThenAPublished(CREATED)
                   .andThenAPublished(paused)
                   .whenPublishingA(group(1, "v-1"))
                   .expectNoDispatchedCommands();
        }

        @Test
        void aPauseKeepsTheQueueUntilTheResume() {
            givenGroupStartingAtMost(1, "v-1", "v-2")
                    .andThenAPublished(paused)
                    .andThenAPublished(requested("v-1"))
                    .whenPublishingA(resumed)
                    .expectDispatchedCommands(start("v-2"));
        }

        @Test
        void waitingVehiclesAreNotTriedWhilePaused() throws Exception {
            startFailures.put("v-1", refusal("vehicle-offline", "offline"));

            givenGroup("v-1")
                    .andThenAPublished(paused)
                    .whenTimeElapses(RETRY)
                    .expectTriggeredDeadlinesWithName(WAIT_RETRY)
                    .expectNoDispatchedCommands()
                    .expectNoScheduledDeadlineWithName(RETRY, WAIT_RETRY);
        }

        @Test
        void theResumeRestartsTheWaitingVehiclesRetry() throws Exception {
            startFailures.put("v-1", refusal("vehicle-offline", "offline"));

            givenGroup("v-1")
                    .andThenAPublished(paused)
                    .andThenTimeElapses(RETRY)
                    .whenPublishingA(resumed)
                    .expectNoDispatchedCommands()
                    .expectScheduledDeadlineWithName(RETRY, WAIT_RETRY);
        }
    }

    @Nested
    class EmergencyStop {

        @Test
        void runningJobsAreCancelledAndQueuedVehiclesRecordedCancelled() {
            givenGroupStartingAtMost(1, "v-1", "v-2", "v-3")
                    .andThenAPublished(requested("v-1"))
                    .whenPublishingA(stopped())
                    .expectDispatchedCommands(cancel("v-1"), outcome("v-3", false, CampaignVehicleOutcome.CANCELLED,
                            "campaign stopped: wrong image"))
                   .expectActiveSagas(1);
        }

        @Test
        void aJobAlreadyErasingIsLeftToFinishAndItsEndStillCounts() {
            commandFailures.put(CancelFlashJobCommand.class, new CommandExecutionException("erasing", null,
                    new Refusal(409, "status", "erase-started", "ERASE was sent")));

            givenGroup("v-1")
                    .andThenAPublished(requested("v-1"))
                    .andThenAPublished(stopped())
                    .whenPublishingA(rolledBack("v-1"))
                    .expectDispatchedCommands(outcome("v-1", true, CampaignVehicleOutcome.FAILED,
                            "rolled back: VERIFY failed: checksum"))
                    .expectActiveSagas(0);
        }

        @Test
        void theEraseStartedRefusalIsNotSentAgain() throws Exception {
            commandFailures.put(CancelFlashJobCommand.class, new CommandExecutionException("erasing", null,
                    new Refusal(409, "status", "erase-started", "ERASE was sent")));

            givenGroup("v-1")
                    .andThenAPublished(requested("v-1"))
                    .andThenAPublished(stopped())
                    .whenTimeElapses(COMMAND_RETRY_FIRST)
                    .expectNoDispatchedCommands()
                    .expectActiveSagas(1);
        }

        @Test
        void aCancelThatFailedIsSentAgain() throws Exception {
            commandFailures.put(CancelFlashJobCommand.class, new IllegalStateException("timeout"));

            givenGroup("v-1")
                    .andThenAPublished(requested("v-1"))
                    .andThenAPublished(stopped())
                    .whenTimeElapses(COMMAND_RETRY_FIRST)
                    .expectDispatchedCommands(cancel("v-1"));
        }

        @Test
        void aJobStartedAfterTheStopIsCancelled() {
            givenGroup("v-1")
                    .andThenAPublished(stopped())
                    .whenPublishingA(requested("v-1"))
                    .expectDispatchedCommands(recordStarted("v-1"), cancel("v-1"));
        }

        @Test
        void aWaitingVehicleIsRecordedCancelledAndTheSagaEnds() {
            startFailures.put("v-1", refusal("vehicle-offline", "offline"));

            givenGroup("v-1")
                    .whenPublishingA(stopped())
                    .expectDispatchedCommands(outcome("v-1", false, CampaignVehicleOutcome.CANCELLED,
                            "campaign stopped: wrong image"))
                    .expectActiveSagas(0);
        }

        @Test
        void aStartStillUnansweredAtTheStopIsNotSentAgain() throws Exception {
            givenGroup("v-1")
                    .andThenAPublished(stopped())
                    .andThenTimeElapses(COMMAND_RETRY_FIRST)
                    .whenTimeElapses(COMMAND_RETRY_FIRST.multipliedBy(2))
                    .expectDispatchedCommands(outcome("v-1", false, CampaignVehicleOutcome.CANCELLED,
                            "campaign stopped before the start of job " + job("v-1") + " was answered"));
        }

        @Test
        void nothingStartsAfterTheStop() {
            givenGroup("v-1")
                    .andThenAPublished(requested("v-1"))
                    .andThenAPublished(stopped())
                    .whenPublishingA(group(1, "v-2"))
                    .expectDispatchedCommands(outcome("v-2", false, CampaignVehicleOutcome.CANCELLED,
                            "campaign stopped: wrong image"));
        }
    }

    @Nested
    class End {

        @Test
        void theSagaEndsWhenTheCampaignFinishes() {
            givenGroup("v-1")
                    .andThenAPublished(requested("v-1"))
                    .andThenAPublished(completed("v-1"))
                    .whenPublishingA(new FlashCampaignFinishedEvent(CAMPAIGN, 1, 1, 0, 0, 0, T0.plusSeconds(9)))
                    .expectActiveSagas(0)
                    .expectNoDispatchedCommands()
                    .expectNoScheduledDeadlines();
        }

        /** Two jobs running when the campaign stopped; the first then cancelled, the second still running. */
        private ContinuedGivenState givenStoppedWithOneJobCancelled() {
            return givenGroup("v-1", "v-2")
                    .andThenAPublished(requested("v-1"))
                    .andThenAPublished(requested("v-2"))
                    .andThenAPublished(stopped())
                    .andThenAPublished(new FlashJobCancelledEvent(job("v-1"), "v-1", "engine",
                            "campaign stopped: wrong image", "bob", CAMPAIGN, T0));
        }

        @Test
        void aStoppedCampaignEndsOnceEveryJobEnded() {
            givenStoppedWithOneJobCancelled()
                    .whenPublishingA(completed("v-2"))
                    .expectDispatchedCommands(outcome("v-2", true, CampaignVehicleOutcome.FLASHED, null))
                    .expectActiveSagas(0);
        }

        @Test
        void aStoppedCampaignWithAJobStillRunningLivesOn() throws Exception {
            givenStoppedWithOneJobCancelled()
                    .whenTimeElapses(COMMAND_RETRY_FIRST)
                    .expectNoDispatchedCommands()
                    .expectActiveSagas(1);
        }
    }

    /** Answers that come back after their handler ended (Axon Server) return to the saga's scope as a deadline. */
    @Nested
    class LateAnswers {

        private final DeadlineManager deadlines = mock(DeadlineManager.class);
        private final CompletableFuture<Object> pending = new CompletableFuture<>();
        private final InScope scope = new InScope();
        private final Answer offline = new Answer(Kind.START, "v-1", job("v-1"), "vehicle-offline", "offline",
                "vehicle-offline: offline");
        private FlashCampaignSaga saga;

        @BeforeEach
        void startAVehicleWhoseAnswerIsPending() {
            CommandGateway gateway = mock(CommandGateway.class);
            when(gateway.send(any())).thenReturn(pending);
            saga = new FlashCampaignSaga();
            new SimpleResourceInjector(gateway, deadlines).injectResources(saga);
            scope.run(() -> {
                saga.on(CREATED);
                saga.on(group(0, "v-1"));
            });
        }

        @Test
        void aRefusalComingLaterIsHandedBackToTheSagasScope() {
            verify(deadlines, never()).schedule(any(Instant.class), eq(ANSWER), any(), any(ScopeDescriptor.class));

            pending.completeExceptionally(refusal("vehicle-offline", "offline"));

            verify(deadlines).schedule(any(Instant.class), eq(ANSWER), eq(offline), eq(scope.describeScope()));
        }

        @Test
        void theHandedBackRefusalMakesTheVehicleWait() {
            scope.run(() -> saga.onLateAnswer(offline));

            verify(deadlines).schedule(RETRY, WAIT_RETRY);
        }

        @Test
        void aLateAnswerAboutAnotherJobChangesNothing() {
            scope.run(() -> saga.onLateAnswer(new Answer(Kind.START, "v-1", "another-job", "vehicle-offline",
                    "offline", "vehicle-offline: offline")));

            verify(deadlines, never()).schedule(RETRY, WAIT_RETRY);
        }
    }

    /** A saga's scope as Axon opens it around each handler, for the saga used outside the fixture. */
    static final class InScope extends SagaLifecycle {

        private final AssociationValues associations = new AssociationValuesImpl();

        void run(Runnable task) {
            execute(task);
        }

        @Override
        protected void doEnd() {
        }

        @Override
        protected void doRemoveAssociation(AssociationValue value) {
            associations.remove(value);
        }

        @Override
        protected void doAssociateWith(AssociationValue value) {
            associations.add(value);
        }

        @Override
        protected AssociationValues getAssociationValues() {
            return associations;
        }

        @Override
        protected String type() {
            return "FlashCampaignSaga";
        }

        @Override
        protected String getSagaIdentifier() {
            return "saga-1";
        }
    }
}
