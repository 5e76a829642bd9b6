package io.axle.command.document;

import io.axle.api.document.DocumentAlertRaisedEvent;
import io.axle.api.document.DocumentUploadedEvent;
import io.axle.api.document.RaiseDocumentAlertCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.axle.command.RefusalMatchers.refusal;

/** The Document aggregate raising alerts: each rule once per document, whatever asks again. */
class DocumentAlertsTest {

    private static final String ID = "0b6c1f1e-5d0c-4b7a-9c65-2d9a4c1b7e10";
    private static final DocumentUploadedEvent UPLOADED = new DocumentUploadedEvent(ID, "March invoice", "march.pdf",
            "application/pdf", 1234, "a".repeat(64), List.of(), "alice", Instant.parse("2026-03-01T10:00:00Z"));
    private static final RaiseDocumentAlertCommand LARGE_INVOICE = new RaiseDocumentAlertCommand(ID, "large-invoice",
            "warning", "Invoice above 10000: 12500.00 EUR incl. tax");

    private AggregateTestFixture<Document> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Document.class);
    }

    @Test
    void raisesARuleTheFirstTime() {
        fixture.given(UPLOADED)
                .when(LARGE_INVOICE)
                .expectSuccessfulHandlerExecution()
                .expectEvents(new DocumentAlertRaisedEvent(ID, "large-invoice", "warning",
                        "Invoice above 10000: 12500.00 EUR incl. tax", fixture.currentTime()));
    }

    @Test
    void raisesNothingTheSecondTimeEvenWithAnotherMessage() {
        fixture.given(UPLOADED, new DocumentAlertRaisedEvent(ID, "large-invoice", "warning",
                        "Invoice above 10000: 12500.00 EUR incl. tax", Instant.parse("2026-03-01T10:05:00Z")))
                .when(new RaiseDocumentAlertCommand(ID, "large-invoice", "critical", "Invoice above 10000: 99999.00"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void raisesAnotherRuleBesideOneAlreadyRaised() {
        fixture.given(UPLOADED, new DocumentAlertRaisedEvent(ID, "large-invoice", "warning", "Invoice above 10000",
                        Instant.parse("2026-03-01T10:05:00Z")))
                .when(new RaiseDocumentAlertCommand(ID, "iban-check-failed", "critical", "IBAN FR76 fails its check"))
                .expectEvents(new DocumentAlertRaisedEvent(ID, "iban-check-failed", "critical",
                        "IBAN FR76 fails its check", fixture.currentTime()));
    }

    @Test
    void refusesAnUnknownSeverity() {
        fixture.given(UPLOADED)
                .when(new RaiseDocumentAlertCommand(ID, "large-invoice", "urgent", "Invoice above 10000"))
                .expectException(refusal(422, "severity", "severity"))
                .expectNoEvents();
    }

    @Test
    void refusesABlankRuleOrMessage() {
        fixture.given(UPLOADED)
                .when(new RaiseDocumentAlertCommand(ID, " ", "info", "Contract received"))
                .expectException(refusal(422, "rule", "required"));
        fixture.given(UPLOADED)
                .when(new RaiseDocumentAlertCommand(ID, "contract-received", "info", ""))
                .expectException(refusal(422, "message", "required"));
    }
}
