package io.axle.launcher;

import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Axle in one process: every module under {@code io.axle} is scanned, the modules' own standalone application classes
 * and the platform and billing libraries (which arrive as auto-configuration) excepted. This is {@code @SpringBootApplication} spelled out,
 * because that annotation cannot take extra exclude filters.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@AutoConfigurationPackage(basePackages = "io.axle")
@ComponentScan(basePackages = "io.axle", excludeFilters = {
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootApplication.class),
        @ComponentScan.Filter(type = FilterType.REGEX, pattern = "io\\.axle\\.(platform|billing|webhooks)\\..*")})
public class AxleApplication {

    private static final Logger log = LoggerFactory.getLogger(AxleApplication.class);

    public static void main(String[] args) {
        SpringApplication.run(AxleApplication.class, args);
    }

    /** The first line once ready; notices meant to be seen (the generated admin password) follow it. */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void announce(ApplicationReadyEvent ready) {
        Environment environment = ready.getApplicationContext().getEnvironment();
        int port = ready.getApplicationContext() instanceof WebServerApplicationContext web
                ? web.getWebServer().getPort() : -1;
        String[] profiles = environment.getActiveProfiles();
        log.info("Axle is ready on http://localhost:{}/ (data in {}, profiles {})", port,
                Path.of(environment.getProperty("axle.data-dir", "./data")).toAbsolutePath().normalize(),
                profiles.length == 0 ? "none" : String.join(",", profiles));
    }
}
