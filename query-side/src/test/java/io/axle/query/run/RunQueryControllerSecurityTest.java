package io.axle.query.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.axle.api.common.PageResult;
import io.axle.api.run.FindRunQuery;
import io.axle.api.run.ListRunsQuery;
import io.axle.api.run.RunStatus;
import io.axle.api.run.RunView;
import io.axle.query.UpdateStreams;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
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
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.context.SecurityContextHolder;
import io.axle.query.CsvExports;
import io.axle.query.ListParams;

/** Who may read runs: the controller's method security as Spring enforces it. */
class RunQueryControllerSecurityTest {

    private static final RunView RUN = new RunView("r-1", "alice", RunStatus.RUNNING,
            Instant.parse("2026-03-02T09:00:00Z"), null, 60, 5, Map.of(), null);

    private final AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Wiring.class);
    private final RunQueryController controller = context.getBean(RunQueryController.class);
    private final MockHttpServletRequest request = new MockHttpServletRequest();

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
        context.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADMIN", "OPERATOR", "TECHNICIAN", "ANALYST"})
    void readersMayReadRuns(String role) {
        signIn(role);

        assertThat(controller.find("r-1", request).id()).isEqualTo("r-1");
        assertThat(controller.canStart().running()).isEqualTo(1);
        assertThat(controller.running(request)).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DEVICE", "PARTNER"})
    void devicesAndPartnersMayNot(String role) {
        signIn(role);

        assertThatThrownBy(() -> controller.find("r-1", request)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(controller::canStart).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> controller.running(request)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> controller.all(request)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> controller.list(new RunListParams(null, null, null), ListParams.NONE, request))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> controller.updates(null, request)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void nobodySignedInMayNot() {
        assertThatThrownBy(() -> controller.find("r-1", request))
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
        @SuppressWarnings({"unchecked", "rawtypes"})
        QueryGateway queryGateway() {
            QueryGateway gateway = mock(QueryGateway.class);
            when(gateway.query(new FindRunQuery("r-1"), RunView.class))
                    .thenReturn(CompletableFuture.completedFuture(RUN));
            when(gateway.query(new HeldRunSlotsQuery(), Long.class))
                    .thenReturn(CompletableFuture.completedFuture(1L));
            when(gateway.query(any(ListRunsQuery.class), any(ResponseType.class)))
                    .thenReturn((CompletableFuture) CompletableFuture.completedFuture(
                            new PageResult<>(List.of(RUN), 0, 1, 1)));
            return gateway;
        }

        @Bean
        RunQueryController runQueryController(QueryGateway queryGateway) {
            return new RunQueryController(queryGateway, new UpdateStreams(queryGateway),
                    new CsvExports(queryGateway, CsvExports.DEFAULT_MAX_ROWS), "");
        }
    }
}
