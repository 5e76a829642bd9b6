package io.axle.saga.run;

import static com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY;
import static com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE;

import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.axle.api.common.Refusal;
import io.axle.api.run.FinishRunCommand;
import io.axle.api.run.ReleaseRunSlotCommand;
import io.axle.api.run.RunCompletedEvent;
import io.axle.api.run.RunFailedEvent;
import io.axle.api.run.RunInterruptedEvent;
import io.axle.api.run.RunSlotReleasedEvent;
import io.axle.api.run.RunSlots;
import io.axle.api.run.RunStartedEvent;
import io.axle.platform.messaging.Refusals;
import io.axle.saga.Backoff;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Follows one simulation run from its start until its slot is free again.
 *
 * <p>The {@value #DURATION_DEADLINE} deadline, at {@code startedAt + duration}, finishes the run ("duration
 * elapsed"); it is scheduled again {@link #FINISH_RETRY} later in case that finish is lost. A refusal because the run
 * ended meanwhile (a finish or interrupt won the race) is expected and ignored: its end event follows.
 *
 * <p>When the run ends (completed, interrupted or failed) the saga cancels that deadline and asks the RunSlots
 * aggregate to release the run's slot. A lost release would shrink the cluster's capacity for good, so the saga waits
 * for the {@link RunSlotReleasedEvent} and sends the release again on the {@value #RELEASE_DEADLINE} deadline, from
 * {@link #RELEASE_RETRY_FIRST} doubling up to {@link #RELEASE_RETRY_MAX}; releasing is idempotent. After
 * {@value #RELEASE_ATTEMPTS} attempts it logs what to do and ends.
 *
 * <p>The saga state is the run id, whether the run ended and the release attempts so far; it is serialised with
 * Jackson.
 */
@Saga
@JsonAutoDetect(fieldVisibility = ANY, getterVisibility = NONE, isGetterVisibility = NONE, setterVisibility = NONE)
public class RunLifecycleSaga {

    /** Deadline that finishes the run when its duration is over. */
    static final String DURATION_DEADLINE = "run-duration";
    /** Deadline that sends the release of the slot again until the slot is seen released. */
    static final String RELEASE_DEADLINE = "run-slot-release";
    /** Reason given to the run finished by its deadline. */
    static final String DURATION_ELAPSED = "duration elapsed";
    /** Rule of the refusal a run answers once it ended. */
    private static final String NOT_RUNNING = "run-not-running";

    static final Duration FINISH_RETRY = Duration.ofMinutes(1);
    static final Duration RELEASE_RETRY_FIRST = Duration.ofSeconds(30);
    static final Duration RELEASE_RETRY_MAX = Duration.ofMinutes(5);
    static final int RELEASE_ATTEMPTS = 20;

    private static final Logger log = LoggerFactory.getLogger(RunLifecycleSaga.class);

    @Autowired
    private transient CommandGateway commandGateway;
    @Autowired
    private transient DeadlineManager deadlineManager;

    private String runId;
    private boolean ended;
    private int releaseAttempts;

    @StartSaga
    @SagaEventHandler(associationProperty = "runId")
    void on(RunStartedEvent event) {
        runId = event.runId();
        deadlineManager.schedule(event.startedAt().plusSeconds(event.duration()), DURATION_DEADLINE);
    }

    @DeadlineHandler(deadlineName = DURATION_DEADLINE)
    void onDurationElapsed() {
        if (ended) {
            return;
        }
        String run = runId;
        commandGateway.send(new FinishRunCommand(runId, DURATION_ELAPSED)).whenComplete((result, failure) -> {
            if (failure == null) {
                return;
            }
            if (endedMeanwhile(failure)) {
                log.debug("Run {} had already ended when its duration was over", run);
            } else {
                log.warn("Run {}: finishing it after its duration failed: {}. Trying again in {}.", run,
                        failure.getMessage(), FINISH_RETRY);
            }
        });
        deadlineManager.schedule(FINISH_RETRY, DURATION_DEADLINE);
    }

    @SagaEventHandler(associationProperty = "runId")
    void on(RunCompletedEvent event) {
        runEnded();
    }

    @SagaEventHandler(associationProperty = "runId")
    void on(RunInterruptedEvent event) {
        runEnded();
    }

    @SagaEventHandler(associationProperty = "runId")
    void on(RunFailedEvent event) {
        runEnded();
    }

    @SagaEventHandler(associationProperty = "runId")
    void on(RunSlotReleasedEvent event) {
        deadlineManager.cancelAllWithinScope(DURATION_DEADLINE);
        deadlineManager.cancelAllWithinScope(RELEASE_DEADLINE);
        SagaLifecycle.end();
    }

    @DeadlineHandler(deadlineName = RELEASE_DEADLINE)
    void onReleaseNotSeen() {
        if (releaseAttempts >= RELEASE_ATTEMPTS) {
            log.error("Run {}: its slot was not seen released after {} attempts; giving up. If the run still holds "
                    + "a slot, send ReleaseRunSlotCommand({}, {}) again.", runId, releaseAttempts, RunSlots.ID, runId);
            SagaLifecycle.end();
            return;
        }
        log.warn("Run {}: its slot is not released yet; asking again (attempt {})", runId, releaseAttempts + 1);
        releaseSlot();
    }

    private void runEnded() {
        if (ended) {
            return;
        }
        ended = true;
        deadlineManager.cancelAllWithinScope(DURATION_DEADLINE);
        releaseSlot();
    }

    private void releaseSlot() {
        releaseAttempts++;
        String run = runId;
        commandGateway.send(new ReleaseRunSlotCommand(RunSlots.ID, runId)).whenComplete((result, failure) -> {
            if (failure != null) {
                log.warn("Run {}: releasing its slot failed: {}. It is sent again later.", run, failure.getMessage());
            }
        });
        deadlineManager.schedule(releaseRetryDelay(releaseAttempts), RELEASE_DEADLINE);
    }

    /** The wait after the given attempt: the first retry delay, doubled per attempt, at most the maximum. */
    static Duration releaseRetryDelay(int attempt) {
        return Backoff.doubling(RELEASE_RETRY_FIRST, RELEASE_RETRY_MAX, attempt);
    }

    /** Whether the finish was refused because the run is no longer running (details as sent, or as a map remotely). */
    static boolean endedMeanwhile(Throwable failure) {
        Refusal refusal = Refusals.of(failure);
        return refusal != null && NOT_RUNNING.equals(refusal.rule());
    }
}
