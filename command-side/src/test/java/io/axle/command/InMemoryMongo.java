package io.axle.command;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/** An in-process MongoDB wire-protocol server on a random port, reached by the real driver over TCP. */
public final class InMemoryMongo implements AutoCloseable {

    private final MongoServer server;
    private final MongoClient client;

    private InMemoryMongo() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
    }

    public static InMemoryMongo start() {
        return new InMemoryMongo();
    }

    /** The database of the command side's tests. */
    public MongoDatabase database() {
        return client.getDatabase("axle-command-test");
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
