package io.axle.command.run;

import io.axle.command.SignedIn;
import io.axle.api.run.FinishRunCommand;
import io.axle.api.run.InterruptAllRunsCommand;
import io.axle.api.run.RunStatus;
import io.axle.api.run.RunView;
import io.axle.api.run.StartRunCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.context.SecurityContextHolder;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Who may start, finish and interrupt runs: the controller's method security as Spring enforces it. */
class RunCommandControllerSecurityTest {

    private static final RunView RUN = new RunView("r-1", "someone", RunStatus.RUNNING,
            Instant.parse("2026-03-02T09:00:00Z"), null, 60, 5, Map.of(), null);
    private static final Principal SOMEONE = () -> "someone";

    private final AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Wiring.class);
    private final RunCommandController controller = context.getBean(RunCommandController.class);
    private final MockHttpServletRequest request = new MockHttpServletRequest();
    private final RunCommandController.StartRequest start = new RunCommandController.StartRequest(60, 5, null, null);

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
        context.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADMIN", "OPERATOR", "TECHNICIAN"})
    void operatorsMayRunSimulations(String role) {
        SignedIn.as(role);

        assertThat(controller.start(start, SOMEONE, request).getStatusCode().value()).isEqualTo(201);
        assertThat(controller.finish("r-1", SOMEONE, request).getBody().id()).isEqualTo("r-1");
        assertThat(controller.interruptAll(SOMEONE).getBody().interrupted()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ANALYST", "DEVICE", "PARTNER"})
    void othersMayNot(String role) {
        SignedIn.as(role);

        assertThatThrownBy(() -> controller.start(start, SOMEONE, request)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> controller.finish("r-1", SOMEONE, request))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> controller.interruptAll(SOMEONE)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void nobodySignedInMayNot() {
        assertThatThrownBy(() -> controller.interruptAll(SOMEONE))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableMethodSecurity
    static class Wiring {

        @Bean
        CommandGateway commandGateway() {
            CommandGateway gateway = mock(CommandGateway.class);
            when(gateway.<RunView>sendAndWait(any(StartRunCommand.class))).thenReturn(RUN);
            when(gateway.<RunView>sendAndWait(any(FinishRunCommand.class))).thenReturn(RUN);
            when(gateway.<List<String>>sendAndWait(any(InterruptAllRunsCommand.class))).thenReturn(List.of());
            return gateway;
        }

        @Bean
        RunCommandController runCommandController(CommandGateway commandGateway) {
            RunVisibility visibility = mock(RunVisibility.class);
            when(visibility.started(any())).thenReturn(true);
            when(visibility.ended(any())).thenReturn(true);
            return new RunCommandController(commandGateway, visibility, "");
        }
    }
}
