package io.axle.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Which processors may be replayed, and when a segment counts as replaying. */
class ProcessorsTest {

    static class ReadModel {
        @EventHandler
        void on(String event) {
        }

        @ResetHandler
        void reset() {
        }
    }

    static class OtherReadModel {
        @EventHandler
        void on(Integer event) {
        }

        @ResetHandler
        void reset() {
        }
    }

    @DisallowReplay
    static class Mailer {
        @EventHandler
        void on(String event) {
        }
    }

    static class Registry {
        @EventHandler
        void on(String event) {
        }
    }

    private static EventProcessor processor(Object... handlers) {
        return SubscribingEventProcessor.builder().name("p")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(handlers).build())
                .messageSource(SimpleEventBus.builder().build())
                .build();
    }

    @Nested
    class AProjection {

        @Test
        void isAProcessorWhoseEveryHandlerCanClearWhatItBuilt() {
            assertThat(Processors.isProjection(processor(new ReadModel()))).isTrue();
            assertThat(Processors.isProjection(processor(new ReadModel(), new OtherReadModel()))).isTrue();
        }

        @Test
        void isNotAProcessorWithAHandlerThatDisallowsReplay() {
            assertThat(Processors.isProjection(processor(new Mailer()))).isFalse();
            assertThat(Processors.isProjection(processor(new ReadModel(), new Mailer()))).isFalse();
        }

        @Test
        void isNotAProcessorWithAHandlerThatCannotReset() {
            assertThat(Processors.isProjection(processor(new Registry()))).isFalse();
            assertThat(Processors.isProjection(processor(new ReadModel(), new Registry()))).isFalse();
        }
    }

    @Nested
    class ASegment {

        @Test
        void replaysUntilItReachesThePositionItWasResetAt() {
            assertThat(new ProcessorProgress.Segment(0, null, -1, 40, null).replaying()).isTrue();
            assertThat(new ProcessorProgress.Segment(0, null, 39, 40, null).replaying()).isTrue();
            assertThat(new ProcessorProgress.Segment(0, null, 40, 40, null).replaying()).isFalse();
        }

        @Test
        void doesNotReplayWithoutAReset() {
            assertThat(new ProcessorProgress.Segment(0, "node", 12, -1, null).replaying()).isFalse();
        }
    }
}
