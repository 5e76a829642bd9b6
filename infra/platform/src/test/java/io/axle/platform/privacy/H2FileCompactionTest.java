package io.axle.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A destroyed key leaves the H2 file once the database is rewritten after the erasure. */
class H2FileCompactionTest {

    @TempDir
    Path dataDir;

    private String url() {
        return "jdbc:h2:file:" + dataDir.resolve("eventstore") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    }

    /** Whether the file's bytes hold {@code wanted} (compared byte for byte, as Latin-1 text). */
    private boolean fileHolds(byte[] wanted) throws IOException {
        return new String(Files.readAllBytes(dataDir.resolve("eventstore.mv.db")), StandardCharsets.ISO_8859_1)
                .contains(new String(wanted, StandardCharsets.ISO_8859_1));
    }

    @Test
    void theDestroyedKeyIsInTheFileUntilTheRewriteAndGoneAfter() throws IOException {
        H2FileCompaction compaction = new H2FileCompaction(url(), "sa", "");
        JdbcConnectionPool pool = JdbcConnectionPool.create(url(), "sa", "");
        JdbcPersonalDataKeys keys = new JdbcPersonalDataKeys(pool, Duration.ofMinutes(1), Clock.systemUTC(),
                compaction::request);
        byte[] key = keys.keyToWrite("c-1").getEncoded();

        keys.erase("c-1");

        assertThat(fileHolds(key)).as("an update leaves the old row in the file").isTrue();
        assertThat(dataDir.resolve("eventstore.compact")).exists();

        pool.dispose();
        compaction.destroy();

        assertThat(fileHolds(key)).isFalse();
        assertThat(dataDir.resolve("eventstore.compact")).doesNotExist();
        JdbcConnectionPool reopened = JdbcConnectionPool.create(url(), "sa", "");
        try {
            JdbcPersonalDataKeys again = new JdbcPersonalDataKeys(reopened, Duration.ofMinutes(1), Clock.systemUTC());
            assertThat(again.erasedAt("c-1")).isPresent();
            assertThat(again.keyToRead("c-1")).isEmpty();
        } finally {
            reopened.dispose();
        }
    }

    @Test
    void withoutAnErasureNothingIsRewritten() {
        H2FileCompaction compaction = new H2FileCompaction(url(), "sa", "");

        compaction.destroy();

        assertThat(dataDir.resolve("eventstore.mv.db")).doesNotExist();
    }

    @Test
    void anotherDatabaseIsLeftAlone() {
        H2FileCompaction compaction = new H2FileCompaction("jdbc:postgresql://localhost/axle", "axle", "");

        compaction.request();
        compaction.destroy();

        assertThat(dataDir).isEmptyDirectory();
    }
}
