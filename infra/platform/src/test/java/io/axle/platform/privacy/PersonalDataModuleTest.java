package io.axle.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.axle.api.customer.BillingAddress;
import io.axle.api.customer.CustomerRegisteredEvent;
import io.axle.api.order.OrderLine;
import io.axle.api.order.OrderPlacedEvent;
import io.axle.api.order.ShippingAddress;
import io.axle.api.privacy.PersonalData;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PersonalDataModuleTest {

    private static final BillingAddress ADDRESS = new BillingAddress("1 Rue Verte", "75001", "Paris", null, "FR");

    private JdbcPersonalDataKeys keys;
    private JacksonSerializer serializer;
    private ObjectMapper mapper;

    @BeforeEach
    void setUp() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:keys-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        keys = new JdbcPersonalDataKeys(dataSource, Duration.ofMinutes(1), Clock.systemUTC());
        mapper = new ObjectMapper().findAndRegisterModules()
                .registerModule(new PersonalDataModule(new PersonalDataCipher(keys)));
        serializer = JacksonSerializer.builder().objectMapper(mapper).build();
    }

    private static CustomerRegisteredEvent registered(String customerId) {
        return new CustomerRegisteredEvent(customerId, "Jeanne Martin", "jeanne@example.com", "FR", "EUR",
                new BigDecimal("500.00"), "FR40303265045", "fr", "+33 1 23 45 67 89", ADDRESS);
    }

    private String stored(Object payload) {
        return new String(serializer.serialize(payload, byte[].class).getData(), StandardCharsets.UTF_8);
    }

    private <T> T read(Object payload) {
        SerializedObject<byte[]> written = serializer.serialize(payload, byte[].class);
        return serializer.deserialize(written);
    }

    @Nested
    class Writing {

        @Test
        void personalFieldsAreStoredAsTokensOfTheirSubjectAndBusinessFactsInClear() throws Exception {
            String json = stored(registered("c-1"));

            assertThat(json).doesNotContain("Jeanne", "jeanne@example.com", "+33", "Rue Verte", "75001");
            ObjectNode tree = (ObjectNode) new ObjectMapper().readTree(json);
            for (String field : List.of("name", "email", "phone", "billingAddress")) {
                assertThat(tree.get(field).asText()).startsWith("axle:pd:v1:c-1:");
            }
            assertThat(tree.get("customerId").asText()).isEqualTo("c-1");
            assertThat(tree.get("country").asText()).isEqualTo("FR");
            assertThat(tree.get("vatNumber").asText()).isEqualTo("FR40303265045");
            assertThat(tree.get("creditLimit").decimalValue()).isEqualByComparingTo("500.00");
        }

        @Test
        void theSameValueIsEncryptedDifferentlyEachTime() throws Exception {
            ObjectMapper plain = new ObjectMapper();
            String first = plain.readTree(stored(registered("c-1"))).get("name").asText();
            String second = plain.readTree(stored(registered("c-1"))).get("name").asText();

            assertThat(first).isNotEqualTo(second);
        }

        @Test
        void nullPersonalFieldsStayNull() throws Exception {
            CustomerRegisteredEvent withoutPhone = new CustomerRegisteredEvent("c-1", "Jeanne Martin",
                    "jeanne@example.com", "FR", "EUR", BigDecimal.TEN);

            assertThat(new ObjectMapper().readTree(stored(withoutPhone)).get("phone").isNull()).isTrue();
        }

        @Test
        void theAddressOfAnOrderIsEncryptedWithItsCustomersKey() throws Exception {
            OrderPlacedEvent placed = new OrderPlacedEvent("o-1", "c-7", "EUR",
                    List.of(new OrderLine("SKU-1", 2, new BigDecimal("10.00"))),
                    new ShippingAddress("Jeanne Martin", "1 Rue Verte", "Paris", "75001", "FR"),
                    new BigDecimal("20.00"), "SO-2026-000001");

            String json = stored(placed);

            assertThat(json).doesNotContain("Jeanne", "Rue Verte").contains("SKU-1", "SO-2026-000001");
            assertThat(new ObjectMapper().readTree(json).get("shippingAddress").asText()).startsWith("axle:pd:v1:c-7:");
            assertThat(this.<OrderPlacedEvent>readBack(placed)).isEqualTo(placed);
        }

        @Test
        void aTypeWithPersonalDataButNoSubjectCannotBeWritten() {
            assertThatThrownBy(() -> mapper.writeValueAsString(new Anonymous("secret")))
                    .hasMessageContaining("names no @DataSubject");
        }

        @Test
        void personalDataOfANullRequiredSubjectIsRefused() {
            assertThatThrownBy(() -> mapper.writeValueAsString(new Owned(null, "secret")))
                    .hasMessageContaining("is personal data of a null subjectId");
        }

        @Test
        void anOptionalSubjectLeftNullKeepsTheValueInClearAndAGivenOneEncryptsIt() throws Exception {
            ObjectMapper plain = new ObjectMapper();

            assertThat(plain.readTree(stored(new MaybeOwned(null, "AB-123-CD"))).get("plate").asText())
                    .isEqualTo("AB-123-CD");
            assertThat(plain.readTree(stored(new MaybeOwned("c-9", "AB-123-CD"))).get("plate").asText())
                    .startsWith("axle:pd:v1:c-9:");
            assertThat(this.<MaybeOwned>readBack(new MaybeOwned(null, "AB-123-CD")))
                    .isEqualTo(new MaybeOwned(null, "AB-123-CD"));
        }

        @Test
        void vehicleOwnedByAnErasedCustomerReadsWithoutItsPlate() {
            io.axle.api.vehicle.VehicleRegisteredEvent owned = new io.axle.api.vehicle.VehicleRegisteredEvent("v-1",
                    "WVWZZZ1JZXW000001", "AB-123-CD", "FR", null, null, null, null, null, null, "c-8", List.of(),
                    "ops");
            SerializedObject<byte[]> written = serializer.serialize(owned, byte[].class);
            keys.erase("c-8");

            io.axle.api.vehicle.VehicleRegisteredEvent read = serializer.deserialize(written);
            assertThat(read.plate()).isNull();
            assertThat(read.vin()).isEqualTo("WVWZZZ1JZXW000001");
        }

        @Test
        void noPersonalDataIsWrittenForAnErasedSubject() {
            keys.erase("c-1");

            assertThatThrownBy(() -> stored(registered("c-1"))).hasRootCauseInstanceOf(SubjectErasedException.class);
        }

        private <T> T readBack(Object payload) {
            return read(payload);
        }
    }

    @Nested
    class Reading {

        @Test
        void aStoredEventReadsAsItWasWritten() {
            CustomerRegisteredEvent event = registered("c-1");

            assertThat(PersonalDataModuleTest.this.<CustomerRegisteredEvent>read(event)).isEqualTo(event);
        }

        @Test
        void onceTheSubjectIsErasedItsPersonalFieldsReadAsNullAndTheRestStays() {
            SerializedObject<byte[]> written = serializer.serialize(registered("c-1"), byte[].class);
            SerializedObject<byte[]> other = serializer.serialize(registered("c-2"), byte[].class);

            keys.erase("c-1");

            CustomerRegisteredEvent erased = serializer.deserialize(written);
            assertThat(erased).isEqualTo(new CustomerRegisteredEvent("c-1", null, null, "FR", "EUR",
                    new BigDecimal("500.00"), "FR40303265045", "fr", null, null));
            assertThat(serializer.<byte[], CustomerRegisteredEvent>deserialize(other)).isEqualTo(registered("c-2"));
        }

        @Test
        void aPlainValueWrittenBeforeEncryptionIsReadAsItIs() throws Exception {
            String old = """
                    {"customerId":"c-1","name":"Jeanne Martin","email":"jeanne@example.com","country":"FR",
                     "currency":"EUR","creditLimit":500.00,"vatNumber":"FR40303265045","language":"fr",
                     "phone":"+33 1 23 45 67 89","billingAddress":{"street":"1 Rue Verte","postalCode":"75001",
                     "city":"Paris","region":null,"country":"FR"}}""";

            assertThat(mapper.readValue(old, CustomerRegisteredEvent.class)).isEqualTo(registered("c-1"));
        }

        @Test
        void anAlteredTokenIsRefused() throws Exception {
            ObjectNode tree = (ObjectNode) new ObjectMapper().readTree(stored(registered("c-1")));
            String token = tree.get("name").asText();
            int inside = "axle:pd:v1:c-1:".length() + 20;
            char altered = token.charAt(inside) == 'A' ? 'B' : 'A';
            tree.put("name", token.substring(0, inside) + altered + token.substring(inside + 1));

            assertThatThrownBy(() -> mapper.treeToValue(tree, CustomerRegisteredEvent.class))
                    .hasStackTraceContaining("was altered or damaged");
        }

        @Test
        void aTokenMovedToAnotherSubjectIsRefused() throws Exception {
            ObjectNode tree = (ObjectNode) new ObjectMapper().readTree(stored(registered("c-1")));
            stored(registered("c-2"));
            tree.put("name", tree.get("name").asText().replace(":c-1:", ":c-2:"));

            assertThatThrownBy(() -> mapper.treeToValue(tree, CustomerRegisteredEvent.class))
                    .hasStackTraceContaining("was altered or damaged");
        }
    }

    @Nested
    class Keys {

        @Test
        void erasingTwiceAnswersTheFirstErasure() {
            stored(registered("c-1"));

            var first = keys.erase("c-1");

            assertThat(keys.erase("c-1")).isEqualTo(first);
            assertThat(keys.erasedAt("c-1")).contains(first);
            assertThat(keys.keyToRead("c-1")).isEmpty();
        }

        @Test
        void aSubjectNeverSeenIsNotErasedAndCanBeErased() {
            assertThat(keys.erasedAt("c-9")).isEmpty();

            keys.erase("c-9");

            assertThat(keys.erasedAt("c-9")).isPresent();
            assertThatThrownBy(() -> keys.keyToWrite("c-9")).isInstanceOf(SubjectErasedException.class);
        }

        @Test
        void oneKeyPerSubjectCreatedOnFirstUse() {
            assertThat(keys.keyToRead("c-1")).isEmpty();

            var key = keys.keyToWrite("c-1");

            assertThat(key.getEncoded()).hasSize(32);
            assertThat(keys.keyToWrite("c-1")).isEqualTo(key);
            assertThat(keys.keyToWrite("c-2")).isNotEqualTo(key);
        }
    }

    /** Personal data whose subject is required. */
    record Owned(@io.axle.api.privacy.DataSubject String subjectId, @PersonalData String secret) {
    }

    /** Personal data of a subject that may be absent: then the value is no one's and stays in clear. */
    record MaybeOwned(@io.axle.api.privacy.DataSubject(optional = true) String owner, @PersonalData String plate) {
    }

    /** Personal data without a subject: a mistake the module refuses to store. */
    record Anonymous(@PersonalData String secret) {
    }
}
