package io.axle.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Reading ids sort by the reading's time, and a redelivered reading keeps its id. */
class ReadingIdsTest {

    private static final Instant T = Instant.parse("2026-12-01T10:15:30.123Z");

    @Test
    void idsAreVersionSevenUuidsThatSortByTheReadingsTime() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ids.add(i % 2 == 0 ? ReadingIds.random(T.plusMillis(i))
                    : ReadingIds.derived("run", "s-" + i, T.plusMillis(i)));
        }
        assertThat(ids).isSorted();
        ids.forEach(id -> {
            assertThat(UUID.fromString(id).version()).isEqualTo(7);
            assertThat(UUID.fromString(id).variant()).isEqualTo(2);
        });
    }

    @Test
    void aRedeliveredReadingGetsTheSameIdAndAnotherReadingAnother() {
        assertThat(ReadingIds.derived("run-1", "s-1", T)).isEqualTo(ReadingIds.derived("run-1", "s-1", T));
        assertThat(ReadingIds.derived("run-1", "s-1", T)).isNotEqualTo(ReadingIds.derived("run-1", "s-2", T));
        assertThat(ReadingIds.derived("run-1", "s-1", T))
                .isNotEqualTo(ReadingIds.derived("run-1", "s-1", T.plusNanos(1000)));
        assertThat(ReadingIds.random(T)).isNotEqualTo(ReadingIds.random(T));
    }
}
