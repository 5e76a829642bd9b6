package io.axle.platform.storage;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.set;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.axle.platform.storage.EmbeddedMongoAutoConfiguration.EmbeddedMongo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A value a read model overwrote leaves the embedded store's file once a compaction was requested. */
class ReadStoreCompactionTest {

    private static final String SECRET = "Zoe-Quillfeather-4711";

    @TempDir
    Path dataDir;

    private final EmbeddedMongoAutoConfiguration configuration = new EmbeddedMongoAutoConfiguration();

    private EmbeddedMongo start() {
        return configuration.axleEmbeddedMongo(dataDir.toString(), 0);
    }

    private Path file() {
        return dataDir.resolve("readmodels").resolve("mongo.mv");
    }

    /** Whether the file's bytes hold {@code text} in UTF-8 (compared byte for byte, as Latin-1 text). */
    private boolean fileHolds(String text) throws IOException {
        return new String(Files.readAllBytes(file()), StandardCharsets.ISO_8859_1)
                .contains(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
    }

    @Test
    void anOverwrittenValueIsGoneFromTheFileAfterTheRequestedRewriteAndTheLiveDataStays() throws IOException {
        EmbeddedMongo mongo = start();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + mongo.port())) {
            MongoCollection<Document> customers = client.getDatabase("axle").getCollection("customers");
            customers.insertOne(new Document("_id", "c-1").append("name", SECRET).append("country", "FR"));
            customers.updateOne(eq("_id", "c-1"), set("name", null));
            mongo.request();
        }
        mongo.close();

        assertThat(fileHolds(SECRET)).isFalse();
        assertThat(Files.exists(file().resolveSibling("mongo.mv.compact"))).isFalse();
        EmbeddedMongo reopened = start();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + reopened.port())) {
            Document customer = client.getDatabase("axle").getCollection("customers").find(eq("_id", "c-1")).first();
            assertThat(customer).isNotNull();
            assertThat(customer.getString("country")).isEqualTo("FR");
            assertThat(customer.get("name")).isNull();
        } finally {
            reopened.close();
        }
    }

    @Test
    void aRequestLeftByAStopWithoutRewriteIsDoneAtTheNextStart() throws IOException {
        EmbeddedMongo mongo = start();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + mongo.port())) {
            MongoCollection<Document> customers = client.getDatabase("axle").getCollection("customers");
            customers.insertOne(new Document("_id", "c-1").append("name", SECRET));
            customers.updateOne(eq("_id", "c-1"), set("name", null));
        }
        mongo.close();
        assertThat(fileHolds(SECRET)).as("the overwritten value is still in the file before the rewrite").isTrue();
        Files.writeString(file().resolveSibling("mongo.mv.compact"), "requested\n");

        start().close();

        assertThat(fileHolds(SECRET)).isFalse();
    }
}
