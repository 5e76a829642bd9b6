package io.axle.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The idempotency records on the embedded MongoDB wire server, which has no TTL indexes, over the real driver. */
class MongoIdempotencyStoreTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration RETENTION = Duration.ofHours(1);

    private MongoServer server;
    private MongoClient client;
    private MongoTemplate mongo;
    private MongoIdempotencyStore store;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        mongo = new MongoTemplate(client, "axle-idempotency-test");
        store = new MongoIdempotencyStore(mongo, RETENTION);
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    private long stored() {
        return mongo.getCollection(MongoIdempotencyStore.COLLECTION).countDocuments();
    }

    private void completed(String key, Instant at) {
        assertThat(store.claim(key, "hash-" + key, at)).isEmpty();
        store.complete(key, new IdempotencyStore.StoredResponse(202, Map.of("Location", List.of("/x")),
                new byte[] {1, 2, 3}));
    }

    @Test
    void aCompletedKeyIsReplayedWithinTheRetention() {
        completed("alice|k-1", T0);

        IdempotencyStore.Entry entry = store.claim("alice|k-1", "hash-alice|k-1", T0.plus(RETENTION)).orElseThrow();

        assertThat(entry.completed()).isTrue();
        assertThat(entry.response().status()).isEqualTo(202);
        assertThat(entry.response().body()).containsExactly(1, 2, 3);
    }

    @Test
    void anExpiredKeyIsFreeAgainEvenBeforeItIsPurged() {
        completed("alice|k-1", T0);

        assertThat(store.claim("alice|k-1", "other-hash", T0.plus(RETENTION).plusSeconds(1)))
                .as("a key past its retention is claimed anew, by any request").isEmpty();
        assertThat(stored()).isEqualTo(1);
    }

    @Test
    void expiredRecordsAreDeletedFromTheEmbeddedStoreWhenTheNextKeyIsClaimed() {
        completed("alice|k-1", T0);
        completed("alice|k-2", T0.plusSeconds(1));
        completed("bob|k-1", T0.plus(Duration.ofMinutes(30)));
        assertThat(stored()).isEqualTo(3);

        completed("bob|k-2", T0.plus(RETENTION).plus(Duration.ofMinutes(10)));

        assertThat(stored()).as("the two records older than the retention are gone").isEqualTo(2);
        assertThat(store.claim("bob|k-1", "hash-bob|k-1", T0.plus(RETENTION).plus(Duration.ofMinutes(10))))
                .hasValueSatisfying(entry -> assertThat(entry.completed()).isTrue());
    }

    @Test
    void purgeDeletesOnlyRecordsOlderThanTheRetention() {
        completed("alice|k-1", T0);
        completed("alice|k-2", T0.plus(Duration.ofMinutes(45)));

        assertThat(store.purgeExpired(T0.plus(RETENTION).plusSeconds(1))).isEqualTo(1);
        assertThat(stored()).isEqualTo(1);
    }
}
