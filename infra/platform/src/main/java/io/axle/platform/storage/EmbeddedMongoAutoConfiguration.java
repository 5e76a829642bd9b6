package io.axle.platform.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import com.mongodb.ConnectionString;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStoreTool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoConnectionDetails;
import org.springframework.boot.actuate.autoconfigure.data.mongo.MongoHealthContributorAutoConfiguration;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Starts an in-process MongoDB wire-protocol server persisting to {@code ${axle.data-dir}/readmodels} and points the
 * real MongoDB driver at it, unless {@code spring.data.mongodb.uri} names a real MongoDB.
 */
@AutoConfiguration(before = {MongoAutoConfiguration.class, MongoHealthContributorAutoConfiguration.class})
@ConditionalOnClass(MongoServer.class)
@ConditionalOnExpression("'${spring.data.mongodb.uri:}'.isEmpty() and ${axle.mongo.embedded.enabled:true}")
public class EmbeddedMongoAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoAutoConfiguration.class);

    /**
     * The running server; closing it flushes and closes the H2 file, and rewrites the file when a compaction was
     * requested (the request is a file beside it, so a stop without it is made good at the next start).
     */
    public record EmbeddedMongo(MongoServer server, H2Backend backend, int port, Path file)
            implements ReadStoreCompaction {

        void close() {
            server.shutdownNow();
            backend.close();
            compactIfRequested(file);
        }

        @Override
        public void request() {
            Path marker = compactionMarker(file);
            if (!Files.exists(marker)) {
                try {
                    Files.writeString(marker, "requested\n");
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot request a compaction of " + file, e);
                }
            }
        }
    }

    private static Path compactionMarker(Path file) {
        return file.resolveSibling(file.getFileName() + ".compact");
    }

    /** Rewrites the closed store {@code file} with its live data only, when a compaction was requested. */
    static void compactIfRequested(Path file) {
        Path marker = compactionMarker(file);
        if (!Files.exists(marker) || !Files.exists(file)) {
            return;
        }
        long before = file.toFile().length();
        MVStoreTool.compact(file.toString(), false);
        try {
            Files.deleteIfExists(marker);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log.info("Embedded read store {} rewritten without its unused space ({} -> {} bytes)", file, before,
                file.toFile().length());
    }

    @Bean(destroyMethod = "close")
    EmbeddedMongo axleEmbeddedMongo(@Value("${axle.data-dir:./data}") String dataDir,
                                    @Value("${axle.mongo.embedded.port:0}") int port) {
        Path dir = Path.of(dataDir).toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir.resolve("readmodels"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path file = dir.resolve("readmodels").resolve("mongo.mv");
        compactIfRequested(file);
        H2Backend backend = new DurableH2Backend(file.toString());
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        InetSocketAddress address = server.getLocalAddress();
        log.info("Embedded MongoDB (mongo-java-server, H2 backend) on 127.0.0.1:{}, data in {}", address.getPort(), file);
        return new EmbeddedMongo(server, backend, address.getPort(), file);
    }

    @Bean
    MongoConnectionDetails axleEmbeddedMongoConnectionDetails(EmbeddedMongo mongo,
                                                             @Value("${spring.data.mongodb.database:axle}") String database) {
        ConnectionString connectionString =
                new ConnectionString("mongodb://127.0.0.1:" + mongo.port() + "/" + database);
        return () -> connectionString;
    }

    /** Replaces Boot's Mongo health check, whose {@code hello} command the embedded server does not know. */
    @Bean
    HealthIndicator mongoHealthIndicator(MongoTemplate mongoTemplate) {
        return new AbstractHealthIndicator("MongoDB health check failed") {
            @Override
            protected void doHealthCheck(Health.Builder builder) {
                mongoTemplate.executeCommand("{ ping: 1 }");
                builder.up().withDetail("server", "embedded (mongo-java-server)");
            }
        };
    }
}
