package io.axle.billing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axle.billing.InMemoryDocumentStore;
import io.axle.billing.DocumentStore;
import io.axle.billing.RenderedDocument;
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

/** Who may download invoice PDFs: those who may read invoices and orders, as Spring's method security enforces. */
class DocumentPdfControllerSecurityTest {

    private final AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Wiring.class);
    private final DocumentPdfController controller = context.getBean(DocumentPdfController.class);

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
        context.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADMIN", "OPERATOR", "ANALYST", "PARTNER"})
    void invoiceReadersMayDownload(String role) {
        signIn(role);

        assertThat(controller.invoice("inv-1", null).getStatusCode().value()).isEqualTo(200);
        assertThat(controller.creditNote("inv-1", "cn-1", null).getStatusCode().value()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TECHNICIAN", "DEVICE"})
    void techniciansAndDevicesMayNot(String role) {
        signIn(role);

        assertThatThrownBy(() -> controller.invoice("inv-1", null)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> controller.creditNote("inv-1", "cn-1", null))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void nobodySignedInMayNot() {
        assertThatThrownBy(() -> controller.invoice("inv-1", null))
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
        DocumentStore documentStore() {
            InMemoryDocumentStore store = new InMemoryDocumentStore();
            byte[] pdf = "%PDF-1.7".getBytes();
            store.put("inv-1", "INV-2026-000042", new RenderedDocument(pdf, DocumentPdfControllerTest.sha256(pdf)));
            store.put(DocumentStore.creditNoteId("inv-1", "cn-1"), "CN-2026-000007", new RenderedDocument(pdf, DocumentPdfControllerTest.sha256(pdf)));
            return store;
        }

        @Bean
        DocumentPdfController documentPdfController(DocumentStore store) {
            return new DocumentPdfController(store);
        }
    }
}
