package io.axle.command.document.pipeline;

import io.axle.api.document.DocumentReprocessRequestedEvent;
import io.axle.api.document.DocumentTextExtractedEvent;
import io.axle.api.document.DocumentUploadedEvent;
import io.axle.command.document.DocumentTypes;
import io.axle.command.document.OriginalStore;
import io.axle.documents.text.TextExtractor;
import io.axle.documents.understanding.DocumentUnderstanding;
import io.axle.documents.understanding.classification.DocumentClassifier;
import io.axle.documents.understanding.classification.LearnedClassifier;
import io.axle.documents.understanding.classification.RuleClassifier;
import io.axle.documents.understanding.language.LanguageIdentifier;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Wires the document pipeline where the command side runs: one {@link TextExtractor} per process (its OCR engines,
 * closed on shutdown), the understanding with its learned index on disk, and the three processors.
 *
 * <p>{@value DocumentTextStep#PROCESSING_GROUP} and {@value DocumentUnderstandingStep#PROCESSING_GROUP} handle one
 * event per transaction, so a killed process redoes at most the document it was reading. Their events are sequenced by
 * document <em>and run</em>: a failed run's dead letter holds back the later events of that run only, never the next
 * run a reprocess starts (Axon's sequenced dead-letter queue would otherwise queue it behind the letter). Type
 * corrections form their own sequence per document.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DocumentPipelineProperties.class)
public class DocumentPipelineConfiguration {

    @Bean
    DocumentFacts documentFacts(EventStore eventStore) {
        return new DocumentFacts(eventStore);
    }

    @Bean
    TextExtractor documentTextExtractor(DocumentPipelineProperties properties) {
        return new TextExtractor(properties.ocr().settings());
    }

    @Bean
    DocumentTypes documentTypes(DocumentPipelineProperties properties) {
        return new DocumentTypes(properties.typeRules());
    }

    @Bean
    LearnedClassifier learnedDocumentClassifier(DocumentPipelineProperties properties,
                                                @Value("${axle.data-dir:./data}") Path dataDir) {
        Path folder = properties.learnedIndex() != null ? properties.learnedIndex()
                : dataDir.resolve("documents").resolve("learned");
        try {
            Files.createDirectories(folder);
            return new LearnedClassifier(org.apache.lucene.store.FSDirectory.open(folder),
                    DocumentClassifier.DEFAULT_K);
        } catch (IOException e) {
            throw new UncheckedIOException("the learned classification index cannot be opened in " + folder, e);
        }
    }

    @Bean
    DocumentUnderstanding documentUnderstanding(DocumentTypes types, LearnedClassifier learned,
                                                DocumentPipelineProperties properties) {
        return new DocumentUnderstanding(new LanguageIdentifier(properties.languages()),
                new DocumentClassifier(new RuleClassifier(types.rules()), learned), properties.confidenceThresholds());
    }

    /** A thread per processor that sends commands (text, understanding), and room for more segments. */
    @Bean
    PipelineCommands documentPipelineCommands(CommandGateway commandGateway) {
        return PipelineCommands.withThreads(commandGateway, 4);
    }

    @Bean
    DocumentTextStep documentTextStep(DocumentFacts facts, OriginalStore originals, TextExtractor extractor,
                                      PipelineCommands commands) {
        return new DocumentTextStep(facts, originals, extractor, commands);
    }

    @Bean
    DocumentUnderstandingStep documentUnderstandingStep(DocumentFacts facts, DocumentUnderstanding understanding,
                                                        PipelineCommands commands) {
        return new DocumentUnderstandingStep(facts, understanding, commands);
    }

    @Bean
    DocumentLearning documentLearning(DocumentFacts facts, DocumentUnderstanding understanding) {
        return new DocumentLearning(facts, understanding);
    }

    @Bean
    ConfigurerModule documentPipelineProcessors(
            @Value("${axle.processors.token-claim-interval:1s}") Duration claimInterval,
            @Value("${axle.processors.event-availability-timeout:1s}") Duration availability) {
        return configurer -> configure(configurer.eventProcessing(), claimInterval, availability);
    }

    /** One event per batch for the two steps, sequenced by document and run. */
    static EventProcessingConfigurer configure(EventProcessingConfigurer processing, Duration claimInterval,
                                               Duration availability) {
        for (String group : new String[] {DocumentTextStep.PROCESSING_GROUP,
                DocumentUnderstandingStep.PROCESSING_GROUP}) {
            processing.registerSequencingPolicy(group, c -> DocumentPipelineConfiguration::documentAndRun)
                    .registerTrackingEventProcessorConfiguration(group,
                            c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                    .andBatchSize(1)
                                    .andTokenClaimInterval(claimInterval.toMillis(), TimeUnit.MILLISECONDS)
                                    .andEventAvailabilityTimeout(availability.toMillis(), TimeUnit.MILLISECONDS));
        }
        return processing;
    }

    /**
     * The sequence of a pipeline event: {@code <document>#<run>} for the events that start a step of a run, the
     * document alone with a suffix for the others (type corrections).
     */
    static Object documentAndRun(EventMessage<?> event) {
        Object payload = event.getPayload();
        if (payload instanceof DocumentUploadedEvent uploaded) {
            return uploaded.documentId() + "#1";
        }
        if (payload instanceof DocumentReprocessRequestedEvent reprocess) {
            return reprocess.documentId() + "#" + reprocess.run();
        }
        if (payload instanceof DocumentTextExtractedEvent text) {
            return text.documentId() + "#" + text.run();
        }
        return event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() + "#corrections"
                : event.getIdentifier();
    }
}
