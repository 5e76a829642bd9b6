package io.axle.launcher.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/** A fresh, empty database on the machine's PostgreSQL (127.0.0.1:5432, trust auth), dropped when closed. */
public final class PostgresDatabase implements AutoCloseable {

    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final String USER = System.getProperty("axle.test.postgres.user", "postgres");

    private final String name;

    private PostgresDatabase(String name) {
        this.name = name;
    }

    public static PostgresDatabase create(String prefix) {
        String name = prefix + "_" + Long.toString(System.nanoTime(), 36);
        execute("CREATE DATABASE " + name);
        return new PostgresDatabase(name);
    }

    public String url() {
        return "jdbc:postgresql://127.0.0.1:5432/" + name;
    }

    /** Properties that point the event store of the `postgres` profile at this database. */
    public Map<String, String> properties() {
        return Map.of(
                "spring.profiles.active", "postgres",
                "spring.datasource.url", url(),
                "spring.datasource.username", USER);
    }

    @Override
    public void close() {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(ADMIN_URL, USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at 127.0.0.1:5432 refused '" + sql + "': " + e.getMessage(), e);
        }
    }
}
