package io.axle.launcher.e2e;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.util.FileSystemUtils;

/**
 * What several Axle processes of one test share: a fresh PostgreSQL database (event store, tokens, sagas, deadlines),
 * an in-memory MongoDB wire server (read models) and a JWT secret, plus a data folder for their own files. Closing it
 * stops the read store, drops the database and deletes the folder.
 */
final class SharedStores implements AutoCloseable {

    private final PostgresDatabase database;
    private final MongoServer mongo;
    private final Path dataDir;

    private SharedStores(String name) {
        database = PostgresDatabase.create("axle_" + name);
        mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", 0);
        dataDir = AxleProcess.tempDataDir("axle-" + name);
    }

    static SharedStores start(String name) {
        return new SharedStores(name);
    }

    /** The properties every process needs to use the shared stores; a new map each time, to add to. */
    Map<String, String> properties() {
        Map<String, String> shared = new HashMap<>(database.properties());
        shared.put("spring.data.mongodb.uri", "mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort() + "/axle");
        shared.put("axle.security.jwt-secret", "shared-secret-for-all-processes-of-this-test-0123456789");
        return shared;
    }

    /** The folder of a process's own files (Kafka, Hazelcast, logs) under the test's data folder. */
    Path dataDir(String process) {
        return dataDir.resolve(process);
    }

    @Override
    public void close() {
        mongo.shutdownNow();
        database.close();
        FileSystemUtils.deleteRecursively(dataDir.toFile());
    }
}
