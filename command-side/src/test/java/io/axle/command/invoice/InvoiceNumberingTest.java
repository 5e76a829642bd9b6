package io.axle.command.invoice;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.axle.api.invoice.AllocateInvoiceNumberCommand;
import io.axle.api.invoice.InvoiceNumberAllocatedEvent;
import io.axle.api.invoice.InvoiceNumberSequences;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.axle.command.RefusalMatchers.refusal;
import static org.assertj.core.api.Assertions.assertThat;

class InvoiceNumberingTest {

    private static final String ACME_2026 = InvoiceNumberSequences.id("acme", 2026);

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

    // refusals

    @Test
    void aCommandForAnotherCompanyIsRefused() {
        fixture.given(allocated(1, "inv-a"))
                .when(new AllocateInvoiceNumberCommand(ACME_2026, "globex", 2026, "inv-b"))
                .expectException(refusal(422, "sequenceId", "invoice-number-sequence-id"))
                .expectExceptionMessage("numbers of globex in 2026 come from sequence invoice-numbers:globex:2026, "
                        + "not invoice-numbers:acme:2026")
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
