package io.axle.command.firmware;

import io.axle.command.SignedIn;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.context.SecurityContextHolder;

import java.io.ByteArrayInputStream;
import java.security.Principal;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Who may release, withdraw and download firmware: the controller's method security as Spring enforces it. */
class FirmwareCommandControllerSecurityTest {

    private static final Principal SOMEONE = () -> "someone";
    private static final MockMultipartFile IMAGE = new MockMultipartFile("image", new byte[] {1});

    private final AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Wiring.class);
    private final FirmwareCommandController controller = context.getBean(FirmwareCommandController.class);

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
        context.close();
    }

    private int release() throws Exception {
        return controller.release(IMAGE, "ecm", "1.4.2", null, null, null, SOMEONE).getStatusCode().value();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADMIN", "TECHNICIAN"})
    void administratorsAndTechniciansKeepTheCatalogueAndDownloadImages(String role) throws Exception {
        SignedIn.as(role);

        assertThat(release()).isEqualTo(201);
        assertThat(controller.withdraw("fw-1", null, SOMEONE).getStatusCode().value()).isEqualTo(200);
        assertThat(controller.image("fw-1").getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void aDongleDownloadsImagesButKeepsNoCatalogue() {
        SignedIn.as("DEVICE");

        assertThat(controller.image("fw-1").getStatusCode().value()).isEqualTo(200);
        assertThatThrownBy(this::release).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> controller.withdraw("fw-1", null, SOMEONE))
                .isInstanceOf(AccessDeniedException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"OPERATOR", "ANALYST", "PARTNER"})
    void othersMayNot(String role) {
        SignedIn.as(role);

        assertThatThrownBy(this::release).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> controller.withdraw("fw-1", null, SOMEONE))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> controller.image("fw-1")).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void nobodySignedInMayNot() {
        assertThatThrownBy(() -> controller.image("fw-1"))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableMethodSecurity
    static class Wiring {

        @Bean
        FirmwareCommandController firmwareCommandController() throws Exception {
            FirmwareReleases releases = mock(FirmwareReleases.class);
            when(releases.release(any(), any(), any()))
                    .thenReturn(new FirmwareReleases.FirmwareAccepted("fw-2", "ab".repeat(32), 1));
            FirmwareImages images = mock(FirmwareImages.class);
            when(images.open("fw-1")).thenAnswer(call -> Optional.of(new FirmwareImages.Image("ab".repeat(32), 1,
                    new ByteArrayInputStream(new byte[] {1}))));
            FirmwareCatalogue catalogue = id -> Optional.of(new FirmwareCatalogue.Entry(id, "ecm", "1.4.2",
                    "ab".repeat(32), 1, List.of(), null, false));
            return new FirmwareCommandController(releases, images, catalogue, mock(CommandGateway.class));
        }
    }
}
