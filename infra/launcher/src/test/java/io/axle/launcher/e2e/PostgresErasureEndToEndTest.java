package io.axle.launcher.e2e;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * The erasure scenarios with the event store on the machine's PostgreSQL (profile `postgres`); the files scanned are
 * the test database's own, after a checkpoint has written every page to them. PostgreSQL keeps a deleted key in dead
 * rows and its write-ahead log until vacuum and recycling reclaim them, which Axle does not force: only the absence of
 * plaintext is checked there.
 */
class PostgresErasureEndToEndTest extends ErasureScenarios {

    private final PostgresDatabase database = PostgresDatabase.create("axle_erase");

    @Override
    Map<String, String> storageProperties() {
        return database.properties();
    }

    @Override
    List<Path> eventStoreFiles(Path dataDir) {
        try (Connection connection = DriverManager.getConnection(database.url(),
                database.properties().get("spring.datasource.username"), "");
             Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT");
            Path data = Path.of(single(statement, "SHOW data_directory"));
            String oid = single(statement, "SELECT oid FROM pg_database WHERE datname = current_database()");
            return files(data.resolve("base").resolve(oid), file -> true);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot find the files of " + database.url(), e);
        }
    }

    @Override
    boolean destroyedKeysLeaveTheFiles() {
        return false;
    }

    @Override
    @AfterAll
    void shutDown() {
        try {
            super.shutDown();
        } finally {
            database.close();
        }
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }
}
