package io.axle.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertyResolver;
import org.springframework.core.env.PropertySourcesPropertyResolver;
import org.springframework.core.io.ClassPathResource;

/**
 * What the relational profiles resolve to when nothing is set in the environment: both keep tokens, sagas and dead
 * letters as bytea in the row (the stock PostgreSQL dialect makes them large objects that nothing ever deletes), and the
 * Axon Server profile has no database of its own to fall back to.
 */
class ProductionProfilesTest {

    private static PropertyResolver profile(String name) throws IOException {
        MutablePropertySources sources = new MutablePropertySources();
        new YamlPropertySourceLoader().load(name, new ClassPathResource("application-" + name + ".yml"))
                .forEach(sources::addLast);
        PropertySourcesPropertyResolver resolver = new PropertySourcesPropertyResolver(sources);
        resolver.setIgnoreUnresolvableNestedPlaceholders(false);
        return resolver;
    }

    @Test
    void theAxonServerProfileUsesTheByteaDialectOfThePostgresProfile() throws IOException {
        String dialect = profile("axonserver").getProperty("spring.jpa.database-platform");

        assertThat(dialect).isEqualTo(ByteaPostgreSQLDialect.class.getName())
                .isEqualTo(profile("postgres").getProperty("spring.jpa.database-platform"));
    }

    @Test
    void theAxonServerProfileNamesNoDefaultDatabase() {
        assertThatThrownBy(() -> profile("axonserver").getProperty("spring.datasource.url"))
                .as("a node falling back to a local file would run every processor a second time")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AXLE_DATASOURCE_URL");
    }

    @Test
    void bothProfilesShareProcessorsBetweenNodes() throws IOException {
        assertThat(profile("axonserver").getProperty("axle.processors.segments", Integer.class)).isGreaterThan(1);
        assertThat(profile("postgres").getProperty("axle.processors.segments", Integer.class)).isGreaterThan(1);
    }
}
