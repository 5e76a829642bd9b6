package io.axle.command.flash;

import io.axle.command.SignedIn;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.context.SecurityContextHolder;

import java.security.Principal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Who may start, cancel and check flashes: the controller's method security as Spring enforces it. */
class FlashJobCommandControllerSecurityTest {

    private static final Principal SOMEONE = () -> "someone";
    private static final FlashJobCommandController.StartFlashRequest START =
            new FlashJobCommandController.StartFlashRequest("v-1", "engine", "fw-15", null);

    private final AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Wiring.class);
    private final FlashJobCommandController controller = context.getBean(FlashJobCommandController.class);

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
        context.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADMIN", "TECHNICIAN"})
    void administratorsAndTechniciansFlash(String role) {
        SignedIn.as(role);

        assertThat(controller.start(START, SOMEONE).getStatusCode().value()).isEqualTo(202);
        assertThat(controller.cancel("job-1", null, SOMEONE).getStatusCode().value()).isEqualTo(202);
        assertThat(controller.preconditions("v-1", "engine", "fw-15").ready()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"OPERATOR", "ANALYST", "PARTNER", "DEVICE"})
    void othersMayNot(String role) {
        SignedIn.as(role);

        assertThatThrownBy(() -> controller.start(START, SOMEONE)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> controller.cancel("job-1", null, SOMEONE))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> controller.preconditions("v-1", "engine", "fw-15"))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void nobodySignedInMayNot() {
        assertThatThrownBy(() -> controller.start(START, SOMEONE))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableMethodSecurity
    static class Wiring {

        @Bean
        FlashJobCommandController flashJobCommandController() {
            FlashJobStarter starter = mock(FlashJobStarter.class);
            when(starter.start(any(), any(), any(), anyBoolean(), any())).thenReturn("job-1");
            FlashPreconditions preconditions = mock(FlashPreconditions.class);
            when(preconditions.check(any(), any(), any())).thenReturn(new FlashPreconditions.Outcome(List.of(
                    FlashPreconditions.Check.passed("firmware-known", "fw-15")), null, null));
            return new FlashJobCommandController(mock(CommandGateway.class), starter, preconditions);
        }
    }
}
