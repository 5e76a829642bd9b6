package io.axle.platform.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import kafka.server.KafkaRaftServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaConnectionDetails;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Starts the in-process Kafka broker on {@code ${axle.data-dir}/kafka} and points Spring Kafka's auto-configured
 * producer, consumer and admin at it, unless {@code axle.kafka.embedded.enabled=false} or
 * {@code spring.kafka.bootstrap-servers} names a real cluster.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@ConditionalOnClass({KafkaRaftServer.class, KafkaConnectionDetails.class})
@ConditionalOnExpression("'${spring.kafka.bootstrap-servers:}'.isEmpty() and ${axle.kafka.embedded.enabled:true}")
public class EmbeddedKafkaAutoConfiguration {

    @Bean
    static EmbeddedKafkaStarter axleEmbeddedKafkaStarter() {
        return new EmbeddedKafkaStarter();
    }

    /** The running broker; asking for it waits until it serves. */
    @Bean(destroyMethod = "close")
    EmbeddedKafkaBroker axleEmbeddedKafka(EmbeddedKafkaStarter starter) {
        return starter.broker();
    }

    /** Depending on the broker bean, this makes every Kafka client bean wait until the broker serves. */
    @Bean
    KafkaConnectionDetails axleEmbeddedKafkaConnectionDetails(EmbeddedKafkaBroker broker) {
        List<String> servers = List.of(broker.bootstrapServers());
        return new KafkaConnectionDetails() {
            @Override
            public List<String> getBootstrapServers() {
                return servers;
            }

            @Override
            public String getSecurityProtocol() {
                return "PLAINTEXT";
            }
        };
    }

    /**
     * Begins the broker start on its own thread before any bean is created, so that it overlaps with the rest of the
     * application's startup instead of adding to it. Closes the broker if the context fails before handing it over.
     */
    static final class EmbeddedKafkaStarter implements BeanFactoryPostProcessor, EnvironmentAware, DisposableBean {

        private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaAutoConfiguration.class);

        private Environment environment;
        private CompletableFuture<EmbeddedKafkaBroker> starting;

        @Override
        public void setEnvironment(Environment environment) {
            this.environment = environment;
        }

        @Override
        public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
            EmbeddedKafkaBroker.Settings settings = settings(environment);
            starting = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                long started = System.nanoTime();
                try {
                    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(settings);
                    log.info("Kafka broker listening on {}, data in {} (started in {} ms)", broker.bootstrapServers(),
                            broker.dataDirectory(), (System.nanoTime() - started) / 1_000_000);
                    starting.complete(broker);
                } catch (Throwable e) {
                    starting.completeExceptionally(e);
                }
            }, "axle-kafka-start");
            thread.start();
        }

        EmbeddedKafkaBroker broker() {
            try {
                return starting.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw e;
            }
        }

        @Override
        public void destroy() {
            EmbeddedKafkaBroker broker = starting == null ? null : starting.handle((started, failure) -> started).join();
            if (broker != null) {
                broker.close();
            }
        }

        static EmbeddedKafkaBroker.Settings settings(Environment environment) {
            Binder binder = Binder.get(environment);
            String dataDir = binder.bind("axle.data-dir", String.class).orElse("./data");
            int port = binder.bind("axle.kafka.embedded.port", Integer.class).orElse(9092);
            Duration retention = binder.bind("axle.kafka.embedded.retention", Duration.class).orElse(Duration.ofDays(7));
            return new EmbeddedKafkaBroker.Settings(Path.of(dataDir, "kafka"), port, retention);
        }
    }
}
