package io.axle.platform.deadletter;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/** The platform with one event handler in the dead-lettering group {@value #GROUP}. */
@SpringBootApplication
public class DeadLetterTestApplication {

    public static final String GROUP = "dlq-test";

    /** Something happened to a thing; {@code step} counts its events. */
    public record ThingHappened(String thingId, int step) {
    }

    /** Records what it handled; fails for the things marked broken, and for all while its store is unavailable. */
    @Component
    @ProcessingGroup(GROUP)
    public static class ThingHandler {

        final Set<String> broken = ConcurrentHashMap.newKeySet();
        final List<String> handled = new CopyOnWriteArrayList<>();
        final AtomicBoolean storeUnavailable = new AtomicBoolean();

        @EventHandler
        void on(ThingHappened event) {
            if (storeUnavailable.get()) {
                throw new DataAccessResourceFailureException("Timed out while connecting to the read store");
            }
            if (broken.contains(event.thingId())) {
                throw new IllegalStateException("cannot handle " + event.thingId());
            }
            handled.add(event.thingId() + ":" + event.step());
        }
    }
}
