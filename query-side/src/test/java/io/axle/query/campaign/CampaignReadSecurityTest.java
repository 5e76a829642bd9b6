package io.axle.query.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.axle.api.campaign.CampaignView;
import io.axle.api.campaign.FindCampaignQuery;
import io.axle.query.CsvExports;
import io.axle.query.ListParams;
import io.axle.query.PageParams;
import io.axle.query.UpdateStreams;
import io.axle.query.WebTests;
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

/** Who may read flash campaigns: the controller's method security as Spring enforces it. */
class CampaignReadSecurityTest {

    private final AnnotationConfigApplicationContext context =
            new AnnotationConfigApplicationContext(Wiring.class);
    private final CampaignQueryController campaigns = context.getBean(CampaignQueryController.class);

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
        context.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADMIN", "OPERATOR", "TECHNICIAN", "ANALYST"})
    void readersMayReadCampaigns(String role) {
        WebTests.signIn(role);

        assertThat(campaigns.find("c-1")).isEqualTo(CampaignQueryControllerTest.CAMPAIGN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DEVICE", "PARTNER"})
    void devicesAndPartnersMayNot(String role) {
        WebTests.signIn(role);
        PageParams paging = new PageParams(null, null);

        assertThatThrownBy(() -> campaigns.find("c-1")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> campaigns.list(paging, ListParams.NONE, null))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> campaigns.export(paging, ListParams.NONE, null))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> campaigns.updates("c-1")).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void nobodySignedInMayNot() {
        assertThatThrownBy(() -> campaigns.find("c-1"))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableMethodSecurity
    static class Wiring {

        @Bean
        QueryGateway queryGateway() {
            QueryGateway gateway = mock(QueryGateway.class);
            when(gateway.query(any(FindCampaignQuery.class), eq(CampaignView.class)))
                    .thenReturn(CompletableFuture.completedFuture(CampaignQueryControllerTest.CAMPAIGN));
            return gateway;
        }

        @Bean
        CampaignQueryController campaignQueryController(QueryGateway queryGateway) {
            return new CampaignQueryController(queryGateway, new UpdateStreams(queryGateway),
                    new CsvExports(queryGateway, CsvExports.DEFAULT_MAX_ROWS));
        }
    }
}
