package io.axle.query.flash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.axle.api.campaign.CampaignStatus;
import io.axle.api.campaign.CampaignTarget;
import io.axle.api.campaign.CampaignView;
import io.axle.api.campaign.FindCampaignQuery;
import io.axle.api.firmware.FindFirmwareQuery;
import io.axle.api.firmware.FirmwareStatus;
import io.axle.api.firmware.FirmwareView;
import io.axle.api.flash.FindFlashJobQuery;
import io.axle.api.flash.FlashJobView;
import io.axle.query.CsvExports;
import io.axle.query.ListParams;
import io.axle.query.PageParams;
import io.axle.query.UpdateStreams;
import io.axle.query.WebTests;
import io.axle.query.campaign.CampaignQueryController;
import io.axle.query.firmware.FirmwareQueryController;
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
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who may read flash jobs, the firmware catalogue and flash campaigns: the controllers' method security as Spring
 * enforces it.
 */
class FlashReadSecurityTest {

    private static final FirmwareView FIRMWARE = new FirmwareView("fw-1", "ECM", "1.1.0", "abc", 1, "ecm.bin",
            List.of(), null, null, FirmwareStatus.RELEASED, "admin", null, null, null);

    private static final CampaignView CAMPAIGN = new CampaignView("c-1", "Spring update", "fw-1", "ECM", "1.1.0",
            new CampaignTarget(null, null, null, null, null), CampaignStatus.READY, 80, 20, false, null, "admin",
            null, null, null, null, null, 0, new CampaignView.Totals(0, 0, 0, 0, 0, 0, 0), List.of());

    private final AnnotationConfigApplicationContext context =
            new AnnotationConfigApplicationContext(Wiring.class);
    private final FlashJobQueryController jobs = context.getBean(FlashJobQueryController.class);
    private final FirmwareQueryController firmware = context.getBean(FirmwareQueryController.class);
    private final CampaignQueryController campaigns = context.getBean(CampaignQueryController.class);

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
        context.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADMIN", "OPERATOR", "TECHNICIAN", "ANALYST"})
    void readersMayReadJobsAndFirmware(String role) {
        WebTests.signIn(role);

        assertThat(jobs.find("fj-1")).isEqualTo(FlashJobQueryControllerTest.JOB);
        assertThat(firmware.find("fw-1")).isEqualTo(FIRMWARE);
        assertThat(campaigns.find("c-1")).isEqualTo(CAMPAIGN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DEVICE", "PARTNER"})
    void devicesAndPartnersMayNot(String role) {
        WebTests.signIn(role);
        PageParams paging = new PageParams(null, null);
        FlashJobListParams filters = new FlashJobListParams(null, null, null, null, null);

        assertThatThrownBy(() -> jobs.find("fj-1")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> jobs.list(filters, ListParams.NONE)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> jobs.export(filters, ListParams.NONE)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> jobs.updates("fj-1")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> firmware.find("fw-1")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> firmware.list(paging, ListParams.NONE, null, null))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> firmware.export(paging, ListParams.NONE, null, null))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> campaigns.find("c-1")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> campaigns.list(paging, ListParams.NONE, null))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> campaigns.export(paging, ListParams.NONE, null))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> campaigns.updates("c-1")).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void nobodySignedInMayNot() {
        assertThatThrownBy(() -> jobs.find("fj-1")).isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        assertThatThrownBy(() -> firmware.find("fw-1"))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        assertThatThrownBy(() -> campaigns.find("c-1"))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableMethodSecurity
    static class Wiring {

        @Bean
        QueryGateway queryGateway() {
            QueryGateway gateway = mock(QueryGateway.class);
            when(gateway.query(any(FindFlashJobQuery.class), eq(FlashJobView.class)))
                    .thenReturn(CompletableFuture.completedFuture(FlashJobQueryControllerTest.JOB));
            when(gateway.query(any(FindFirmwareQuery.class), eq(FirmwareView.class)))
                    .thenReturn(CompletableFuture.completedFuture(FIRMWARE));
            when(gateway.query(any(FindCampaignQuery.class), eq(CampaignView.class)))
                    .thenReturn(CompletableFuture.completedFuture(CAMPAIGN));
            return gateway;
        }

        @Bean
        FlashJobQueryController flashJobQueryController(QueryGateway queryGateway) {
            return new FlashJobQueryController(queryGateway, new UpdateStreams(queryGateway),
                    new CsvExports(queryGateway, CsvExports.DEFAULT_MAX_ROWS));
        }

        @Bean
        FirmwareQueryController firmwareQueryController(QueryGateway queryGateway) {
            return new FirmwareQueryController(queryGateway, new CsvExports(queryGateway, CsvExports.DEFAULT_MAX_ROWS));
        }

        @Bean
        CampaignQueryController campaignQueryController(QueryGateway queryGateway) {
            return new CampaignQueryController(queryGateway, new UpdateStreams(queryGateway),
                    new CsvExports(queryGateway, CsvExports.DEFAULT_MAX_ROWS));
        }
    }
}
