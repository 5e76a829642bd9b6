package io.axle.command.invoice;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.axle.api.invoice.AllocateInvoiceNumberCommand;
import io.axle.api.invoice.DocumentKind;
import io.axle.api.invoice.InvoiceNumberAllocatedEvent;
import io.axle.api.invoice.InvoiceNumberSequences;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.axle.command.RefusalMatchers.refusal;
import static org.assertj.core.api.Assertions.assertThat;

class InvoiceNumberingTest {

    private static final String ACME_2026 = InvoiceNumberSequences.id("acme", 2026);

    private static final String CN_ACME_2026 = InvoiceNumberSequences.id(DocumentKind.CREDIT_NOTE, "acme", 2026);

    private FixtureConfiguration<InvoiceNumbering> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(InvoiceNumbering.class);
    }

    private static AllocateInvoiceNumberCommand allocate(String invoiceId) {
        return new AllocateInvoiceNumberCommand(ACME_2026, "acme", 2026, invoiceId);
    }

    private static InvoiceNumberAllocatedEvent allocated(long sequence, String invoiceId) {
        return new InvoiceNumberAllocatedEvent(ACME_2026, "acme", 2026, sequence,
                InvoiceNumberSequences.format(2026, sequence), invoiceId);
    }

    private static AllocateInvoiceNumberCommand allocateCreditNote(String creditNoteId) {
        return new AllocateInvoiceNumberCommand(CN_ACME_2026, "acme", 2026, creditNoteId, DocumentKind.CREDIT_NOTE);
    }

    private static InvoiceNumberAllocatedEvent creditNoteAllocated(long sequence, String creditNoteId) {
        return new InvoiceNumberAllocatedEvent(CN_ACME_2026, "acme", 2026, sequence,
                InvoiceNumberSequences.format(DocumentKind.CREDIT_NOTE, 2026, sequence), creditNoteId);
    }

    // allocating

    @Test
    void theFirstNumberOfTheYearIsOne() {
        fixture.givenNoPriorActivity()
                .when(allocate("inv-a"))
                .expectEvents(new InvoiceNumberAllocatedEvent(ACME_2026, "acme", 2026, 1, "INV-2026-000001", "inv-a"))
                .expectResultMessagePayload("INV-2026-000001");
    }

    @Test
    void theNextNumberFollowsTheLastWithoutAGap() {
        fixture.given(allocated(1, "inv-a"), allocated(2, "inv-b"), allocated(3, "inv-c"))
                .when(allocate("inv-d"))
                .expectEvents(allocated(4, "inv-d"))
                .expectResultMessagePayload("INV-2026-000004");
    }

    @Test
    void anInvoiceAskingAgainGetsItsNumberBackWithoutANewEvent() {
        fixture.given(allocated(1, "inv-a"), allocated(2, "inv-b"), allocated(3, "inv-c"))
                .when(allocate("inv-b"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload("INV-2026-000002");
    }

    @Test
    void aReAskDoesNotConsumeANumber() {
        fixture.given(allocated(1, "inv-a"), allocated(2, "inv-b"))
                .andGivenCommands(allocate("inv-a"))
                .when(allocate("inv-c"))
                .expectEvents(allocated(3, "inv-c"));
    }

    @Test
    void numbersKeepGrowingPastSixDigits() {
        fixture.given(allocated(999_999, "inv-a"))
                .when(allocate("inv-b"))
                .expectEvents(allocated(1_000_000, "inv-b"))
                .expectResultMessagePayload("INV-2026-1000000");
    }

    // credit notes

    @Test
    void creditNotesHaveTheirOwnSeriesStartingAtOne() {
        fixture.givenNoPriorActivity()
                .when(new AllocateInvoiceNumberCommand(CN_ACME_2026, "acme", 2026, "cn-a", DocumentKind.CREDIT_NOTE))
                .expectEvents(new InvoiceNumberAllocatedEvent(CN_ACME_2026, "acme", 2026, 1, "CN-2026-000001", "cn-a"))
                .expectResultMessagePayload("CN-2026-000001");
    }

    @Test
    void theCreditNoteSeriesFollowsItsOwnLastNumber() {
        fixture.given(creditNoteAllocated(1, "cn-a"), creditNoteAllocated(2, "cn-b"))
                .when(allocateCreditNote("cn-c"))
                .expectEvents(creditNoteAllocated(3, "cn-c"))
                .expectResultMessagePayload("CN-2026-000003");
    }

    @Test
    void aCreditNoteAskingAgainGetsItsNumberBack() {
        fixture.given(creditNoteAllocated(1, "cn-a"), creditNoteAllocated(2, "cn-b"))
                .when(allocateCreditNote("cn-a"))
                .expectNoEvents()
                .expectResultMessagePayload("CN-2026-000001");
    }

    @Test
    void interleavedInvoicesAndCreditNotesEachCountWithoutAGap() {
        Configuration axon = DefaultConfigurer.defaultConfiguration(false)
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(InvoiceNumbering.class)
                .buildConfiguration();
        axon.start();
        try {
            CommandGateway gateway = axon.commandGateway();
            List<String> numbers = new ArrayList<>();
            numbers.add(gateway.sendAndWait(allocate("inv-a")));
            numbers.add(gateway.sendAndWait(allocateCreditNote("cn-a")));
            numbers.add(gateway.sendAndWait(allocate("inv-b")));
            numbers.add(gateway.sendAndWait(allocate("inv-c")));
            numbers.add(gateway.sendAndWait(allocateCreditNote("cn-b")));
            numbers.add(gateway.sendAndWait(allocateCreditNote("cn-a")));

            assertThat(numbers).containsExactly("INV-2026-000001", "CN-2026-000001", "INV-2026-000002",
                    "INV-2026-000003", "CN-2026-000002", "CN-2026-000001");
        } finally {
            axon.shutdown();
        }
    }

    @Test
    void aCreditNoteCannotTakeANumberFromTheInvoiceSeries() {
        fixture.given(allocated(1, "inv-a"))
                .when(new AllocateInvoiceNumberCommand(ACME_2026, "acme", 2026, "cn-a", DocumentKind.CREDIT_NOTE))
                .expectException(refusal(422, "sequenceId", "invoice-number-sequence-id"))
                .expectExceptionMessage("credit note numbers of acme in 2026 come from sequence "
                        + "credit-note-numbers:acme:2026, not invoice-numbers:acme:2026")
                .expectNoEvents();
    }

    @Test
    void anInvoiceCannotTakeANumberFromTheCreditNoteSeries() {
        fixture.given(creditNoteAllocated(1, "cn-a"))
                .when(new AllocateInvoiceNumberCommand(CN_ACME_2026, "acme", 2026, "inv-a"))
                .expectException(refusal(422, "sequenceId", "invoice-number-sequence-id"))
                .expectNoEvents();
    }

    @Test
    void aCommandWithoutKindAsksForAnInvoiceNumber() {
        fixture.given(allocated(1, "inv-a"))
                .when(new AllocateInvoiceNumberCommand(ACME_2026, "acme", 2026, "inv-b", null))
                .expectEvents(allocated(2, "inv-b"))
                .expectResultMessagePayload("INV-2026-000002");
    }

    // refusals

    @Test
    void aCommandForAnotherCompanyIsRefused() {
        fixture.given(allocated(1, "inv-a"))
                .when(new AllocateInvoiceNumberCommand(ACME_2026, "globex", 2026, "inv-b"))
                .expectException(refusal(422, "sequenceId", "invoice-number-sequence-id"))
                .expectExceptionMessage("invoice numbers of globex in 2026 come from sequence "
                        + "invoice-numbers:globex:2026, not invoice-numbers:acme:2026")
                .expectNoEvents();
    }

    @Test
    void aCommandForAnotherYearIsRefused() {
        fixture.given(allocated(1, "inv-a"))
                .when(new AllocateInvoiceNumberCommand(ACME_2026, "acme", 2027, "inv-b"))
                .expectException(refusal(422, "sequenceId", "invoice-number-sequence-id"))
                .expectNoEvents();
    }

    @Test
    void aMismatchedFirstCommandCreatesNoSequence() {
        fixture.givenNoPriorActivity()
                .when(new AllocateInvoiceNumberCommand("invoice-numbers:acme:2025", "acme", 2026, "inv-a"))
                .expectException(refusal(422, "sequenceId", "invoice-number-sequence-id"))
                .expectNoEvents();
    }

    @Test
    void anAllocationNeedsACompany() {
        fixture.givenNoPriorActivity()
                .when(new AllocateInvoiceNumberCommand(ACME_2026, " ", 2026, "inv-a"))
                .expectException(refusal(422, "company", "required"));
    }

    @Test
    void anAllocationNeedsAnInvoice() {
        fixture.givenNoPriorActivity()
                .when(new AllocateInvoiceNumberCommand(ACME_2026, "acme", 2026, null))
                .expectException(refusal(422, "invoiceId", "required"));
    }

    @Test
    void theYearHasFourDigits() {
        fixture.givenNoPriorActivity()
                .when(new AllocateInvoiceNumberCommand(InvoiceNumberSequences.id("acme", 99), "acme", 99, "inv-a"))
                .expectException(refusal(422, "year", "range"));
    }

    // formatting and identity

    @Test
    void numbersAreSpeltWithTheYearAndAtLeastSixDigits() {
        assertThat(InvoiceNumberSequences.format(2026, 42)).isEqualTo("INV-2026-000042");
        assertThat(InvoiceNumberSequences.format(2026, 1)).isEqualTo("INV-2026-000001");
        assertThat(InvoiceNumberSequences.format(2026, 123_456)).isEqualTo("INV-2026-123456");
        assertThat(InvoiceNumberSequences.format(2027, 1_234_567)).isEqualTo("INV-2027-1234567");
    }

    @Test
    void creditNoteNumbersAreSpeltWithTheirOwnPrefix() {
        assertThat(InvoiceNumberSequences.format(DocumentKind.CREDIT_NOTE, 2026, 7)).isEqualTo("CN-2026-000007");
        assertThat(InvoiceNumberSequences.format(DocumentKind.INVOICE, 2026, 7)).isEqualTo("INV-2026-000007");
        assertThat(InvoiceNumberSequences.id(DocumentKind.CREDIT_NOTE, "acme", 2026))
                .isEqualTo("credit-note-numbers:acme:2026");
        assertThat(InvoiceNumberSequences.id(DocumentKind.INVOICE, "acme", 2026)).isEqualTo(ACME_2026);
    }

    @Test
    void eachCompanyAndYearHasItsOwnSequence() {
        assertThat(InvoiceNumberSequences.id("acme", 2026)).isEqualTo("invoice-numbers:acme:2026");
        assertThat(InvoiceNumberSequences.id("acme", 2027)).isNotEqualTo(InvoiceNumberSequences.id("acme", 2026));
        assertThat(InvoiceNumberSequences.id("globex", 2026)).isNotEqualTo(InvoiceNumberSequences.id("acme", 2026));
    }

    // snapshots

    @Test
    void theSequenceSurvivesAJsonSnapshotRoundTrip() {
        JacksonSerializer serializer = JacksonSerializer.builder()
                .objectMapper(JsonMapper.builder().findAndAddModules().build())
                .build();
        InvoiceNumbering numbering = new InvoiceNumbering();
        numbering.on(allocated(1, "inv-b"));
        numbering.on(allocated(2, "inv-a"));

        SerializedObject<String> json = serializer.serialize(numbering, String.class);
        InvoiceNumbering copy = serializer.deserialize(json);

        assertThat(json.getData()).isEqualTo("{\"sequenceId\":\"" + ACME_2026 + "\",\"last\":2,"
                + "\"numbers\":{\"inv-b\":\"INV-2026-000001\",\"inv-a\":\"INV-2026-000002\"}}");
        assertThat(copy).usingRecursiveComparison().isEqualTo(numbering);
        assertThat(copy.handle(allocate("inv-a"))).isEqualTo("INV-2026-000002");
    }
}
