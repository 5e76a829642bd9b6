package io.axle.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** Users and API keys against a real MongoDB wire protocol server (in memory). */
class AccountsAndApiKeysTest {

    private static MongoServer server;
    private static MongoClient client;
    private MongoTemplate mongo;

    @BeforeAll
    static void startMongo() {
        server = new MongoServer(H2Backend.inMemory());
        String connection = server.bindAndGetConnectionString();
        client = MongoClients.create(connection);
    }

    @AfterAll
    static void stopMongo() {
        client.close();
        server.shutdownNow();
    }

    @BeforeEach
    void freshDatabase() {
        mongo = new MongoTemplate(client, "test-" + System.nanoTime());
    }

    @Test
    void apiKeyIsShownOnceAndStoredOnlyAsItsSha256() {
        ApiKeys keys = new ApiKeys(mongo);

        ApiKeys.ApiKey created = keys.create("partner-1", "partner", "customer-a", null);
        Document stored = mongo.findById(created.id(), Document.class, ApiKeys.COLLECTION);

        assertThat(created.key()).startsWith("axk_").hasSizeGreaterThan(40);
        assertThat(created.role()).isEqualTo("PARTNER");
        assertThat(keys.authenticate(created.key())).get().extracting(ApiKeys.ApiKey::customerId)
                .isEqualTo("customer-a");
        assertThat(stored.toJson()).doesNotContain(created.key());
        assertThat(stored.getString("hash")).isEqualTo(ApiKeys.hash(created.key())).hasSize(64);
        assertThat(keys.list()).singleElement().satisfies(key -> assertThat(key.key()).isNull());
    }

    @Test
    void apiKeyAuthenticatesOnlyWithTheExactKey() {
        ApiKeys keys = new ApiKeys(mongo);
        ApiKeys.ApiKey created = keys.create("device-7", "DEVICE", null, "t-7");

        assertThat(keys.authenticate(created.key())).get()
                .satisfies(key -> assertThat(key.name()).isEqualTo("device-7"));
        assertThat(keys.authenticate(created.key() + "x")).isEmpty();
        assertThat(keys.authenticate("not-a-key")).isEmpty();
    }

    @Test
    void unknownRolesAreRefused() {
        assertThatThrownBy(() -> new ApiKeys(mongo).create("k", "SUPERUSER"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void usersAreStoredWithBcryptAndAuthenticateByPassword() {
        UserAccounts users = new UserAccounts(mongo, new BCryptPasswordEncoder(4));

        assertThat(users.create("alice", "correct horse", List.of("ROLE_operator"))).isTrue();
        assertThat(users.create("alice", "other", List.of("ADMIN"))).isFalse();

        assertThat(users.authenticate("alice", "correct horse")).get()
                .satisfies(user -> assertThat(user.roles()).containsExactly("OPERATOR"));
        assertThat(users.authenticate("alice", "wrong")).isEmpty();
        assertThat(users.authenticate("bob", "correct horse")).isEmpty();
        assertThat(mongo.findById("alice", Document.class, UserAccounts.COLLECTION).getString("passwordHash"))
                .startsWith("$2");
    }

    @Test
    void adminIsCreatedOnceWithTheConfiguredPassword() {
        UserAccounts users = new UserAccounts(mongo, new BCryptPasswordEncoder(4));
        new AdminBootstrap(users, "admin", "first-password").afterPropertiesSet();
        new AdminBootstrap(users, "admin", "second-password").afterPropertiesSet();

        assertThat(users.authenticate("admin", "first-password")).isPresent();
        assertThat(users.authenticate("admin", "second-password")).isEmpty();
    }

    @Test
    void aPartnerKeyNamesItsCustomerAndADeviceKeyItsDeviceAndNoOtherKeyNamesEither() {
        ApiKeys keys = new ApiKeys(mongo);

        assertThatThrownBy(() -> keys.create("p", "PARTNER")).isInstanceOf(ApiKeys.InvalidBindingException.class)
                .hasMessageContaining("customer");
        assertThatThrownBy(() -> keys.create("o", "OPERATOR", "customer-a", null))
                .isInstanceOf(ApiKeys.InvalidBindingException.class);
        assertThatThrownBy(() -> keys.create("o", "OPERATOR", null, "t-1"))
                .isInstanceOf(ApiKeys.InvalidBindingException.class);
        assertThatThrownBy(() -> keys.create("d", "DEVICE")).isInstanceOf(ApiKeys.InvalidBindingException.class)
                .hasMessageContaining("device");
        assertThatThrownBy(() -> keys.create("d", "DEVICE", null, " "))
                .isInstanceOf(ApiKeys.InvalidBindingException.class);
        assertThat(keys.create("d", "DEVICE", null, "t-1").deviceId()).isEqualTo("t-1");
        assertThat(keys.list()).extracting(ApiKeys.ApiKey::name).containsExactly("d");
    }

    @Test
    void userNamesAreUniqueRegardlessOfCase() {
        UserAccounts users = new UserAccounts(mongo, new BCryptPasswordEncoder(4));

        assertThat(users.create("admin", "password-1", List.of("ADMIN"))).isTrue();
        assertThat(users.create("Admin", "password-2", List.of("ADMIN"))).isFalse();
        assertThat(users.create("ADMIN", "password-3", List.of("ANALYST"))).isFalse();
        assertThat(users.list()).extracting(UserAccounts.UserAccount::username).containsExactly("admin");
    }

    @Test
    void aKnownUserStaysSignedInWhileTheReadStoreIsAwayButAnUnknownOneIsNotLetIn() throws Exception {
        AtomicBoolean storeAway = new AtomicBoolean();
        MongoTemplate flaky = new MongoTemplate(client, "test-" + System.nanoTime()) {
            @Override
            public <T> T findById(Object id, Class<T> entityClass, String collectionName) {
                if (storeAway.get()) {
                    throw new DataAccessResourceFailureException("Timed out after 2000 ms while waiting for a server");
                }
                return super.findById(id, entityClass, collectionName);
            }
        };
        UserAccounts users = new UserAccounts(flaky, new BCryptPasswordEncoder(4));
        users.create("op1", "password-1", List.of("OPERATOR"));
        assertThat(users.stillExists("op1")).isTrue();

        storeAway.set(true);
        Thread.sleep(UserAccounts.EXISTS_CACHE_TTL.toMillis() + 200);

        assertThat(users.stillExists("op1")).as("known a moment ago").isTrue();
        assertThatThrownBy(() -> users.stillExists("never-seen")).isInstanceOf(DataAccessResourceFailureException.class);
    }
}
