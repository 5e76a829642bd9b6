package io.axle.gateway.simulator;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.axle.api.run.FailRunCommand;
import io.axle.api.run.RunCompletedEvent;
import io.axle.api.run.RunFailedEvent;
import io.axle.api.run.RunInterruptedEvent;
import io.axle.api.run.RunStartedEvent;
import io.axle.gateway.mqtt.BrokerEndpoint;
import io.axle.gateway.registry.RunState;
import io.axle.gateway.registry.RunStates;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Simulates the sensors of runs started with {@code simulate} in their params ({@link SimulationPlan}). A tracking
 * processor ({@value #PROCESSING_GROUP}) so that exactly one node simulates a run; a run whose planned end has passed,
 * or that no longer runs, is not simulated (a processor catching up must not revive old runs). The sensors stop when
 * the run ends or its duration is over. When they cannot reach the broker the run is failed with
 * {@link FailRunCommand}.
 */
@Component
@ProcessingGroup(RunSimulator.PROCESSING_GROUP)
@DisallowReplay
public class RunSimulator implements SmartLifecycle {

    public static final String PROCESSING_GROUP = "run-simulator";
    private static final Logger log = LoggerFactory.getLogger(RunSimulator.class);

    private final ObjectProvider<BrokerEndpoint> broker;
    private final RunStates runs;
    private final CommandGateway commands;
    private final ObjectMapper objectMapper;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Map<String, Simulation> simulations = new ConcurrentHashMap<>();
    private volatile boolean running;

    @Autowired
    public RunSimulator(ObjectProvider<BrokerEndpoint> broker, RunStates runs, CommandGateway commands,
                        ObjectMapper objectMapper) {
        this(broker, runs, commands, objectMapper, Clock.systemUTC());
    }

    RunSimulator(ObjectProvider<BrokerEndpoint> broker, RunStates runs, CommandGateway commands,
                 ObjectMapper objectMapper, Clock clock) {
        this.broker = broker;
        this.runs = runs;
        this.commands = commands;
        this.objectMapper = objectMapper;
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "axle-simulator");
            thread.setDaemon(true);
            return thread;
        });
    }

    @EventHandler
    void on(RunStartedEvent event) {
        SimulationPlan plan = SimulationPlan.of(event.params()).orElse(null);
        if (plan == null || simulations.containsKey(event.runId())) {
            return;
        }
        Instant endsAt = event.startedAt().plusSeconds(event.duration());
        if (!endsAt.isAfter(clock.instant()) || runs.stateOf(event.runId()) != RunState.RUNNING) {
            return;
        }
        BrokerEndpoint endpoint = broker.getIfAvailable();
        if (endpoint == null) {
            fail(event.runId(), "Simulated sensors have no MQTT broker: enable the in-process broker "
                    + "(axle.mqtt.embedded.enabled) or configure axle.mqtt.external.uri");
            return;
        }
        Simulation simulation = new Simulation(event.runId(), plan, event.interval(), endsAt, endpoint, scheduler,
                objectMapper, clock, ended -> simulations.remove(ended.runId(), ended));
        simulations.put(event.runId(), simulation);
        simulation.start().whenComplete((done, failure) -> {
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                fail(event.runId(), "Simulated sensors could not connect to the MQTT broker at " + endpoint + ": "
                        + cause.getMessage());
            }
        });
    }

    @EventHandler
    void on(RunCompletedEvent event) {
        stop(event.runId(), "the run completed");
    }

    @EventHandler
    void on(RunInterruptedEvent event) {
        stop(event.runId(), "the run was interrupted");
    }

    @EventHandler
    void on(RunFailedEvent event) {
        stop(event.runId(), "the run failed");
    }

    /** The runs being simulated on this node. */
    public List<String> simulatedRuns() {
        return List.copyOf(simulations.keySet());
    }

    private void stop(String runId, String why) {
        Simulation simulation = simulations.get(runId);
        if (simulation != null) {
            simulation.stop(why);
        }
    }

    private void fail(String runId, String reason) {
        log.warn("Failing run {}: {}", runId, reason);
        commands.send(new FailRunCommand(runId, reason)).whenComplete((result, failure) -> {
            if (failure != null) {
                log.warn("Run {} could not be failed: {}", runId, failure.getMessage());
            }
        });
    }

    @Override
    public void start() {
        running = true;
    }

    /** Disconnects every simulated sensor before the broker they talk to stops. */
    @Override
    public void stop() {
        running = false;
        List.copyOf(simulations.values()).forEach(simulation -> simulation.stop("the node is stopping"));
        scheduler.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return -900;
    }
}
