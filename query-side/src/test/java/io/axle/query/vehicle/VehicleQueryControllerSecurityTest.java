package io.axle.query.vehicle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.axle.api.vehicle.FindVehicleQuery;
import io.axle.api.vehicle.VehicleView;
import io.axle.query.CsvExports;
import io.axle.query.ListParams;
import io.axle.query.PageParams;
import io.axle.query.UpdateStreams;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who may read vehicles: the controller's method security as Spring enforces it. */
class VehicleQueryControllerSecurityTest {

    private static final VehicleView CAR = new VehicleView("v-1", "1M8GDM9AXKP042788", "AB-123-CD", "FR", "Renault",
            "Clio", 2019, null, null, null, null, null, false, null, null, List.of(), List.of(), List.of(),
            List.of(), Instant.parse("2026-03-01T09:00:00Z"), List.of(), null, null);

    private final AnnotationConfigApplicationContext context =
            new AnnotationConfigApplicationContext(Wiring.class);
    private final VehicleQueryController controller = context.getBean(VehicleQueryController.class);

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
        context.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADMIN", "OPERATOR", "TECHNICIAN", "ANALYST"})
    void readersMayReadAVehicle(String role) {
        signIn(role);

        assertThat(controller.find("v-1")).isEqualTo(CAR);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DEVICE", "PARTNER"})
    void devicesAndPartnersMayNot(String role) {
        signIn(role);
        PageParams paging = new PageParams(null, null);

        assertThatThrownBy(() -> controller.find("v-1")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> controller.list(paging, ListParams.NONE, null, null))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> controller.export(paging, ListParams.NONE, null, null))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> controller.telemetry("v-1", new VehicleTelemetryParams("rpm", null, null, null)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> controller.updates("v-1")).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void nobodySignedInMayNot() {
        assertThatThrownBy(() -> controller.find("v-1"))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }

    private static void signIn(String role) {
        SecurityContextHolder.getContext().setAuthentication(
                new TestingAuthenticationToken("someone", "n/a", "ROLE_" + role));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableMethodSecurity
    static class Wiring {

        @Bean
        QueryGateway queryGateway() {
            QueryGateway gateway = mock(QueryGateway.class);
            when(gateway.query(any(FindVehicleQuery.class), eq(VehicleView.class)))
                    .thenReturn(CompletableFuture.completedFuture(CAR));
            return gateway;
        }

        @Bean
        VehicleQueryController vehicleQueryController(QueryGateway queryGateway) {
            return new VehicleQueryController(queryGateway, new UpdateStreams(queryGateway),
                    new CsvExports(queryGateway, CsvExports.DEFAULT_MAX_ROWS));
        }
    }
}
