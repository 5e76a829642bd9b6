package io.axle.billing.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import io.axle.api.invoice.FindInvoiceQuery;
import io.axle.api.invoice.InvoiceView;
import io.axle.platform.security.ApiKeyAuthenticationFilter.ApiKeyAuthentication;
import io.axle.platform.security.ApiKeys;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.ObjectProvider;

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
    @ValueSource(strings = {"ADMIN", "OPERATOR", "ANALYST"})
    void invoiceReadersMayDownload(String role) {
        signIn(role);

        assertThat(controller.invoice("inv-1", null).getStatusCode().value()).isEqualTo(200);
        assertThat(controller.creditNote("inv-1", "cn-1", null).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void aPartnerDownloadsItsCustomersDocuments() {
        signInAsPartnerOf("c-1");

        assertThat(controller.invoice("inv-1", null).getStatusCode().value()).isEqualTo(200);
        assertThat(controller.creditNote("inv-1", "cn-1", null).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void anotherCustomersDocumentsAreUnknownToAPartner() {
        signInAsPartnerOf("c-2");

        assertThatThrownBy(() -> controller.invoice("inv-1", null)).hasMessageContaining("inv-1");
        assertThatThrownBy(() -> controller.creditNote("inv-1", "cn-1", null)).hasMessageContaining("inv-1");
        assertThatThrownBy(() -> controller.invoice("inv-unknown", null)).hasMessageContaining("inv-unknown");
        assertThat(controller.notIssued(new DocumentPdfController.NotIssuedException("invoice", "inv-1"))
                .getStatusCode().value()).as("the answer the web layer gives").isEqualTo(404);
    }

    private static void signInAsPartnerOf(String customerId) {
        SecurityContextHolder.getContext().setAuthentication(new ApiKeyAuthentication(new ApiKeys.ApiKey("key-1",
                "partner-of-" + customerId, "PARTNER", customerId, null, Instant.now(), null)));
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

        /** The invoices' owners as the query side would answer them: inv-1 belongs to c-1, nothing else exists. */
        @Bean
        QueryGateway queryGateway() {
            QueryGateway queries = mock(QueryGateway.class);
            when(queries.query(any(FindInvoiceQuery.class), eq(InvoiceView.class))).thenAnswer(call -> {
                FindInvoiceQuery query = call.getArgument(0);
                if (!query.invoiceId().equals("inv-1")) {
                    return CompletableFuture.failedFuture(new IllegalStateException("not found"));
                }
                InvoiceView view = mock(InvoiceView.class);
                when(view.customerId()).thenReturn("c-1");
                return CompletableFuture.completedFuture(view);
            });
            return queries;
        }

        @Bean
        DocumentPdfController documentPdfController(DocumentStore store, ObjectProvider<QueryGateway> queries) {
            return new DocumentPdfController(store, queries);
        }
    }
}
