package io.axle.platform;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Keeps Axon's phone-home quiet (it reads system properties only): Axle runs offline and on private networks.
 * Set {@code axle.axoniq.update-check=true} to let it run. Names the profile of a run without one: {@value #EMBEDDED},
 * the embedded defaults (H2 event store, in-process MongoDB, Kafka and MQTT), so that the log and the ready line say
 * which set-up runs.
 */
public class PlatformEnvironmentPostProcessor implements EnvironmentPostProcessor {

    /** The profile active when none is given. */
    public static final String EMBEDDED = "embedded";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("axle.axoniq.update-check", Boolean.class, false)) {
            setIfAbsent("axoniq.update-checker.disabled", "true");
        }
        setIfAbsent("disable-axoniq-console-message", "true");
        if (environment.getActiveProfiles().length == 0) {
            environment.setActiveProfiles(EMBEDDED);
        }
    }

    private static void setIfAbsent(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }
}
