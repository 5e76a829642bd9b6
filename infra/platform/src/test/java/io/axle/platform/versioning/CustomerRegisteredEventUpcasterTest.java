package io.axle.platform.versioning;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.axle.api.customer.BillingAddress;
import io.axle.api.customer.CustomerRegisteredEvent;
import io.axle.platform.json.MessageJson;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

/** Customer registrations stored before revision 2 read in its shape. */
class CustomerRegisteredEventUpcasterTest {

    /** As Axle reads events: Axon's mapper, whose JSON trees read decimals as doubles. */
    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(MessageJson.readsWhatItWrites(new ObjectMapper().findAndRegisterModules())).build();
    private final EventUpcasterChain chain = new EventUpcasterChain(new CustomerRegisteredEventUpcaster());

    /** The event as Axle stored it before this revision: no revision, plain personal data, a blank VAT number. */
    private static final String REVISION_1 = """
            {"customerId":"c-1","name":"Garage Dupont","email":"compta@dupont.fr","country":"FR","currency":"EUR",
             "creditLimit":1000.00,"vatNumber":" ","language":"fr"}""";

    private IntermediateEventRepresentation stored(String json, String revision) {
        return new InitialEventRepresentation(new GenericDomainEventEntry<>("Customer", "c-1", 0, "e-1",
                Instant.parse("2026-01-05T10:00:00Z"), CustomerRegisteredEvent.class.getName(), revision,
                json.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8)), serializer);
    }

    private List<IntermediateEventRepresentation> upcast(IntermediateEventRepresentation event) {
        return chain.upcast(Stream.of(event)).toList();
    }

    @Test
    void aRevision1RegistrationReadsAsRevision2WithoutBlankDetails() {
        List<IntermediateEventRepresentation> upcast = upcast(stored(REVISION_1, null));

        assertThat(upcast).singleElement().satisfies(event -> {
            assertThat(event.getType().getRevision()).isEqualTo("2");
            SerializedObject<?> data = event.getData();
            assertThat(serializer.<Object, CustomerRegisteredEvent>deserialize((SerializedObject<Object>) data))
                    .isEqualTo(new CustomerRegisteredEvent("c-1", "Garage Dupont", "compta@dupont.fr", "FR", "EUR",
                            new BigDecimal("1000.00"), null, "fr", null, null));
        });
    }

    @Test
    void aRevision2RegistrationIsLeftAsStored() {
        String revision2 = """
                {"customerId":"c-1","name":"Garage Dupont","email":"compta@dupont.fr","country":"FR",
                 "currency":"EUR","creditLimit":1000.00,"vatNumber":null,"language":"fr","phone":"+33 1",
                 "billingAddress":{"street":"1 rue","postalCode":"69001","city":"Lyon","region":null,"country":"FR"}}""";

        List<IntermediateEventRepresentation> upcast = upcast(stored(revision2, "2"));

        assertThat(upcast).singleElement().satisfies(event -> {
            assertThat(event.getType().getRevision()).isEqualTo("2");
            assertThat(serializer.<Object, CustomerRegisteredEvent>deserialize((SerializedObject<Object>) event.getData()))
                    .isEqualTo(new CustomerRegisteredEvent("c-1", "Garage Dupont", "compta@dupont.fr", "FR", "EUR",
                            new BigDecimal("1000.00"), null, "fr", "+33 1",
                            new BillingAddress("1 rue", "69001", "Lyon", null, "FR")));
        });
    }
}
