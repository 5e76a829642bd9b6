package io.axle.query.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.axle.api.sensor.FindRunStatisticsQuery;
import io.axle.api.sensor.MeasureStatistics;
import io.axle.api.sensor.RunStatistics;
import io.axle.api.sensor.SensorStatistics;
import io.axle.query.UpdateStreams;
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
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who may read sensor data: the controller's method security as Spring enforces it. */
class SensorQueryControllerSecurityTest {

    private static final MeasureStatistics NOTHING = new MeasureStatistics(0, null, null, null);
    private static final RunStatistics EMPTY = new RunStatistics("run-1",
            new SensorStatistics(null, 0, NOTHING, NOTHING, NOTHING), List.of(), List.of(), null);

    private final AnnotationConfigApplicationContext context =
            new AnnotationConfigApplicationContext(Wiring.class);
    private final SensorQueryController controller = context.getBean(SensorQueryController.class);

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
        context.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADMIN", "OPERATOR", "TECHNICIAN", "ANALYST"})
    void readersMayReadStatistics(String role) {
        signIn(role);

        assertThat(controller.statistics("run-1")).isEqualTo(EMPTY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DEVICE", "PARTNER"})
    void devicesAndPartnersMayNot(String role) {
        signIn(role);

        assertThatThrownBy(() -> controller.statistics("run-1")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> controller.readings(new SensorDataParams("run-1", null, null, null, null, null)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> controller.updates(new RunReadingsParams("run-1")))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> controller.series("run-1", new RunSeriesParams(null, null, null)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> controller.readingsCsv("run-1", new ReadingsExportParams(null, null, null),
                new MockHttpServletResponse())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> controller.readingsCsvByFormat("run-1", new ReadingsExportParams(null, null, null),
                new MockHttpServletResponse())).isInstanceOf(AccessDeniedException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADMIN", "OPERATOR", "TECHNICIAN", "ANALYST"})
    void readersMayExportReadingsAsCsv(String role) throws Exception {
        signIn(role);
        MockHttpServletResponse response = new MockHttpServletResponse();

        controller.readingsCsv("run-1", new ReadingsExportParams(null, null, null), response);

        assertThat(response.getContentType()).startsWith("text/csv");
    }

    @Test
    void nobodySignedInMayNot() {
        assertThatThrownBy(() -> controller.statistics("run-1"))
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
            when(gateway.query(any(FindRunStatisticsQuery.class), eq(RunStatistics.class)))
                    .thenReturn(CompletableFuture.completedFuture(EMPTY));
            return gateway;
        }

        @Bean
        SensorQueryController sensorQueryController(QueryGateway queryGateway) {
            return new SensorQueryController(queryGateway, new UpdateStreams(queryGateway), mock(ReadingsCsv.class));
        }
    }
}
