package io.axle.platform.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Rewrites the embedded H2 database file ({@code SHUTDOWN COMPACT}) after a data subject was erased, so that the
 * destroyed key does not linger in the file's unused space. H2 cannot do it while the application uses the file: it
 * is done once the connection pool is closed (this bean is destroyed after the data source), or, after a stop that
 * could not, before the pool opens the file at the next start. Does nothing for any other database.
 */
public final class H2FileCompaction implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(H2FileCompaction.class);
    private static final String H2_FILE = "jdbc:h2:file:";

    private final String url;
    private final String username;
    private final String password;
    private final Path marker;

    public H2FileCompaction(String url, String username, String password) {
        this.url = url;
        this.username = username;
        this.password = password;
        this.marker = url != null && url.toLowerCase(Locale.ROOT).startsWith(H2_FILE)
                ? Path.of(url.substring(H2_FILE.length()).split(";", 2)[0] + ".compact") : null;
        compactIfRequested();
    }

    /** Records that the file must be rewritten when it is next closed. */
    public void request() {
        if (marker != null && !Files.exists(marker)) {
            try {
                Files.writeString(marker, "requested\n");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot request a compaction of " + url, e);
            }
        }
    }

    @Override
    public void destroy() {
        compactIfRequested();
    }

    private void compactIfRequested() {
        if (marker == null || !Files.exists(marker)) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(url, username, password);
             Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN COMPACT");
        } catch (SQLException e) {
            log.warn("The H2 database {} could not be compacted after an erasure; it is tried again at the next stop "
                    + "or start: {}", url, e.getMessage());
            return;
        }
        try {
            Files.deleteIfExists(marker);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log.info("H2 database {} rewritten after an erasure", url);
    }
}
