package io.axle.platform.messaging;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The processors admin API ({@link ProcessorController}), where the token store is relational (ADR 0018); this node's
 * part in replays asked on any node ({@link ReplayCoordinator}); and the blue/green versions of projections (ADR 0020):
 * their pointers, the watch that switches and retires them, and the guard that keeps a retired version's handlers from
 * writing.
 */
@AutoConfiguration(after = DeadLetterAutoConfiguration.class)
@ConditionalOnBean(ProcessorProgress.class)
@Import(ProcessorController.class)
public class ProcessorAdminAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ProcessorAdminAutoConfiguration.class);

    /** The name Axon's token store gives this node in its claims (its default node id). */
    private static final String NODE = ManagementFactory.getRuntimeMXBean().getName();

    @Bean
    ReplayCoordination axleReplayCoordination(EntityManagerProvider entityManagers,
                                              TransactionManager transactionManager,
                                              @Value("${axle.processors.replay-release-timeout:30s}") Duration release) {
        return new ReplayCoordination(entityManagers, transactionManager, release.plusSeconds(30), Clock.systemUTC());
    }

    /** Looks at the replay requests of every node at a fixed interval, while the application runs. */
    @Bean
    PeriodicTask axleReplayCoordinator(ObjectProvider<Configuration> axon, ReplayCoordination coordination,
                                       @Value("${axle.processors.replay-poll-interval:1s}") Duration every) {
        ReplayCoordinator coordinator = new ReplayCoordinator(() -> axon.getObject().eventProcessingConfiguration(),
                coordination, Clock.systemUTC());
        return new PeriodicTask("axle-replay-coordinator", every, () -> {
            try {
                coordinator.poll();
            } catch (RuntimeException e) {
                log.warn("Could not read the replay requests ({}); trying again in {}", e.toString(), every);
            }
        });
    }

    @Bean
    Processors axleProcessors(ObjectProvider<Configuration> axon, ProcessorProgress progress, DeadLetters deadLetters,
                              ProjectionVersions versions, ReplayCoordination coordination,
                              @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout,
                              @Value("${axle.processors.replay-release-timeout:30s}") Duration release) {
        return new Processors(() -> axon.getObject().eventProcessingConfiguration(), progress, deadLetters, versions,
                claimTimeout, Clock.systemUTC(), coordination, NODE, release);
    }

    /** {@code axle.projections.<name>.switch=auto|manual} (auto by default) for each versioned projection. */
    @Bean
    ProjectionVersions axleProjectionVersions(ObjectProvider<VersionedProjection> projections,
                                              ObjectProvider<MongoTemplate> mongo, ObjectProvider<Configuration> axon,
                                              ProcessorProgress progress, DeadLetters deadLetters,
                                              Environment environment,
                                              @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout,
                                              @Value("${axle.projections.pointer-cache:1s}") Duration cacheFor,
                                              @Value("${axle.projections.retire-after:5s}") Duration retireAfter) {
        return new ProjectionVersions(projections.orderedStream().toList(), new ProjectionPointers(mongo::getObject),
                new TokenStoreVersionProcessors(() -> axon.getObject().eventProcessingConfiguration(), progress,
                        deadLetters, claimTimeout),
                name -> ProjectionVersions.SwitchMode.valueOf(environment
                        .getProperty("axle.projections." + name + ".switch", "auto").toUpperCase(Locale.ROOT)),
                cacheFor, retireAfter, Clock.systemUTC());
    }

    /** A retired version's handlers let every event pass unhandled, on every node, even one started afterwards. */
    @Bean
    ConfigurerModule axleRetiredVersionGuard(ObjectProvider<VersionedProjection> projections,
                                             ObjectProvider<ProjectionVersions> versions) {
        return configurer -> projections.orderedStream()
                .flatMap(projection -> projection.versions().stream())
                .forEach(version -> configurer.eventProcessing().registerHandlerInterceptor(version.processingGroup(),
                        config -> (unitOfWork, chain) -> versions.getObject().retired(version.processingGroup())
                                ? null : chain.proceed()));
    }

    /** Runs {@link ProjectionVersions#check()} on every node at a fixed interval, while the application runs. */
    @Bean
    PeriodicTask axleProjectionVersionWatch(ProjectionVersions versions,
                                            @Value("${axle.projections.check-interval:1s}") Duration every) {
        return new PeriodicTask("axle-projection-versions", every, () -> {
            try {
                versions.check();
            } catch (RuntimeException e) {
                log.warn("Checking the versions of projections failed; trying again in {}", every, e);
            }
        });
    }
}
