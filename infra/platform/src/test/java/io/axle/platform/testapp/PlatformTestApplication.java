package io.axle.platform.testapp;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A minimal application on top of the platform auto-configuration, as a module's standalone app would be. */
@SpringBootApplication
public class PlatformTestApplication {

    /** A command whose handler answers with the metadata it received. */
    public record EchoCommand(String text) {
    }

    @Component
    public static class EchoHandler {
        @CommandHandler
        public Map<String, Object> handle(EchoCommand command, MetaData metaData) {
            return Map.copyOf(metaData);
        }
    }

    @RestController
    public static class EchoController {
        private final CommandGateway commands;

        public EchoController(CommandGateway commands) {
            this.commands = commands;
        }

        @PostMapping("/api/v1/test/echo")
        @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
        public Object echo() {
            return commands.sendAndWait(new EchoCommand("hi"));
        }
    }

    /** Dates as query parameters, as a parameter record and in a body; and an error raised outside Spring MVC. */
    @RestController
    public static class EdgeController {

        public record Window(Instant from, Instant to) {
        }

        public record Slot(OffsetDateTime start) {
        }

        public record Booking(String name, List<Slot> slots) {
        }

        @GetMapping("/api/v1/test/since")
        @PreAuthorize("isAuthenticated()")
        public Map<String, Object> since(@RequestParam Instant from, @RequestParam(required = false) LocalDate day) {
            return day == null ? Map.of("from", from) : Map.of("from", from, "day", day);
        }

        @GetMapping("/api/v1/test/window")
        @PreAuthorize("isAuthenticated()")
        public Window window(Window window) {
            return window;
        }

        @PostMapping("/api/v1/test/bookings")
        @PreAuthorize("isAuthenticated()")
        public Booking book(@RequestBody Booking booking) {
            return booking;
        }

        @GetMapping("/api/v1/test/send-error")
        @PreAuthorize("isAuthenticated()")
        public void sendError(HttpServletResponse response) throws IOException {
            response.sendError(503, "backend unavailable");
        }
    }
}
