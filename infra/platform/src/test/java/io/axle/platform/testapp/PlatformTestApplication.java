package io.axle.platform.testapp;

import java.util.Map;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PostMapping;
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
}
