package io.axle.gateway.mqtt;

import java.net.URL;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Keeps the in-process broker's logging in line with the application's. The HiveMQ jar carries a {@code logback.xml}
 * at its root, which Spring Boot would take as the application's logging configuration; when that file is the one in
 * charge and nothing else was chosen ({@code logging.config}, a {@code logback-test.xml}), Spring Boot gets its usual
 * console configuration instead. The broker's chatty loggers default to WARN (any {@code logging.level.*} set by the
 * application wins).
 */
public class BrokerLoggingPostProcessor implements EnvironmentPostProcessor {

    static final String CONFIG = "classpath:io/axle/gateway/mqtt/logback-spring-defaults.xml";

    static final Map<String, Object> QUIET_BROKER = Map.of(
            "logging.level.com.hivemq", "WARN",
            "logging.level.jetbrains.exodus", "WARN",
            "logging.level.migrations", "WARN",
            "logging.level.oshi", "ERROR");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("axle-broker-log-levels", QUIET_BROKER));
        if (environment.containsProperty("logging.config")) {
            return;
        }
        ClassLoader loader = application.getClassLoader() != null ? application.getClassLoader()
                : BrokerLoggingPostProcessor.class.getClassLoader();
        if (loader.getResource("logback-test.xml") != null || loader.getResource("logback-test.groovy") != null) {
            return;
        }
        URL logback = loader.getResource("logback.xml");
        if (logback != null && logback.toString().contains("hivemq-community-edition-embedded")) {
            environment.getPropertySources().addLast(new MapPropertySource("axle-broker-logging",
                    Map.of("logging.config", CONFIG)));
        }
    }
}
