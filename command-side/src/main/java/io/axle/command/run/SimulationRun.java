package io.axle.command.run;

import io.axle.api.run.FailRunCommand;
import io.axle.api.run.FinishRunCommand;
import io.axle.api.run.InterruptRunCommand;
import io.axle.api.run.RunCompletedEvent;
import io.axle.api.run.RunFailedEvent;
import io.axle.api.run.RunInterruptedEvent;
import io.axle.api.run.RunStartedEvent;
import io.axle.api.run.RunStatus;
import io.axle.api.run.RunView;
import io.axle.command.RuleViolationException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One simulation run: RUNNING until it is finished (COMPLETED), interrupted (INTERRUPTED) or fails (FAILED). It is
 * created only by {@link RunSlots}, which holds its slot until the run's lifecycle saga gives it back.
 *
 * <p>Finishing or failing a run that already ended is refused with 409; interrupting it does nothing, so that
 * interrupt-all can be repeated safely. Handlers answer the run as a {@link RunView} without {@code grafanaUrl}.
 * Times come from Axon's event clock, which the test fixtures fix.
 */
@Aggregate
public class SimulationRun {

    static final String DEFAULT_FINISH_REASON = "finished on request";
    static final String DEFAULT_INTERRUPT_REASON = "interrupted on request";
    static final String DEFAULT_FAIL_REASON = "failed";

    @AggregateIdentifier
    private String runId;
    private String username;
    private Instant startedAt;
    private Instant finishedAt;
    private int duration;
    private int interval;
    private Map<String, Object> params;
    private String name;
    private RunStatus status;

    protected SimulationRun() {
    }

    /** Starts the run; called by {@link RunSlots} once it has claimed the run's slot. */
    SimulationRun(String runId, String username, Instant startedAt, int duration, int interval,
                  Map<String, Object> params, String name) {
        apply(new RunStartedEvent(runId, username, startedAt, duration, interval, params, name));
    }

    @CommandHandler
    RunView handle(FinishRunCommand command) {
        requireRunning("finish");
        apply(new RunCompletedEvent(runId, now(), orDefault(command.reason(), DEFAULT_FINISH_REASON)));
        return view();
    }

    @CommandHandler
    RunView handle(FailRunCommand command) {
        requireRunning("fail");
        apply(new RunFailedEvent(runId, now(), orDefault(command.reason(), DEFAULT_FAIL_REASON)));
        return view();
    }

    @CommandHandler
    RunView handle(InterruptRunCommand command) {
        if (status == RunStatus.RUNNING) {
            apply(new RunInterruptedEvent(runId, now(), orDefault(command.reason(), DEFAULT_INTERRUPT_REASON)));
        }
        return view();
    }

    private void requireRunning(String action) {
        if (status != RunStatus.RUNNING) {
            throw RuleViolationException.conflict("status", "run-not-running",
                    "cannot " + action + " run " + runId + " while it is " + status);
        }
    }

    private RunView view() {
        return new RunView(runId, username, status, startedAt, finishedAt, duration, interval, params, null, name);
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    private static String orDefault(String reason, String fallback) {
        return reason == null || reason.isBlank() ? fallback : reason.strip();
    }

    @EventSourcingHandler
    void on(RunStartedEvent event) {
        runId = event.runId();
        username = event.username();
        startedAt = event.startedAt();
        duration = event.duration();
        interval = event.interval();
        params = event.params() == null ? Map.of() : event.params();
        name = event.name();
        status = RunStatus.RUNNING;
    }

    @EventSourcingHandler
    void on(RunCompletedEvent event) {
        status = RunStatus.COMPLETED;
        finishedAt = event.finishedAt();
    }

    @EventSourcingHandler
    void on(RunInterruptedEvent event) {
        status = RunStatus.INTERRUPTED;
        finishedAt = event.finishedAt();
    }

    @EventSourcingHandler
    void on(RunFailedEvent event) {
        status = RunStatus.FAILED;
        finishedAt = event.finishedAt();
    }
}
