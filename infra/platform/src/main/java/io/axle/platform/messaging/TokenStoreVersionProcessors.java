package io.axle.platform.messaging;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;

/**
 * A version's catch-up read from the shared token store and dead-letter queue (every node sees the same), and its
 * retirement: the processor stopped on this node, then its tokens deleted.
 */
class TokenStoreVersionProcessors implements ProjectionVersions.VersionProcessors {

    private final Supplier<EventProcessingConfiguration> processing;
    private final ProcessorProgress progress;
    private final DeadLetters deadLetters;
    private final Duration claimTimeout;

    TokenStoreVersionProcessors(Supplier<EventProcessingConfiguration> processing, ProcessorProgress progress,
                                DeadLetters deadLetters, Duration claimTimeout) {
        this.processing = processing;
        this.progress = progress;
        this.deadLetters = deadLetters;
        this.claimTimeout = claimTimeout;
    }

    /**
     * Every segment's token at or after the head measured now, no event of the group waiting as a dead letter (it
     * would be missing from the read model), and no segment failing on this node.
     */
    @Override
    public boolean caughtUp(String processingGroup) {
        OptionalLong head = progress.head();
        List<ProcessorProgress.Segment> segments = progress.segments(processingGroup, claimTimeout);
        if (segments.isEmpty() || deadLetters.size(processingGroup) > 0 || failingHere(processingGroup)) {
            return false;
        }
        long newest = head.isPresent() ? head.getAsLong() : -1L;
        return segments.stream().allMatch(segment -> segment.position() >= newest);
    }

    @Override
    public void retire(String processingGroup) {
        processing.get().eventProcessor(processingGroup, StreamingEventProcessor.class)
                .ifPresent(StreamingEventProcessor::shutDown);
        progress.deleteTokens(processingGroup);
    }

    private boolean failingHere(String processingGroup) {
        return processing.get().eventProcessor(processingGroup, StreamingEventProcessor.class)
                .map(processor -> processor.processingStatus().values().stream()
                        .anyMatch(EventTrackerStatus::isErrorState))
                .orElse(false);
    }
}
