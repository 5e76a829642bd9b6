package io.axle.command.campaign;

import io.axle.api.campaign.FindCampaignTargetsQuery;
import io.axle.command.SignedIn;
import io.axle.command.firmware.FirmwareCatalogue;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
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
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Who may create, approve and move campaigns along: the controller's method security as Spring enforces it. */
class FlashCampaignCommandControllerSecurityTest {

    private static final Principal SOMEONE = () -> "someone";
    private static final FlashCampaignCommandController.CreateCampaignRequest CREATE =
            new FlashCampaignCommandController.CreateCampaignRequest("Engine 1.5.0", "fw-15",
                    new FlashCampaignCommandController.TargetRequest("Buick", null, null, null, null), 1, 80, 10,
                    null, null);

    private final AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Wiring.class);
    private final FlashCampaignCommandController controller = context.getBean(FlashCampaignCommandController.class);

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
        context.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADMIN", "TECHNICIAN"})
    void administratorsAndTechniciansRunCampaigns(String role) {
        SignedIn.as(role);

        assertThat(controller.create(CREATE, SOMEONE).getStatusCode().value()).isEqualTo(201);
        assertThat(controller.start("c-1", SOMEONE).getStatusCode().value()).isEqualTo(202);
        assertThat(controller.pause("c-1", null, SOMEONE).getStatusCode().value()).isEqualTo(200);
        assertThat(controller.resume("c-1", SOMEONE).getStatusCode().value()).isEqualTo(202);
        assertThat(controller.stop("c-1", null, SOMEONE).getStatusCode().value()).isEqualTo(202);
    }

    @Test
    void onlyAnAdministratorApproves() {
        SignedIn.as("ADMIN");
        assertThat(controller.approve("c-1", SOMEONE).getStatusCode().value()).isEqualTo(200);

        SignedIn.as("TECHNICIAN");
        assertThatThrownBy(() -> controller.approve("c-1", SOMEONE)).isInstanceOf(AccessDeniedException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"OPERATOR", "ANALYST", "PARTNER", "DEVICE"})
    void othersMayNot(String role) {
        SignedIn.as(role);

        assertThatThrownBy(() -> controller.create(CREATE, SOMEONE)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> controller.approve("c-1", SOMEONE)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> controller.start("c-1", SOMEONE)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> controller.pause("c-1", null, SOMEONE)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> controller.resume("c-1", SOMEONE)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> controller.stop("c-1", null, SOMEONE)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void nobodySignedInMayNot() {
        assertThatThrownBy(() -> controller.stop("c-1", null, SOMEONE))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableMethodSecurity
    static class Wiring {

        @Bean
        FlashCampaignCommandController flashCampaignCommandController() {
            QueryGateway queries = mock(QueryGateway.class);
            when(queries.query(any(FindCampaignTargetsQuery.class), any(ResponseType.class)))
                    .thenReturn(CompletableFuture.completedFuture(List.of("v-1")));
            FirmwareCatalogue catalogue = id -> Optional.of(new FirmwareCatalogue.Entry(id, "engine", "1.5.0",
                    "sha", 1, List.of(), null, false));
            return new FlashCampaignCommandController(mock(CommandGateway.class), queries, catalogue,
                    Duration.ofSeconds(1));
        }
    }
}
