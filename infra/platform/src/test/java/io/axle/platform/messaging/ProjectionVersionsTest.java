package io.axle.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.axle.platform.web.NotFoundException;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The switch rules of blue/green projection versions, with the pointers on a real MongoDB wire server and the event
 * processing side replaced by a record of what was asked of it.
 */
class ProjectionVersionsTest {

    private static final VersionedProjection PRODUCTS = VersionedProjection.of("products",
            new VersionedProjection.Version("products", "products"),
            new VersionedProjection.Version("products-v2", "products_v2"));
    private static final Duration CACHE = Duration.ofSeconds(1);
    private static final Duration RETIRE_AFTER = Duration.ofSeconds(5);

    /** The processing side as the versions see it: which groups have caught up, and which were retired here. */
    static final class Processing implements ProjectionVersions.VersionProcessors {

        final Set<String> caughtUp = new HashSet<>();
        final List<String> retired = new ArrayList<>();

        @Override
        public boolean caughtUp(String processingGroup) {
            return caughtUp.contains(processingGroup);
        }

        @Override
        public void retire(String processingGroup) {
            retired.add(processingGroup);
        }
    }

    /** A clock the test moves forward. */
    static final class Hands extends Clock {

        Instant now = Instant.parse("2026-12-07T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private MongoServer server;
    private MongoClient client;
    private MongoTemplate mongo;
    private final Processing processing = new Processing();
    private final Hands clock = new Hands();
    private ProjectionVersions.SwitchMode mode = ProjectionVersions.SwitchMode.AUTO;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        mongo = new MongoTemplate(client, "axle-versions-test");
        mongo.insert(new Document("_id", "BRK-001").append("name", "Brake pad"), "products");
        mongo.insert(new Document("_id", "BRK-001").append("name", "Brake pad"), "products_v2");
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    /** One node's view of the versions; several share the same pointers, as nodes share the read store. */
    private ProjectionVersions node(ProjectionVersions.VersionProcessors processors) {
        return new ProjectionVersions(List.of(PRODUCTS), new ProjectionPointers(() -> mongo), processors,
                name -> mode, CACHE, RETIRE_AFTER, clock);
    }

    @Nested
    class BeforeTheNewVersionHasCaughtUp {

        @Test
        void queriesReadTheOldVersionAndTheNewOneIsPending() {
            ProjectionVersions versions = node(processing);

            versions.check();

            assertThat(versions.collection("products")).isEqualTo("products");
            assertThat(versions.state("products")).isEqualTo(new ProjectionVersions.State("products", "products",
                    "products-v2", ProjectionVersions.SwitchMode.AUTO, false, null));
            assertThat(versions.membership("products-v2").orElseThrow().role())
                    .isEqualTo(ProjectionVersions.Role.PENDING);
            assertThat(versions.membership("products").orElseThrow().role()).isEqualTo(ProjectionVersions.Role.ACTIVE);
            assertThat(versions.membership("orders")).isEmpty();
            assertThat(processing.retired).isEmpty();
        }

        @Test
        void anAdministratorCannotSwitchYet() {
            ProjectionVersions versions = node(processing);

            assertThatThrownBy(() -> versions.switchNow("products"))
                    .isInstanceOfSatisfying(Processors.RefusedException.class,
                            refused -> assertThat(refused.rule()).isEqualTo("not-caught-up"));
            assertThat(versions.collection("products")).isEqualTo("products");
        }
    }

    @Nested
    class OnceTheNewVersionHasCaughtUp {

        @Test
        void theSwitchHappensOnceAndEveryNodeFollowsIt() {
            ProjectionVersions first = node(processing);
            ProjectionVersions second = node(processing);
            assertThat(second.collection("products")).isEqualTo("products");
            processing.caughtUp.add("products-v2");

            first.check();
            Instant switchedAt = clock.instant();
            clock.advance(Duration.ofMillis(500));
            second.check();
            first.check();

            assertThat(first.collection("products")).isEqualTo("products_v2");
            assertThat(mongo.count(new Query(),
                    ProjectionPointers.COLLECTION)).isEqualTo(1);
            assertThat(first.state("products")).isEqualTo(new ProjectionVersions.State("products", "products-v2",
                    null, ProjectionVersions.SwitchMode.AUTO, true, switchedAt));
            assertThat(second.state("products").switchedAt()).as("not switched a second time").isEqualTo(switchedAt);
            assertThat(first.membership("products").orElseThrow().role()).isEqualTo(ProjectionVersions.Role.RETIRED);
        }

        @Test
        void aNodeStillCachingTheOldPointerReadsTheNewOneWithinTheCacheTime() {
            ProjectionVersions other = node(processing);
            assertThat(other.collection("products")).isEqualTo("products");
            processing.caughtUp.add("products-v2");

            node(processing).check();

            assertThat(other.collection("products")).as("cached").isEqualTo("products");
            clock.advance(CACHE);
            assertThat(other.collection("products")).isEqualTo("products_v2");
        }

        @Test
        void theOldVersionIsRetiredOnEveryNodeOnceNoCacheCanPointAtItAnyMore() {
            ProjectionVersions first = node(processing);
            Processing elsewhere = new Processing();
            ProjectionVersions second = node(elsewhere);
            processing.caughtUp.add("products-v2");
            elsewhere.caughtUp.add("products-v2");
            first.check();

            clock.advance(RETIRE_AFTER.minusMillis(1));
            first.check();
            assertThat(processing.retired).isEmpty();
            assertThat(first.retired("products")).as("still fed for nodes that read it").isFalse();
            assertThat(mongo.collectionExists("products")).isTrue();

            clock.advance(Duration.ofMillis(1));
            first.check();
            first.check();
            second.check();

            assertThat(processing.retired).containsExactly("products");
            assertThat(elsewhere.retired).containsExactly("products");
            assertThat(mongo.collectionExists("products")).isFalse();
            assertThat(mongo.collectionExists("products_v2")).isTrue();
            assertThat(first.retired("products")).isTrue();
            assertThat(first.retired("products-v2")).isFalse();
        }

        @Test
        void aCollectionOfTheRetiredVersionMadeAgainIsDroppedAgain() {
            processing.caughtUp.add("products-v2");
            ProjectionVersions versions = node(processing);
            versions.check();
            clock.advance(RETIRE_AFTER);
            versions.check();

            mongo.createCollection("products");
            versions.check();

            assertThat(mongo.collectionExists("products")).isFalse();
            assertThat(processing.retired).containsExactly("products");
        }

        @Test
        void withManualSwitchingOnlyAnAdministratorSwitches() {
            mode = ProjectionVersions.SwitchMode.MANUAL;
            processing.caughtUp.add("products-v2");
            ProjectionVersions versions = node(processing);

            versions.check();
            assertThat(versions.collection("products")).isEqualTo("products");

            ProjectionVersions.State state = versions.switchNow("products");

            assertThat(state.active()).isEqualTo("products-v2");
            assertThat(state.pending()).isNull();
            assertThat(versions.collection("products")).isEqualTo("products_v2");
            assertThatThrownBy(() -> versions.switchNow("products"))
                    .isInstanceOfSatisfying(Processors.RefusedException.class,
                            refused -> assertThat(refused.rule()).isEqualTo("nothing-pending"));
        }
    }

    @Test
    void ofTwoNodesSwitchingAtOnceOnlyOneSwitches() {
        ProjectionPointers pointers = new ProjectionPointers(() -> mongo);

        boolean first = pointers.switchActive("products", "products", true, "products-v2", clock.instant());
        boolean second = pointers.switchActive("products", "products", true, "products-v2", clock.instant());

        assertThat(first).isTrue();
        assertThat(second).isFalse();
    }

    @Test
    void aPointerToAVersionNoLongerDeclaredCountsAsNone() {
        mongo.insert(new Document("_id", "products").append("active", "products-v0"), ProjectionPointers.COLLECTION);

        assertThat(node(processing).collection("products")).isEqualTo("products");
    }

    @Test
    void anUnknownProjectionIsNotFound() {
        assertThatThrownBy(() -> node(processing).switchNow("orders")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theOldVersionMustOutliveEveryCachedPointer() {
        assertThatThrownBy(() -> new ProjectionVersions(List.of(PRODUCTS), new ProjectionPointers(() -> mongo),
                processing, name -> mode, CACHE, CACHE, clock)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void versionsNeedTheirOwnGroupAndCollection() {
        assertThatThrownBy(() -> VersionedProjection.of("products",
                new VersionedProjection.Version("products", "products"),
                new VersionedProjection.Version("products-v2", "products")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
