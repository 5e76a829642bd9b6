package io.axle.platform.privacy;

import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keys in the relational table {@value #TABLE} of the process's database (the H2 file or PostgreSQL; with Axon Server,
 * the database shared for tokens and sagas), never in the event store: one row per subject with its key, when it was
 * created and when it was erased (the key then null). Keys are cached for {@code cacheTtl}, so another node may still
 * read an erased subject's data for that long; an erasure is final and cached as such at once.
 *
 * <p>A key is created on a connection of its own, committed at once: it must exist before any event encrypted with it
 * is stored, and two commands creating it together must both end up with the one stored. Erasure joins the caller's
 * transaction, so on a JPA event store the key goes in the same commit as the event recording the erasure.
 */
public final class JdbcPersonalDataKeys implements PersonalDataKeys {

    static final String TABLE = "data_subject_keys";

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final Duration cacheTtl;
    private final Clock clock;
    private final Runnable afterErase;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public JdbcPersonalDataKeys(DataSource dataSource, Duration cacheTtl, Clock clock) {
        this(dataSource, cacheTtl, clock, () -> { });
    }

    /** As above; {@code afterErase} runs after each erasure (to have the database file rewritten). */
    public JdbcPersonalDataKeys(DataSource dataSource, Duration cacheTtl, Clock clock, Runnable afterErase) {
        this.dataSource = dataSource;
        this.afterErase = afterErase;
        this.jdbc = new JdbcTemplate(dataSource);
        this.cacheTtl = cacheTtl;
        this.clock = clock;
        createTableIfMissing();
    }

    @Override
    public SecretKey keyToWrite(String subject) {
        Stored stored = lookUp(subject).orElseGet(() -> create(subject));
        if (stored.key() == null) {
            throw new SubjectErasedException(subject);
        }
        return stored.key();
    }

    @Override
    public Optional<SecretKey> keyToRead(String subject) {
        return lookUp(subject).map(Stored::key);
    }

    @Override
    public Instant erase(String subject) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        int erased = jdbc.update("update " + TABLE + " set secret_key = null, erased_at = ? where subject_id = ?"
                + " and erased_at is null", Timestamp.from(now), subject);
        if (erased == 0 && jdbc.queryForObject("select count(*) from " + TABLE + " where subject_id = ?",
                Integer.class, subject) == 0) {
            jdbc.update("insert into " + TABLE + " (subject_id, secret_key, created_at, erased_at) values (?, null, ?, ?)",
                    subject, Timestamp.from(now), Timestamp.from(now));
        }
        Instant at = erased > 0 ? now : jdbc.queryForObject("select erased_at from " + TABLE + " where subject_id = ?",
                Timestamp.class, subject).toInstant();
        cache.put(subject, new Cached(new Stored(null, at), Long.MAX_VALUE));
        afterErase.run();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status != STATUS_COMMITTED) {
                        cache.remove(subject);
                    }
                }
            });
        }
        return at;
    }

    @Override
    public Optional<Instant> erasedAt(String subject) {
        return lookUp(subject).map(Stored::erasedAt);
    }

    /** The subject's row as last committed, through the cache; empty when there is none. */
    private Optional<Stored> lookUp(String subject) {
        Cached cached = cache.get(subject);
        long now = System.nanoTime();
        if (cached != null && now - cached.expiresAt() < 0) {
            return Optional.of(cached.stored());
        }
        Optional<Stored> stored = read(subject);
        stored.ifPresent(found -> cache.put(subject, new Cached(found,
                found.erasedAt() != null ? Long.MAX_VALUE : now + cacheTtl.toNanos())));
        return stored;
    }

    private Optional<Stored> read(String subject) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select secret_key, erased_at from " + TABLE + " where subject_id = ?")) {
            select.setString(1, subject);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                byte[] key = row.getBytes(1);
                Timestamp erasedAt = row.getTimestamp(2);
                return Optional.of(new Stored(key == null ? null : new SecretKeySpec(key, "AES"),
                        erasedAt == null ? null : erasedAt.toInstant()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the key of data subject " + subject, e);
        }
    }

    /** Stores a new key for the subject, or, when another thread or node stored one first, answers that one. */
    private Stored create(String subject) {
        byte[] key = newKey();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement insert = connection.prepareStatement("insert into " + TABLE
                    + " (subject_id, secret_key, created_at) values (?, ?, ?)")) {
                insert.setString(1, subject);
                insert.setBytes(2, key);
                insert.setTimestamp(3, Timestamp.from(clock.instant()));
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                throw new IllegalStateException("Cannot store the key of data subject " + subject, e);
            }
        }
        cache.remove(subject);
        return lookUp(subject).orElseThrow(() -> new IllegalStateException("The key of " + subject + " vanished"));
    }

    private static byte[] newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            return generator.generateKey().getEncoded();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("AES is missing from this Java runtime", e);
        }
    }

    private void createTableIfMissing() {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            String binary = product.contains("postgres") ? "bytea" : "varbinary(32)";
            try (Statement statement = connection.createStatement()) {
                statement.execute("create table if not exists " + TABLE + " ("
                        + "subject_id varchar(200) not null primary key, "
                        + "secret_key " + binary + ", "
                        + "created_at timestamp with time zone not null, "
                        + "erased_at timestamp with time zone)");
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the key table " + TABLE, e);
        }
    }

    /** A subject's row: its key, null once erased, and when it was erased. */
    private record Stored(SecretKey key, Instant erasedAt) {
    }

    private record Cached(Stored stored, long expiresAt) {
    }
}
