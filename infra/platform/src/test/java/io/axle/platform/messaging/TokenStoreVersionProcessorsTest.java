package io.axle.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** When a version counts as caught up, with the token store and dead-letter queues it reads stubbed. */
class TokenStoreVersionProcessorsTest {

    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(10);

    private final ProcessorProgress progress = mock(ProcessorProgress.class);
    private final DeadLetters deadLetters = mock(DeadLetters.class);
    private final EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
    private final TokenStoreVersionProcessors versions =
            new TokenStoreVersionProcessors(() -> processing, progress, deadLetters, CLAIM_TIMEOUT);

    @BeforeEach
    void noProcessorOnThisNode() {
        when(processing.eventProcessor("products-v2", StreamingEventProcessor.class)).thenReturn(Optional.empty());
    }

    private void tokensAt(long... positions) {
        List<ProcessorProgress.Segment> segments = new ArrayList<>();
        for (int i = 0; i < positions.length; i++) {
            segments.add(new ProcessorProgress.Segment(i, null, positions[i], -1, null));
        }
        when(progress.segments("products-v2", CLAIM_TIMEOUT)).thenReturn(segments);
    }

    @Test
    void everySegmentAtTheHeadIsCaughtUp() {
        when(progress.head()).thenReturn(OptionalLong.of(41));
        tokensAt(41, 41, 41, 41);

        assertThat(versions.caughtUp("products-v2")).isTrue();
    }

    @Test
    void oneSegmentBehindTheHeadIsNotCaughtUp() {
        when(progress.head()).thenReturn(OptionalLong.of(41));
        tokensAt(41, 40, 41, 41);

        assertThat(versions.caughtUp("products-v2")).isFalse();
    }

    @Test
    void aVersionThatNeverRanIsNotCaughtUp() {
        when(progress.head()).thenReturn(OptionalLong.empty());
        tokensAt();

        assertThat(versions.caughtUp("products-v2")).isFalse();
    }

    @Test
    void onAnEmptyStoreAVersionWithTokensIsCaughtUp() {
        when(progress.head()).thenReturn(OptionalLong.empty());
        tokensAt(-1);

        assertThat(versions.caughtUp("products-v2")).isTrue();
    }

    @Test
    void anEventWaitingAsADeadLetterKeepsItFromBeingCaughtUp() {
        when(progress.head()).thenReturn(OptionalLong.of(41));
        tokensAt(41);
        when(deadLetters.size("products-v2")).thenReturn(1L);

        assertThat(versions.caughtUp("products-v2")).isFalse();
    }
}
