package io.axle.platform.logging;

import java.util.List;

import ch.qos.logback.classic.PatternLayout;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.context.ApplicationListener;

/**
 * Makes {@code %m}, {@code %msg} and {@code %message} escape control characters in every Logback pattern built from
 * now on (Spring Boot's console and file patterns, a module's own logback file, the tests'): one place, rather than
 * escaping at each call site. Runs when a Spring application starts, before Spring Boot configures logging.
 */
public class LogEscaping implements ApplicationListener<ApplicationStartingEvent> {

    private static final List<String> MESSAGE_WORDS = List.of("m", "msg", "message");

    @Override
    public void onApplicationEvent(ApplicationStartingEvent event) {
        install();
    }

    /** Replaces Logback's message converter by {@link EscapedMessageConverter}; idempotent. */
    public static void install() {
        try {
            Class.forName("ch.qos.logback.classic.PatternLayout", false, LogEscaping.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError noLogback) {
            return;
        }
        MESSAGE_WORDS.forEach(word -> {
            PatternLayout.DEFAULT_CONVERTER_SUPPLIER_MAP.put(word, EscapedMessageConverter::new);
            PatternLayout.DEFAULT_CONVERTER_MAP.put(word, EscapedMessageConverter.class.getName());
        });
    }
}
