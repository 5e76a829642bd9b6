package io.axle.gateway.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.axle.api.run.FailRunCommand;
import io.axle.api.run.RunStartedEvent;
import io.axle.gateway.mqtt.BrokerEndpoint;
import io.axle.gateway.registry.RunState;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** The simulator's decisions that need no broker: which runs it leaves alone and when it fails a run. */
class RunSimulatorTest {

    private final CommandGateway commands = mock(CommandGateway.class);
    private RunSimulator simulator;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.stop();
        }
    }

    private RunSimulator simulator(BrokerEndpoint endpoint, RunState state) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        if (endpoint != null) {
            beans.addBean("endpoint", endpoint);
        }
        ObjectProvider<BrokerEndpoint> provider = beans.getBeanProvider(BrokerEndpoint.class);
        when(commands.send(any())).thenReturn(CompletableFuture.completedFuture(null));
        simulator = new RunSimulator(provider, runId -> state, commands, new ObjectMapper());
        simulator.start();
        return simulator;
    }

    private static RunStartedEvent started(String runId, Instant at, int duration, Map<String, Object> params) {
        return new RunStartedEvent(runId, "tester", at, duration, 1, params);
    }

    @Test
    void sensorsThatCannotReachTheBrokerFailTheRun() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        RunSimulator simulator = simulator(new BrokerEndpoint("127.0.0.1", closedPort, false, "u", "p"),
                RunState.RUNNING);

        simulator.on(started("run-1", Instant.now(), 60, Map.of("simulate", true)));

        ArgumentCaptor<FailRunCommand> failed = ArgumentCaptor.forClass(FailRunCommand.class);
        verify(commands, timeout(15_000)).send(failed.capture());
        assertThat(failed.getValue().runId()).isEqualTo("run-1");
        assertThat(failed.getValue().reason()).contains("could not connect").contains(":" + closedPort);
        await().atMost(Duration.ofSeconds(5)).until(() -> simulator.simulatedRuns().isEmpty());
    }

    @Test
    void withoutAnyBrokerARunToSimulateFails() {
        RunSimulator simulator = simulator(null, RunState.RUNNING);

        simulator.on(started("run-2", Instant.now(), 60, Map.of("simulate", 2)));

        verify(commands).send(new FailRunCommand("run-2", "Simulated sensors have no MQTT broker: enable the "
                + "in-process broker (axle.mqtt.embedded.enabled) or configure axle.mqtt.external.uri"));
    }

    @Test
    void aRunWhosePlannedEndHasPassedIsNotRevived() {
        RunSimulator simulator = simulator(null, RunState.RUNNING);

        simulator.on(started("old", Instant.now().minusSeconds(120), 60, Map.of("simulate", true)));

        verify(commands, never()).send(any());
        assertThat(simulator.simulatedRuns()).isEmpty();
    }

    @Test
    void aRunThatNoLongerRunsIsNotSimulated() {
        RunSimulator simulator = simulator(null, RunState.ENDED);

        simulator.on(started("ended", Instant.now(), 60, Map.of("simulate", true)));

        verify(commands, never()).send(any());
    }

    @Test
    void aRunWithoutSimulateIsLeftToItsDevices() {
        RunSimulator simulator = simulator(null, RunState.RUNNING);

        simulator.on(started("plain", Instant.now(), 60, Map.of("note", "devices only")));

        verify(commands, never()).send(any());
    }
}
