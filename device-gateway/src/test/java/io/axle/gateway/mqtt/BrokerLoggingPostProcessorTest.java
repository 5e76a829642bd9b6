package io.axle.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;

import com.hivemq.embedded.EmbeddedHiveMQ;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.DefaultResourceLoader;

/** The HiveMQ jar's logback.xml must not become the application's logging configuration. */
class BrokerLoggingPostProcessorTest {

    private final BrokerLoggingPostProcessor postProcessor = new BrokerLoggingPostProcessor();

    private static SpringApplication applicationSeeing(ClassLoader loader) {
        SpringApplication application = new SpringApplication();
        application.setResourceLoader(new DefaultResourceLoader(loader));
        return application;
    }

    /** Sees only the HiveMQ jar, as a packaged application without logging files of its own does. */
    private static URLClassLoader onlyTheBrokerJar() {
        URL jar = EmbeddedHiveMQ.class.getProtectionDomain().getCodeSource().getLocation();
        return new URLClassLoader(new URL[] {jar}, null);
    }

    @Test
    void whenTheBrokersLogbackXmlIsInChargeSpringBootsConsoleLoggingIsUsed() throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        try (URLClassLoader loader = onlyTheBrokerJar()) {
            assertThat(loader.getResource("logback.xml")).as("the premise: the jar carries one").isNotNull();

            postProcessor.postProcessEnvironment(environment, applicationSeeing(loader));
        }

        assertThat(environment.getProperty("logging.config")).isEqualTo(BrokerLoggingPostProcessor.CONFIG);
        assertThat(new DefaultResourceLoader().getResource(BrokerLoggingPostProcessor.CONFIG).exists()).isTrue();
    }

    @Test
    void aChosenConfigurationIsLeftAlone() throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("app",
                Map.of("logging.config", "classpath:mine.xml")));
        try (URLClassLoader loader = onlyTheBrokerJar()) {
            postProcessor.postProcessEnvironment(environment, applicationSeeing(loader));
        }

        assertThat(environment.getProperty("logging.config")).isEqualTo("classpath:mine.xml");
    }

    @Test
    void aLogbackTestXmlKeepsItsPlace() {
        StandardEnvironment environment = new StandardEnvironment();

        postProcessor.postProcessEnvironment(environment, applicationSeeing(getClass().getClassLoader()));

        assertThat(environment.getProperty("logging.config")).isNull();
    }

    @Test
    void theBrokersLoggersAreQuietUnlessTheApplicationSaysOtherwise() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("app",
                Map.of("logging.level.com.hivemq", "DEBUG")));

        postProcessor.postProcessEnvironment(environment, applicationSeeing(getClass().getClassLoader()));

        assertThat(environment.getProperty("logging.level.com.hivemq")).isEqualTo("DEBUG");
        assertThat(environment.getProperty("logging.level.jetbrains.exodus")).isEqualTo("WARN");
    }
}
