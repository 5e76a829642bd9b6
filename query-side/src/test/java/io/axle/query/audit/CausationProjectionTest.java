package io.axle.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.axle.api.order.OrderConfirmedEvent;
import io.axle.api.order.OrderStockReservedEvent;
import io.axle.platform.messaging.MessageMetadata;
import io.axle.query.InMemoryMongo;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.List;
import java.util.UUID;
import java.time.Clock;
import java.time.Duration;
import com.fasterxml.jackson.databind.JsonNode;
import io.axle.api.order.OrderLine;
import io.axle.api.order.OrderPlacedEvent;
import io.axle.api.order.ShippingAddress;
import io.axle.platform.privacy.JdbcPersonalDataKeys;
import io.axle.platform.privacy.PersonalDataCipher;
import io.axle.platform.privacy.PersonalDataModule;
import io.axle.platform.privacy.PersonalDataTree;
import org.h2.jdbcx.JdbcDataSource;
import java.util.function.UnaryOperator;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CausationProjectionTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    private InMemoryMongo mongo;
    private CausationProjection projection;

    @BeforeEach
    void start() {
        mongo = InMemoryMongo.start();
        projection = new CausationProjection(mongo.template(), json);
        projection.createIndexes();
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void anEventAppliedTwiceIsFiledOnce() throws Exception {
        DomainEventMessage<?> reserved = event("e-1", new OrderStockReservedEvent("o-1"), 1, T0,
                Map.of(MessageMetadata.CORRELATION_ID, "req-1", MessageMetadata.CAUSATION_ID, "cmd-1"));

        projection.on(reserved.getPayload(), reserved);
        projection.on(reserved.getPayload(), reserved);

        assertThat(projection.entries("req-1")).containsExactly(new CausationEntry("e-1", "req-1", "cmd-1", "Order",
                "o-1", 1L, "OrderStockReservedEvent", T0, null, null, null, null, "{\"orderId\":\"o-1\"}"));
    }

    @Test
    void anEventWithoutCorrelationIsNotFiled() throws Exception {
        DomainEventMessage<?> bare = event("e-1", new OrderStockReservedEvent("o-1"), 1, T0, Map.of());

        projection.on(bare.getPayload(), bare);

        assertThat(mongo.template().getCollection(CausationProjection.COLLECTION).countDocuments()).isZero();
    }

    @Test
    void eventsHangUnderTheirCommandsAndCommandsUnderTheEventThatCausedThem() throws Exception {
        apply(event("e-1", new OrderStockReservedEvent("o-1"), 1, T0, Map.of(MessageMetadata.CORRELATION_ID, "req-1",
                MessageMetadata.CAUSATION_ID, "cmd-1", MessageMetadata.COMMAND, "MarkOrderStockReservedCommand",
                MessageMetadata.COMMAND_CAUSATION_ID, "req-1", MessageMetadata.USER, "ada")));
        apply(event("e-2", new OrderConfirmedEvent("o-1", "c-1", BigDecimal.TEN, "EUR"), 2, T0.plusSeconds(1), Map.of(MessageMetadata.CORRELATION_ID,
                "req-1", MessageMetadata.CAUSATION_ID, "cmd-2", MessageMetadata.COMMAND, "ConfirmOrderCommand",
                MessageMetadata.COMMAND_CAUSATION_ID, "e-1")));
        apply(event("e-3", new OrderConfirmedEvent("o-2", "c-1", BigDecimal.TEN, "EUR"), 0, T0, Map.of(MessageMetadata.CORRELATION_ID, "req-2")));

        CausationTree tree = CausationTree.of("req-1", projection.entries("req-1"), json, UnaryOperator.identity());

        assertThat(tree.roots()).extracting(CausationTree.Node::id).containsExactly("cmd-1");
        CausationTree.Node first = tree.roots().get(0);
        assertThat(first.kind()).isEqualTo("command");
        assertThat(first.type()).isEqualTo("MarkOrderStockReservedCommand");
        assertThat(first.user()).isEqualTo("ada");
        CausationTree.Node reserved = first.children().get(0);
        assertThat(reserved.id()).isEqualTo("e-1");
        assertThat(reserved.payload().get("orderId").asText()).isEqualTo("o-1");
        CausationTree.Node confirm = reserved.children().get(0);
        assertThat(confirm.type()).isEqualTo("ConfirmOrderCommand");
        assertThat(confirm.children()).extracting(CausationTree.Node::type).containsExactly("OrderConfirmedEvent");
    }

    private void apply(DomainEventMessage<?> event) throws Exception {
        projection.on(event.getPayload(), event);
    }

    private static DomainEventMessage<?> event(String id, Object payload, long sequence, Instant at,
                                               Map<String, ?> metadata) {
        String orderId = payload instanceof OrderConfirmedEvent c ? c.orderId()
                : payload instanceof OrderPlacedEvent p ? p.orderId() : ((OrderStockReservedEvent) payload).orderId();
        return new GenericDomainEventMessage<>("Order", orderId, sequence, payload, MetaData.from(metadata), id, at);
    }

    @Test
    void personalDataIsFiledEncryptedShownWhileItsSubjectIsKnownAndErasedAfter() throws Exception {
        JdbcDataSource keyStore = new JdbcDataSource();
        keyStore.setURL("jdbc:h2:mem:causation-keys-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        JdbcPersonalDataKeys keys = new JdbcPersonalDataKeys(keyStore, Duration.ofMinutes(1), Clock.systemUTC());
        PersonalDataCipher cipher = new PersonalDataCipher(keys);
        ObjectMapper axon = new ObjectMapper().registerModule(new JavaTimeModule())
                .registerModule(new PersonalDataModule(cipher));
        CausationProjection encrypting = new CausationProjection(mongo.template(), axon);
        ShippingAddress address = new ShippingAddress("Ada Lovelace", "1 Rue de la Paix", "Paris", "75002", "FR");
        DomainEventMessage<?> placed = event("e-1", new OrderPlacedEvent("o-1", "c-1", "EUR",
                List.of(new OrderLine("SKU-1", 1, BigDecimal.TEN)), address, BigDecimal.TEN, "SO-2026-000001"), 0, T0,
                Map.of(MessageMetadata.CORRELATION_ID, "req-1"));

        encrypting.on(placed.getPayload(), placed);

        assertThat(encrypting.entries("req-1")).singleElement().extracting(CausationEntry::payload).asString()
                .doesNotContain("Ada Lovelace", "Rue de la Paix").contains("axle:pd:v1:c-1:", "SKU-1");
        PersonalDataTree tree = new PersonalDataTree(cipher, json);
        assertThat(CausationTree.of("req-1", encrypting.entries("req-1"), json, tree::reveal).roots().get(0).payload()
                .get("shippingAddress").get("recipient").asText()).isEqualTo("Ada Lovelace");

        keys.erase("c-1");

        JsonNode erased = CausationTree.of("req-1", encrypting.entries("req-1"), json, tree::reveal).roots().get(0)
                .payload();
        assertThat(erased.get("shippingAddress").isNull()).isTrue();
        assertThat(erased.get("number").asText()).isEqualTo("SO-2026-000001");
    }
}
